// Every error code is translatable in both locales, and each message formats with exactly the params its code
// guarantees (a message that needs an optional or undeclared param would show a raw key in the UI).
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { type ErrorCode, ErrorCodeSchema, errorCodes, paramsSchemaOf } from "./codes";

const catalogues = { en: readErrors(en), "zh-CN": readErrors(zhCN) } as const;
type Locale = keyof typeof catalogues;
const locales = Object.keys(catalogues) as Locale[];

function readErrors(messages: unknown): Record<string, unknown> {
  if (typeof messages !== "object" || messages === null || !("errors" in messages)) return {};
  const errors: unknown = messages.errors;
  return typeof errors === "object" && errors !== null ? (errors as Record<string, unknown>) : {};
}

function template(locale: Locale, code: ErrorCode): string {
  const value = catalogues[locale][code];
  if (typeof value !== "string") throw new Error(`errors.${code} missing in ${locale}`);
  return value;
}

type Values = Record<string, string | number>;

/** A value for every required param; optional params are left out on purpose. */
function requiredSampleParams(code: ErrorCode): Values {
  const values: Values = {};
  for (const [key, schema] of Object.entries(paramsSchemaOf(code)?.shape ?? {})) {
    if (schema instanceof z.ZodOptional) continue;
    if (schema instanceof z.ZodString) values[key] = `sample_${key}`;
    else if (schema instanceof z.ZodNumber) values[key] = 17;
    else if (schema instanceof z.ZodEnum) values[key] = String(schema.options[0]);
    else if (schema instanceof z.ZodArray)
      continue; // never interpolated: the UI drops non-primitive params
    else throw new Error(`${code}.${key}: add a sample for this schema type`);
  }
  return values;
}

function format(locale: Locale, message: string, values: Values): { text: string; errors: string[] } {
  const errors: string[] = [];
  const t = createTranslator({
    locale,
    messages: { message },
    onError: (error) => errors.push(error.message),
    getMessageFallback: () => "<<fallback>>",
  });
  return { text: t("message", values), errors };
}

/** The required params a message actually uses: leaving one out makes formatting fail. */
function usedParams(locale: Locale, code: ErrorCode): string[] {
  const values = requiredSampleParams(code);
  return Object.keys(values).filter((key) => {
    const { [key]: _omitted, ...rest } = values;
    return format(locale, template(locale, code), rest).errors.length > 0;
  });
}

describe("errors.* message catalogues", () => {
  it.each(locales.flatMap((locale) => errorCodes.map((code) => [locale, code] as const)))(
    "%s has a message for %s",
    (locale, code) => {
      expect(catalogues[locale][code]).toEqual(expect.stringMatching(/\S/));
    },
  );

  it.each(locales)("%s has no errors.* key that is not a code", (locale) => {
    const strays = Object.keys(catalogues[locale]).filter((key) => !ErrorCodeSchema.safeParse(key).success);
    expect(strays).toEqual([]);
  });

  it.each(locales.flatMap((locale) => errorCodes.map((code) => [locale, code] as const)))(
    "%s %s formats with only its required params",
    (locale, code) => {
      const { text, errors } = format(locale, template(locale, code), requiredSampleParams(code));
      expect(errors).toEqual([]);
      expect(text).not.toMatch(/[{}]|<<fallback>>/);
    },
  );

  it("detects which params a message uses", () => {
    expect(usedParams("en", "NAME_TOO_LONG")).toEqual(["entity", "name", "length", "max_length"]);
    expect(usedParams("zh-CN", "DUPLICATE_PENDING_REQUEST")).toEqual(["existing_ticket_id"]);
  });

  it.each(errorCodes)("%s uses the same params in en and zh-CN", (code) => {
    expect(usedParams("zh-CN", code)).toEqual(usedParams("en", code));
  });

  it.each(errorCodes)("%s is translated in zh-CN and English in en", (code) => {
    expect(template("zh-CN", code)).toMatch(/\p{Script=Han}/u);
    expect(template("en", code)).not.toMatch(/\p{Script=Han}/u);
  });

  it.each<[Locale, ErrorCode, Values, string]>([
    [
      "en",
      "CLUSTER_REBUILDING",
      { cluster: "prod-1" },
      "The cache of cluster “prod-1” is being rebuilt; try again in a few seconds.",
    ],
    ["zh-CN", "CLUSTER_REBUILDING", { cluster: "prod-1" }, "集群“prod-1”的缓存正在重建，请几秒后重试。"],
    [
      "zh-CN",
      "VM_WRONG_STATE",
      { action: "start", k8s_message: "VM is already running" },
      "虚拟机当前状态不允许启动。请刷新查看最新状态。（Kubernetes：VM is already running）",
    ],
    [
      "en",
      "TICKET_INVALID_TRANSITION",
      { from: "SUCCESS", to: "EXECUTING" },
      "This request cannot go from “succeeded” to “executing”. Refresh to see its current status.",
    ],
  ])("%s %s renders %j", (locale, code, values, expected) => {
    expect(format(locale, template(locale, code), values)).toEqual({ text: expected, errors: [] });
  });
});
