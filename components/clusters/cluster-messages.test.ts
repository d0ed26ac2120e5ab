// Every health reason code, status, watcher state, cache status, feature source, check trigger and
// environment has a message in both catalogues under `clusterHealth.<group>.<value>`, so a code added to the
// domain cannot reach the page untranslated.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HealthReasonCode } from "@/lib/domain/cluster-health";
import { CLUSTER_VOCABULARY } from "./cluster-vocabulary";

type Catalogue = { clusterHealth?: Record<string, Record<string, unknown>> };

const load = (locale: string) =>
  JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, "../../messages", `${locale}.json`), "utf8"),
  ) as Catalogue;

describe.each(["en", "zh-CN"])("clusterHealth messages in %s", (locale) => {
  const catalogue = load(locale);

  it.each(Object.entries(CLUSTER_VOCABULARY))("name every %s value", (group, values) => {
    const messages = catalogue.clusterHealth?.[group] ?? {};
    const missing = values.filter(
      (v) => typeof messages[v] !== "string" || (messages[v] as string).trim() === "",
    );
    expect(missing).toEqual([]);
  });

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
