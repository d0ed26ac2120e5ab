/*
 * Checks the message catalogues and the code that uses them.
 *
 * Catalogues (messages/en.json is the reference, messages/zh-CN.json must match it):
 *   - the same set of keys (leaf paths), listing the keys each side lacks;
 *   - no empty or whitespace-only message;
 *   - the same ICU arguments ({name}, {n, plural, …}, {d, date}) and rich-text tags (<b>…</b>) per key.
 *
 * Code (every .ts/.tsx under app/, components/, lib/, server/, tests and generated code excluded):
 * a translator is a variable bound in one of these forms —
 *     const t = useTranslations("ns");            const t = useTranslations();
 *     const t = await getTranslations("ns");      const t = await getTranslations({ locale, namespace: "ns" });
 * and a call on it is one of  t("key", …)  t.rich("key", …)  t.markup("key", …)  t.raw("key")  t.has("key").
 * A call belongs to the nearest binding of that variable name above it in the same file, so several
 * components in one file may each bind their own `t`. The key (joined to the namespace) must exist in
 * en.json: as a message for t/rich/markup, as any entry for raw/has. A call whose key is not a string
 * literal is a dynamic key: allowed only in the files listed in DYNAMIC_KEY_FILES, whose possible keys are
 * enumerated there and checked instead. A binding whose namespace is not a literal fails the test.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { navSections } from "@/components/shell/nav-items";

const root = path.resolve(import.meta.dirname, "../..");

type Catalogue = { [key: string]: string | Catalogue };

function loadCatalogue(locale: string): Catalogue {
  return JSON.parse(readFileSync(path.join(root, "messages", `${locale}.json`), "utf8")) as Catalogue;
}

const en = loadCatalogue("en");
const zh = loadCatalogue("zh-CN");

function leaves(catalogue: Catalogue, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of leaves(value, full)) out.set(k, v);
  }
  return out;
}

function lookup(catalogue: Catalogue, key: string): string | Catalogue | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return node;
}

/** ICU argument names and tag names of a message, e.g. ["count", "<b>"]. */
function icuArguments(message: string): string[] {
  const found = new Set<string>();
  let i = 0;

  const readUntil = (stops: string): string => {
    const start = i;
    while (i < message.length && !stops.includes(message.charAt(i))) i++;
    return message.slice(start, i).trim();
  };

  // Reads message text until the `}` that closes it (not consumed) or the end.
  const parseText = (): void => {
    while (i < message.length) {
      const ch = message.charAt(i);
      if (ch === "'") {
        const next = message.charAt(i + 1);
        if (next === "'") i += 2;
        else if ("{}#<".includes(next)) {
          const close = message.indexOf("'", i + 1);
          i = close === -1 ? message.length : close + 1;
        } else i++;
      } else if (ch === "{") {
        i++;
        parseArgument();
      } else if (ch === "}") {
        return;
      } else if (ch === "<") {
        const tag = /^<\/?([A-Za-z0-9_-]+)>/.exec(message.slice(i));
        if (tag?.[1]) found.add(`<${tag[1]}>`);
        i += tag ? tag[0].length : 1;
      } else i++;
    }
  };

  // After `{`: `name}` or `name, type}` or `name, type, style}` or `name, plural|select…, options}`.
  const parseArgument = (): void => {
    found.add(readUntil(",}"));
    if (message.charAt(i) === "}") {
      i++;
      return;
    }
    i++; // ","
    const type = readUntil(",}");
    if (message.charAt(i) === "}") {
      i++;
      return;
    }
    i++; // ","
    if (type === "plural" || type === "select" || type === "selectordinal") {
      while (i < message.length) {
        readUntil("{}"); // a selector such as `one`, `=0`, `other`, or `offset:1 one`
        if (message.charAt(i) === "}") {
          i++;
          return;
        }
        i++; // "{"
        parseText();
        i++; // "}"
      }
    } else {
      readUntil("}"); // a style or skeleton such as `short` or `::currency/EUR`
      i++;
    }
  };

  parseText();
  return [...found].sort();
}

const enLeaves = leaves(en);
const zhLeaves = leaves(zh);

describe("message catalogues", () => {
  it("have the same keys in en and zh-CN", () => {
    const missingInZh = [...enLeaves.keys()].filter((k) => !zhLeaves.has(k));
    const missingInEn = [...zhLeaves.keys()].filter((k) => !enLeaves.has(k));
    expect({ missingInZh, missingInEn }).toEqual({ missingInZh: [], missingInEn: [] });
  });

  it("have no empty messages", () => {
    const empty = [
      ...[...enLeaves].map(([key, message]) => ({ key: `en:${key}`, message })),
      ...[...zhLeaves].map(([key, message]) => ({ key: `zh-CN:${key}`, message })),
    ]
      .filter(({ message }) => message.trim() === "")
      .map(({ key }) => key);
    expect(empty).toEqual([]);
  });

  it("use the same ICU arguments and tags in both locales", () => {
    const mismatches: string[] = [];
    for (const [key, enMessage] of enLeaves) {
      const zhMessage = zhLeaves.get(key);
      if (zhMessage === undefined) continue; // reported by the key-set test
      const a = icuArguments(enMessage).join(",");
      const b = icuArguments(zhMessage).join(",");
      if (a !== b) mismatches.push(`${key}: en {${a}} vs zh-CN {${b}}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe("icuArguments", () => {
  it.each([
    ["Hello", []],
    ["Checked at {time}", ["time"]],
    ["Answered in {ms, number} ms", ["ms"]],
    ["{count, plural, =0 {none} one {# item} other {# items}}", ["count"]],
    ["{count, plural, other {{n} of {count}}}", ["count", "n"]],
    ["{kind, select, vm {a VM} other {something}} by {user}", ["kind", "user"]],
    ["Press <b>{key}</b>", ["<b>", "key"]],
    ["It''s '{literal}' text", []],
  ])("%s → %j", (message, expected) => {
    expect(icuArguments(message)).toEqual(expected);
  });
});

// ---- code scan ---------------------------------------------------------------------------------------

/** Files that call a translator with a computed key, and every key those calls can produce. */
const DYNAMIC_KEY_FILES: Record<string, string[]> = {
  "components/shell/main-nav.tsx": navSections.flatMap((section) => [
    ...(section.labelKey ? [`shell.nav.${section.labelKey}`] : []),
    ...section.items.flatMap((item) =>
      item.href === undefined
        ? [`shell.nav.${item.id}`, `shell.nav.arrivesWith.${item.id}`]
        : [`shell.nav.${item.id}`],
    ),
  ]),
};

const SCANNED_DIRS = ["app", "components", "lib", "server"];
const SKIPPED = [/\.test\.tsx?$/, /(^|\/)generated\//, /\.d\.ts$/];

function sourceFiles(dir: string): string[] {
  const absolute = path.join(root, dir);
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(absolute, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(relative);
    if (!/\.tsx?$/.test(entry.name) || SKIPPED.some((re) => re.test(relative))) return [];
    return [relative];
  });
}

interface Usage {
  file: string;
  line: number;
  method: string;
  key: string | undefined; // undefined: computed key
}

const BINDING =
  /(?:const|let)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:await\s+)?(?:useTranslations|getTranslations)\(\s*([^)]*?)\s*\)\s*;/g;

function namespaceOf(args: string): string | undefined {
  if (args === "") return "";
  const literal = /^["']([^"']*)["']$/.exec(args);
  if (literal) return literal[1];
  if (args.startsWith("{")) {
    const ns = /namespace:\s*["']([^"']*)["']/.exec(args);
    if (ns) return ns[1];
    return /\bnamespace\b/.test(args) ? undefined : "";
  }
  return undefined;
}

function scanFile(file: string): { usages: Usage[]; problems: string[] } {
  const source = readFileSync(path.join(root, file), "utf8");
  const lineAt = (offset: number) => source.slice(0, offset).split("\n").length;
  const bindings: { name: string; namespace: string; offset: number }[] = [];
  const problems: string[] = [];
  for (const match of source.matchAll(BINDING)) {
    const [, name = "", args = ""] = match;
    const namespace = namespaceOf(args.trim());
    if (namespace === undefined) {
      problems.push(`${file}:${lineAt(match.index)} translator "${name}" has a non-literal namespace`);
      continue;
    }
    bindings.push({ name, namespace, offset: match.index });
  }
  const usages: Usage[] = [];
  for (const name of new Set(bindings.map((b) => b.name))) {
    const escaped = name.replace(/\$/g, "\\$");
    const call = new RegExp(`(?<![\\w$.])${escaped}(?:\\.(rich|markup|raw|has))?\\(\\s*`, "g");
    for (const match of source.matchAll(call)) {
      const binding = bindings.filter((b) => b.name === name && b.offset < match.index).at(-1);
      if (!binding) continue; // a same-named variable that is not a translator
      const rest = source.slice(match.index + match[0].length);
      const literal = /^(["'])([^"'`]*)\1/.exec(rest) ?? /^`([^`$]*)`/.exec(rest);
      const key = literal ? (literal[2] ?? literal[1]) : undefined;
      usages.push({
        file,
        line: lineAt(match.index),
        method: match[1] ?? "t",
        key: key === undefined ? undefined : binding.namespace ? `${binding.namespace}.${key}` : key,
      });
    }
  }
  return { usages, problems };
}

const scanned = SCANNED_DIRS.flatMap(sourceFiles).map(scanFile);
const usages = scanned.flatMap((s) => s.usages);

describe("translation keys used in code", () => {
  it("finds translator calls (the scanner is not silently blind)", () => {
    expect(usages.length).toBeGreaterThan(20);
    expect(usages).toContainEqual(expect.objectContaining({ key: "home.heading" }));
  });

  it("bind translators with literal namespaces", () => {
    expect(scanned.flatMap((s) => s.problems)).toEqual([]);
  });

  it("use only keys that exist in en.json", () => {
    const missing = usages
      .filter((u) => u.key !== undefined)
      .filter((u) => {
        const entry = lookup(en, u.key as string);
        return u.method === "raw" || u.method === "has" ? entry === undefined : typeof entry !== "string";
      })
      .map((u) => `${u.file}:${u.line} ${u.method}("${u.key}")`);
    expect(missing).toEqual([]);
  });

  it("use computed keys only where they are enumerated, and those keys exist", () => {
    const unexpected = usages
      .filter((u) => u.key === undefined && !Object.hasOwn(DYNAMIC_KEY_FILES, u.file))
      .map((u) => `${u.file}:${u.line} computed key in ${u.method}(…)`);
    expect(unexpected).toEqual([]);
    const missing = Object.values(DYNAMIC_KEY_FILES)
      .flat()
      .filter((key) => typeof lookup(en, key) !== "string");
    expect(missing).toEqual([]);
  });
});
