// Test helper: which files under server/ the web process can load, and which of them lack
// `import "server-only"`. Walks static imports (`import … from`, `export … from`, `import("…")`) from every
// file under app/ and proxy.ts, following `@/…` and relative specifiers into server/; the worker's own
// entry points are not reachable from the web and so are not required to carry the marker.
import fs from "node:fs";
import path from "node:path";

const EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"];
const SPECIFIER =
  /(?:import|export)\s[^"']*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|import\s+["']([^"']+)["']/g;
const SERVER_ONLY = /^\s*import\s+["']server-only["'];?\s*$/m;

function resolve(root: string, fromFile: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(fromFile), specifier);
  else return undefined; // a package
  if (fs.existsSync(base) && fs.statSync(base).isFile()) return base;
  for (const ext of EXTENSIONS) if (fs.existsSync(base + ext)) return base + ext;
  return undefined;
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Server files reachable from the web entry points, relative to `root`, sorted. */
export function webReachableServerFiles(root: string, entries: string[] = ["app", "proxy.ts"]): string[] {
  const serverDir = path.join(root, "server") + path.sep;
  const seen = new Set<string>();
  const queue = entries.flatMap((e) => {
    const full = path.join(root, e);
    return fs.existsSync(full) && fs.statSync(full).isFile() ? [full] : sourceFiles(full);
  });
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(file, "utf8");
    for (const match of text.matchAll(SPECIFIER)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (!specifier) continue;
      const target = resolve(root, file, specifier);
      if (target && !seen.has(target) && !target.includes(`${path.sep}generated${path.sep}`))
        queue.push(target);
    }
  }
  return [...seen]
    .filter((f) => f.startsWith(serverDir))
    .map((f) => path.relative(root, f))
    .sort();
}

/** Of `files` (relative to `root`), those whose source has no `import "server-only"` line. */
export function lackingServerOnly(root: string, files: string[]): string[] {
  return files.filter((f) => !SERVER_ONLY.test(fs.readFileSync(path.join(root, f), "utf8")));
}
