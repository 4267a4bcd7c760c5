// Summaries of a student's compatibility with the ambassadors. Tested in compat.test.ts.
import type { Compatibility } from "./bindings/Compatibility";

/** The reasons ambassadors are ruled out, each with how many it rules out, most first. */
export function summarizeBarriers(all: Compatibility[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const c of all) {
    if (c.barrier) counts.set(c.barrier, (counts.get(c.barrier) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
