// Makes sure Debian's Chromium (and CJK fonts, so zh-CN pages render) is installed for the Playwright
// suite. Installs it with apt-get when running as root; otherwise says how. Playwright never downloads
// browsers in this project.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

export const CHROMIUM = "/usr/bin/chromium";
const PACKAGES = ["chromium", "fonts-noto-cjk"];

function installed(pkg: string): boolean {
  try {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax, not a JS template
    return execFileSync("dpkg-query", ["-W", "-f=${Status}", pkg], { encoding: "utf8" }).includes(
      "install ok installed",
    );
  } catch {
    return false;
  }
}

export function ensureChromium(): void {
  const missing = PACKAGES.filter((p) => !installed(p));
  if (missing.length === 0 && fs.existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `The browser tests need Debian's ${missing.join(" and ")}. Install them with:\n  sudo apt-get install -y ${PACKAGES.join(" ")}`,
    );
  }
  console.log(`Installing ${missing.join(", ")} with apt-get (once)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-q"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-q", ...PACKAGES], { stdio: "inherit", env });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    ensureChromium();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
