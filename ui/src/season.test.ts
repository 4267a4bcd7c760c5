import { describe, expect, it } from "vitest";
import type { SeasonOverview } from "./bindings/SeasonOverview";
import type { Satisfaction } from "./bindings/Satisfaction";
import { compareEditions, compareSatisfaction, departementValues, signed } from "./season";

const satisfaction = (placed: number, first: number): Satisfaction => ({
  placed,
  wish: [first, 2, 1],
  otherJob: placed - first - 3,
  wishedAdministration: 4,
  gotAdministration: 1,
  distance: [placed, 0, 0, 0, 0, 0],
});

const line = (label: string, demand: number, places: number) => ({ label, demand, demandAny: demand, places, ambassadors: 1, placed: Math.min(demand, places) });

const overview = (students: number, jobs: ReturnType<typeof line>[], placed: number, first: number): SeasonOverview => ({
  students,
  excluded: 0,
  ambassadors: 5,
  places: 9,
  byJob: jobs,
  byRegion: [],
  byDepartement: [line("29", 4, 1), line("75", 1, 3)],
  byAdministration: [],
  gaps: [],
  satisfaction: satisfaction(placed, first),
});

describe("season dashboard", () => {
  it("gives the map one value per département for the chosen measure", () => {
    const names = new Map([["29", "Finistère"]]);
    const o = overview(10, [], 5, 3);
    expect(departementValues(o.byDepartement, "demand", names).get("29")).toEqual({ value: 4, label: "Finistère" });
    expect(departementValues(o.byDepartement, "places", names).get("75")).toEqual({ value: 3, label: "75" });
    // Missing places never go below zero: Paris has more places than students.
    const missing = departementValues(o.byDepartement, "missing", names);
    expect([missing.get("29")?.value, missing.get("75")?.value]).toEqual([3, 0]);
  });

  it("compares a memorised run with the current one, line by line", () => {
    const lines = compareSatisfaction(satisfaction(10, 4), satisfaction(12, 7));
    expect(lines[0]).toEqual({ label: "Étudiants placés", before: 10, now: 12, delta: 2 });
    expect(lines.find((l) => l.label === "Métier de leur 1er vœu")?.delta).toBe(3);
    expect(lines.find((l) => l.label === "Un autre métier")).toMatchObject({ before: 3, now: 2, delta: -1 });
    expect(lines).toHaveLength(12);
  });

  it("sets two editions side by side, métiers of either year included", () => {
    const lastYear = overview(80, [line("Data scientist", 10, 2), line("Designer UX/UI", 5, 5)], 60, 30);
    const thisYear = overview(100, [line("Data scientist", 14, 6), line("Product owner", 3, 1)], 70, 40);
    const { totals, jobs } = compareEditions(thisYear, lastYear);
    expect(totals[0]).toEqual({ label: "Étudiants", other: 80, current: 100, delta: 20 });
    expect(totals.find((t) => t.label === "Placés sur leur 1er vœu")?.delta).toBe(10);
    expect(jobs.map((j) => j.label)).toEqual(["Data scientist", "Designer UX/UI", "Product owner"]);
    expect(jobs[0]).toMatchObject({ other: 10, current: 14, delta: 4, placesOther: 2, placesCurrent: 6 });
    expect(jobs[1]).toMatchObject({ other: 5, current: 0, delta: -5 });
    expect(signed(3)).toBe("+3");
    expect(signed(-2)).toBe("−2");
    expect(signed(0)).toBe("=");
  });
});
