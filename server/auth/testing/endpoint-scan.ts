// Finds every entry point by reading the source, so a new one cannot be forgotten by the authorization
// matrix: each `route.ts` under the scanned app directory (its exported HTTP methods) and each module that
// starts with "use server" (its exports). A "use server" directive anywhere else (an inline server action)
// is reported as a problem: actions live in actions files, where defineAction declares their permission.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const SKIP_DIRS = new Set(["node_modules", ".next", ".data", "generated", "fixtures"]);

export interface RouteEntry {
  file: string;
  method: string;
}
export interface ActionEntry {
  file: string;
  name: string;
}
export interface EndpointScan {
  routes: RouteEntry[];
  actions: ActionEntry[];
  problems: string[];
}

function walk(root: string, dir: string): string[] {
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : walk(root, rel);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

/** Names a module exports: `export const|let|function|async function X`, `export { a as X, b }`. */
export function exportedNames(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(
    /export\s+(?:async\s+)?(?:function\s*\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)/g,
  )) {
    if (m[1]) names.add(m[1]);
  }
  for (const m of source.matchAll(/export\s*(?:type\s*)?\{([^}]*)\}/g)) {
    if (m[0].startsWith("export type")) continue;
    for (const part of (m[1] ?? "").split(",")) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name && !name.startsWith("type ")) names.add(name);
    }
  }
  if (/export\s+default\b/.test(source)) names.add("default");
  return [...names];
}

function startsWithUseServer(source: string): boolean {
  const body = source.replace(/^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, "");
  return /^["']use server["']/.test(body);
}

/** `root`: the repository (or a fixture tree); `appDir` holds route files; `dirs` are searched for actions. */
export function scanEndpoints(root: string, appDir: string, dirs: string[]): EndpointScan {
  const routes: RouteEntry[] = [];
  const actions: ActionEntry[] = [];
  const problems: string[] = [];
  for (const file of walk(root, appDir).filter((f) => /(^|\/)route\.tsx?$/.test(f))) {
    const names = exportedNames(readFileSync(path.join(root, file), "utf8"));
    for (const method of names.filter((n) => HTTP_METHODS.includes(n))) routes.push({ file, method });
  }
  for (const file of [...new Set(dirs.flatMap((d) => walk(root, d)))]) {
    const source = readFileSync(path.join(root, file), "utf8");
    // A directive is a statement of its own on a line; mentions in strings and comments do not count.
    if (!/^\s*["']use server["'];?\s*$/m.test(source)) continue;
    if (!startsWithUseServer(source)) {
      problems.push(
        `${file}: inline "use server" — put server actions in a "use server" file with defineAction`,
      );
      continue;
    }
    for (const name of exportedNames(source)) actions.push({ file, name });
  }
  return { routes, actions, problems };
}
