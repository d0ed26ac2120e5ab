// Every status and orphan reason the adoption API can send has a message in both catalogues (the inbox shows
// them by value, so a value added to the contract without a message would show an empty pill).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ADOPTION_STATUSES } from "@/lib/adoption/adoption-input";
import { ADOPTION_STATUS_VALUES, ORPHAN_REASONS } from "./adoption-vocabulary";

type Catalogue = { adoption?: Record<string, Record<string, unknown>> };

const catalogues = Object.fromEntries(
  ["en", "zh-CN"].map((locale) => [
    locale,
    JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, "../../messages", `${locale}.json`), "utf8"),
    ) as Catalogue,
  ]),
);

function message(locale: string, group: string, key: string): unknown {
  return catalogues[locale]?.adoption?.[group]?.[key];
}

describe.each(["en", "zh-CN"])("adoption messages in %s", (locale) => {
  it("cover every status of the contract and of the API's status filter", () => {
    expect(new Set(ADOPTION_STATUSES)).toEqual(new Set(ADOPTION_STATUS_VALUES));
    for (const status of ADOPTION_STATUS_VALUES) {
      expect(message(locale, "status", status), status).toEqual(expect.stringMatching(/\S/));
    }
  });

  it("cover the three orphan reasons", () => {
    expect(ORPHAN_REASONS).toEqual(["MISSING_SYSTEM", "MISSING_SERVICE", "MALFORMED_LABELS"]);
    for (const reason of ORPHAN_REASONS) {
      expect(message(locale, "orphanReason", reason), reason).toEqual(expect.stringMatching(/\S/));
    }
  });

  it("explain every decided state in the detail panel", () => {
    for (const status of ADOPTION_STATUS_VALUES.filter((s) => s !== "PENDING")) {
      expect(message(locale, "detail", "state") as Record<string, unknown>).toHaveProperty(status);
    }
  });
});

it("the Chinese messages are translated, not copied from English", () => {
  for (const status of ADOPTION_STATUS_VALUES)
    expect(message("zh-CN", "status", status)).not.toEqual(message("en", "status", status));
  for (const reason of ORPHAN_REASONS)
    expect(message("zh-CN", "orphanReason", reason)).toMatch(/\p{Script=Han}/u);
});
