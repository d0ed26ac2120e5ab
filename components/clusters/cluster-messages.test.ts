// Every health reason code has a message in both catalogues under `clusterHealth.reasons`, so a code added to
// the domain cannot reach the page untranslated. (Statuses, watcher states, cache statuses and the other view
// values are named through typed records in use-cluster-labels.ts and components/live: the compiler refuses a
// missing one, and lib/i18n/messages.test.ts keeps both catalogues' keys equal and non-empty.)
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HealthReasonCode } from "@/lib/domain/cluster-health";

type Catalogue = { clusterHealth?: Record<string, Record<string, unknown>> };

const load = (locale: string) =>
  JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, "../../messages", `${locale}.json`), "utf8"),
  ) as Catalogue;

describe.each(["en", "zh-CN"])("clusterHealth messages in %s", (locale) => {
  const catalogue = load(locale);

  it("covers every HealthReasonCode of the domain", () => {
    expect(Object.keys(catalogue.clusterHealth?.reasons ?? {}).sort()).toEqual(
      Object.values(HealthReasonCode).sort(),
    );
  });
});

describe("the zh-CN cluster messages", () => {
  it("are translated, not copied from English", () => {
    const en = load("en").clusterHealth ?? {};
    const zh = load("zh-CN").clusterHealth ?? {};
    const copied = Object.values(HealthReasonCode).filter((c) => en.reasons?.[c] === zh.reasons?.[c]);
    expect(copied).toEqual([]);
  });
});
