// Licence allow-list, offline: every Rust crate of the workspace (`cargo metadata`) and every
// npm package of the interface (its lock file) — what goes into the app — must be under a
// licence we may ship in a State application; exits non-zero otherwise. The end-to-end test
// tools (never shipped) are listed when outside the list, for information. Run by
// scripts/test.sh. (cargo-deny / cargo-audit / npm audit need advisory databases these machines
// cannot reach; this is the licence half of their work.)
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
// Permissive licences, and MPL-2.0 (file-level copyleft: used unmodified, sources available).
const ALLOWED = new Set([
  "MIT", "MIT-0", "Apache-2.0", "Apache-2.0 WITH LLVM-exception", "BSD-2-Clause", "BSD-3-Clause",
  "ISC", "Zlib", "0BSD", "BSL-1.0", "CC0-1.0", "Unlicense", "Unicode-3.0", "Unicode-DFS-2016", "MPL-2.0",
  "CDLA-Permissive-2.0", "BlueOak-1.0.0",
]);

/** Whether an SPDX expression (or an old "MIT/Apache-2.0" form) is acceptable. */
export function allowed(expression) {
  const text = expression.replace(/\s*\/\s*/g, " OR ").replace(/[()]/g, " ").trim();
  // OR binds looser than AND: one acceptable alternative suffices, each of whose parts must be.
  return text.split(/\s+OR\s+/).some((alt) => alt.split(/\s+AND\s+/).every((part) => ALLOWED.has(part.trim())));
}

const refused = [];
let checked = 0;

const metadata = JSON.parse(
  execFileSync("cargo", ["metadata", "--format-version", "1", "--locked"], { cwd: ROOT, maxBuffer: 64 << 20 }).toString(),
);
const workspace = new Set(metadata.workspace_members);
for (const pkg of metadata.packages) {
  if (workspace.has(pkg.id)) continue;
  checked++;
  if (!pkg.license || !allowed(pkg.license)) refused.push(`crate ${pkg.name} ${pkg.version}: ${pkg.license ?? "sans licence"}`);
}

const tooling = [];
for (const [dir, list] of [["ui", refused], ["tests/e2e", tooling]]) {
  const lock = JSON.parse(readFileSync(path.join(ROOT, dir, "package-lock.json"), "utf8"));
  for (const [where, pkg] of Object.entries(lock.packages)) {
    if (where === "") continue;
    checked++;
    if (!pkg.license || !allowed(pkg.license)) list.push(`npm ${dir} ${where}: ${pkg.license ?? "sans licence"}`);
  }
}
if (tooling.length > 0) {
  console.log(`Test tools only (not shipped), outside the list: ${tooling.join("; ")}`);
}

if (refused.length > 0) {
  console.error(`Licences hors de la liste autorisée (${refused.length}) :\n  ${refused.join("\n  ")}`);
  process.exit(1);
}
console.log(`${checked} dependencies checked: every licence is on the allow-list.`);
