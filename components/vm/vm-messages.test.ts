// Each VM verb has its three button texts (run, request, pending) in both catalogues, and the Chinese ones are
// translated, not copied. (The hooks in use-vm-action-labels.ts name every key literally, so the compiler and
// lib/i18n/messages.test.ts catch a missing one; this test guards the set of verbs and the translation.)
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { VM_ACTIONS } from "@/lib/vms/vm-actions";

type Texts = Record<"run" | "request" | "pending", Record<string, string>>;

const load = (locale: string) =>
  (
    JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, "../../messages", `${locale}.json`), "utf8"),
    ) as {
      vm: { actions: Texts };
    }
  ).vm.actions;

const camel = (verb: string) => verb.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

describe.each(["en", "zh-CN"])("vm.actions in %s", (locale) => {
  const texts = load(locale);
  it.each(["run", "request", "pending"] as const)("%s names every verb", (kind) => {
    expect(Object.keys(texts[kind]).sort()).toEqual(VM_ACTIONS.map(camel).sort());
  });
});

describe("the zh-CN action texts", () => {
  it("are translated, not copied from English", () => {
    const en = load("en");
    const zh = load("zh-CN");
    const copied = (["run", "request", "pending"] as const).flatMap((kind) =>
      Object.keys(en[kind]).filter((verb) => en[kind][verb] === zh[kind][verb]),
    );
    expect(copied).toEqual([]);
  });

  it("label a request differently from an action that runs at once", () => {
    for (const locale of ["en", "zh-CN"]) {
      const texts = load(locale);
      for (const verb of Object.keys(texts.run)) expect(texts.request[verb]).not.toBe(texts.run[verb]);
    }
  });
});
