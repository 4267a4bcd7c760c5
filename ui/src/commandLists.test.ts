// The commands between the window and the shell are listed in four places (five files), which
// must agree:
//   - the shell's handlers: `tauri::generate_handler![…]` in src-tauri/src/lib.rs;
//   - the app manifest: `AppManifest::new().commands(&[…])` in src-tauri/build.rs;
//   - what the window may call: the permissions src-tauri/capabilities/default.json grants,
//     resolved through the permission files under src-tauri/permissions/ (which the build writes
//     from the manifest, `allow-x` allowing the command `x`);
//   - what the window calls: the command names in src/api.ts (`call<T>("name", …)`).
// A command missing from one of them fails only when it is used, in the real app; this fails
// here, naming what each list lacks.
//
// Reads files with node:fs: it is left out of `tsc` (tsconfig.json's "exclude"), as the
// interface has no Node types; vitest runs it in Node.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const tauri = "../../src-tauri/";

/** Comments out of Rust source (command names hold no `//` or `/*`). */
const withoutComments = (rust: string) => rust.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/[^\n]*/g, "");

/** The text between `opening` (which ends with an opening bracket) and its closing bracket. */
function bracketed(text: string, opening: string, what: string): string {
  const start = text.indexOf(opening);
  if (start < 0) throw new Error(`${what}: « ${opening} » not found`);
  const open = opening.at(-1) ?? "";
  const close = ({ "[": "]", "(": ")", "{": "}" } as Record<string, string>)[open];
  let depth = 0;
  for (let i = start + opening.length - 1; i < text.length; i++) {
    if (text[i] === open) depth++;
    else if (text[i] === close && --depth === 0) return text.slice(start + opening.length, i);
  }
  throw new Error(`${what}: « ${opening} » is not closed`);
}

/** `commands::board::undo, commands::app::app_info, …` → `undo`, `app_info`. */
function handlersOf(libRs: string): string[] {
  return bracketed(withoutComments(libRs), "generate_handler![", "lib.rs")
    .split(",")
    .map((path) => path.trim())
    .filter((path) => path !== "")
    .map((path) => {
      const name = (path.split("::").at(-1) ?? "").trim();
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`lib.rs: « ${path} » is not a command path`);
      return name;
    });
}

/** The string literals of `AppManifest::new().commands(&[…])`. */
function manifestOf(buildRs: string): string[] {
  const list = bracketed(withoutComments(buildRs), ".commands(&[", "build.rs");
  return [...list.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? "");
}

/** The permissions and permission sets of TOML permission files: identifier → commands allowed,
 * or identifier → permissions (a set). A small reader for the shapes Tauri writes and documents. */
function permissionsOf(files: string[]) {
  const permissions = new Map<string, string[]>();
  const sets = new Map<string, string[]>();
  for (const text of files) {
    for (const block of text.split(/^(?=\[\[)/m)) {
      const kind = /^\[\[(permission|set)\]\]/.exec(block)?.[1];
      const identifier = /^identifier\s*=\s*"([^"]+)"/m.exec(block)?.[1];
      if (!kind || !identifier) continue;
      const strings = (key: string) => {
        const array = new RegExp(`^${key}\\s*=\\s*\\[([^\\]]*)\\]`, "m").exec(block)?.[1] ?? "";
        return [...array.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? "");
      };
      if (kind === "permission") permissions.set(identifier, strings("commands\\.allow"));
      else sets.set(identifier, strings("permissions"));
    }
  }
  return { permissions, sets };
}

/** The app's commands a capability lets the window call, and the permissions it names that no
 * file defines; core and plugin permissions (`core:…`) are not the app's and are left aside. */
function grantedBy(capabilityJson: string, permissionFiles: string[]): { commands: string[]; unknown: string[] } {
  const { permissions, sets } = permissionsOf(permissionFiles);
  const granted: string[] = [];
  const unknown: string[] = [];
  const grant = (identifier: string, seen = new Set<string>()) => {
    const allowed = permissions.get(identifier);
    const set = sets.get(identifier);
    if (allowed) granted.push(...allowed);
    else if (set && !seen.has(identifier)) set.forEach((p) => grant(p, new Set(seen).add(identifier)));
    else if (!set) unknown.push(identifier);
  };
  const capability = JSON.parse(capabilityJson) as { permissions: (string | { identifier: string })[] };
  for (const entry of capability.permissions) {
    const identifier = typeof entry === "string" ? entry : entry.identifier;
    if (!identifier.includes(":")) grant(identifier);
  }
  return { commands: granted, unknown };
}

/** The commands some permission file allows (there is one file per command in the manifest). */
function definedBy(permissionFiles: string[]): string[] {
  return [...permissionsOf(permissionFiles).permissions.values()].flat();
}

/** The command names api.ts calls: the string literal first argument of `call(…)`, `call<T>(…)`
 * or `invoke(…)` (the wrapper's own `invoke<T>(command, …)` has none). */
function invokedBy(apiTs: string): string[] {
  const names: string[] = [];
  for (const m of apiTs.matchAll(/\b(?:call|invoke)\b\s*/g)) {
    let i = m.index + m[0].length;
    if (apiTs[i] === "<") {
      // Type arguments, possibly nested: Promise<Array<Student>>.
      let depth = 0;
      for (; i < apiTs.length; i++) {
        if (apiTs[i] === "<") depth++;
        else if (apiTs[i] === ">" && --depth === 0) break;
      }
      i++;
    }
    const literal = /^\s*\(\s*(["'`])([a-z0-9_]+)\1/.exec(apiTs.slice(i));
    if (literal?.[2]) names.push(literal[2]);
  }
  return names;
}

/** What each list lacks, and the names a list holds twice: one line each, none when they agree. */
function disagreements(lists: Record<string, string[]>): string[] {
  const all = new Set(Object.values(lists).flat());
  const problems: string[] = [];
  for (const [where, names] of Object.entries(lists)) {
    const has = new Set(names);
    const missing = [...all].filter((name) => !has.has(name)).sort();
    if (missing.length > 0) problems.push(`${where} lacks: ${missing.join(", ")}`);
    const twice = names.filter((name, i) => names.indexOf(name) !== i);
    if (twice.length > 0) problems.push(`${where} lists twice: ${[...new Set(twice)].join(", ")}`);
  }
  return problems;
}

function permissionFiles(): string[] {
  const dir = new URL(`${tauri}permissions/`, import.meta.url);
  return readdirSync(dir, { recursive: true })
    .map((path: unknown) => String(path))
    .filter((path: string) => path.endsWith(".toml"))
    .map((path: string) => readFileSync(new URL(path, dir), "utf8"));
}

function sources() {
  return {
    libRs: read(`${tauri}src/lib.rs`),
    buildRs: read(`${tauri}build.rs`),
    capability: read(`${tauri}capabilities/default.json`),
    permissions: permissionFiles(),
    apiTs: read("./api.ts"),
  };
}

const CAPABILITY = "the window's capability (src-tauri/capabilities/default.json)";

function lists(s: ReturnType<typeof sources>): Record<string, string[]> {
  return {
    "the shell's handlers (src-tauri/src/lib.rs, generate_handler!)": handlersOf(s.libRs),
    "the app manifest (src-tauri/build.rs)": manifestOf(s.buildRs),
    "the permission files (src-tauri/permissions/)": definedBy(s.permissions),
    [CAPABILITY]: grantedBy(s.capability, s.permissions).commands,
    "the calls of ui/src/api.ts": invokedBy(s.apiTs),
  };
}

describe("the commands between the window and the shell", () => {
  it("are the same in the shell's handlers, the app manifest, the permissions, the capability and api.ts", () => {
    const s = sources();
    const found = lists(s);
    const problems = disagreements(found);
    const unknown = grantedBy(s.capability, s.permissions).unknown;
    if (unknown.length > 0) problems.push(`${CAPABILITY} grants what no permission file defines: ${unknown.join(", ")}`);
    expect(problems, `\n${problems.join("\n")}\n`).toEqual([]);
    // Each list was read (extractors finding nothing anywhere would agree too).
    for (const [where, names] of Object.entries(found)) expect(names.length, where).toBeGreaterThan(0);
  });
});
