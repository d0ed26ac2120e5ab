// `npm run bench`: runs every benchmark in this folder (files named *.bench.ts or kubesim-*.ts), one
// process each so they do not disturb one another, and prints their figures as they come.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = import.meta.dirname;
const benches = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") || /^kubesim-.*\.ts$/.test(f))
  .sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n━━ ${file}`);
  const r = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(dir, file)],
    { stdio: "inherit" },
  );
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
