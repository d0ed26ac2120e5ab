// Finds every page under app/[locale]/admin by reading the source and checks that its title cannot name the
// page to a non-admin: each page exports generateMetadata, and every return of it is adminPageMetadata(...).
// A text scan, like endpoint-scan.ts: strict on purpose, so a page that computes its title another way fails.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const ADMIN_PAGES_DIR = "app/[locale]/admin";

/** Every page file under dir (relative to root), sorted. */
export function adminPageFiles(root: string, dir: string = ADMIN_PAGES_DIR): string[] {
  const entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  return entries
    .flatMap((e) => {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) return adminPageFiles(root, rel);
      return /^page\.(ts|tsx|js|jsx)$/.test(e.name) ? [rel] : [];
    })
    .sort();
}

/** Why a page's source breaks the rule, or undefined when it keeps it. */
export function adminPageMetadataProblem(source: string): string | undefined {
  const code = withoutComments(source);
  if (/export\s+const\s+metadata\b/.test(code)) return "exports a static metadata object";
  const body = generateMetadataBody(code);
  if (body === undefined) return "has no exported generateMetadata";
  if (body.kind === "expression") {
    return isAdminPageMetadataCall(body.text)
      ? undefined
      : "generateMetadata does not return adminPageMetadata(...)";
  }
  const returns = [...body.text.matchAll(/\breturn\b([^;]*)/g)].map((m) => m[1] ?? "");
  if (returns.length === 0 || !returns.every(isAdminPageMetadataCall)) {
    return "generateMetadata does not return adminPageMetadata(...) on every path";
  }
  return undefined;
}

export function scanAdminPages(root: string, dir: string = ADMIN_PAGES_DIR) {
  const pages = adminPageFiles(root, dir);
  const problems = pages.flatMap((file) => {
    const problem = adminPageMetadataProblem(readFileSync(path.join(root, file), "utf8"));
    return problem ? [`${file}: ${problem}`] : [];
  });
  return { pages, problems };
}

function isAdminPageMetadataCall(expression: string): boolean {
  return /^\s*(?:await\s+)?adminPageMetadata\s*\(/.test(expression);
}

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
}

/** The body of `export [async] function generateMetadata(…) {…}`, or of its `export const … =>` form. */
function generateMetadataBody(code: string): { kind: "block" | "expression"; text: string } | undefined {
  const start = code.search(
    /export\s+(?:async\s+)?function\s+generateMetadata\b|export\s+const\s+generateMetadata\b/,
  );
  if (start < 0) return undefined;
  const open = code.indexOf("(", start);
  const close = matching(code, open, "(", ")");
  if (open < 0 || close < 0) return undefined;
  const rest = code.slice(close + 1);
  const arrow = /^[^{=]*=>\s*/.exec(rest);
  if (arrow && !rest.slice(arrow[0].length).startsWith("{")) {
    return { kind: "expression", text: rest.slice(arrow[0].length) };
  }
  const brace = code.indexOf("{", close);
  const end = matching(code, brace, "{", "}");
  if (brace < 0 || end < 0) return undefined;
  return { kind: "block", text: code.slice(brace + 1, end) };
}

function matching(code: string, from: number, open: string, close: string): number {
  if (from < 0) return -1;
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    if (code[i] === open) depth++;
    else if (code[i] === close && --depth === 0) return i;
  }
  return -1;
}
