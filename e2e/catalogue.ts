// The message catalogues, as the specs' source of expected texts (never a copy of a translation).
import { readFileSync } from "node:fs";
import path from "node:path";

export type Catalogue = typeof import("../messages/en.json");

export function catalogue(locale: "en" | "zh-CN"): Catalogue {
  return JSON.parse(
    readFileSync(path.join(import.meta.dirname, "..", "messages", `${locale}.json`), "utf8"),
  ) as Catalogue;
}
