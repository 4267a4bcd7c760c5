// Pure logic of the season dashboard: the map's values, and the two comparisons (two runs of the
// same edition, two editions). Tested in season.test.ts; SeasonDashboard only draws.
import type { SeasonOverview } from "./bindings/SeasonOverview";
import type { Satisfaction } from "./bindings/Satisfaction";
import type { SupplyDemand } from "./bindings/SupplyDemand";
import type { RememberedFigures } from "./bindings/RememberedFigures";

export type MapMetric = "demand" | "places" | "missing";

export const MAP_METRICS: { value: MapMetric; label: string }[] = [
  { value: "demand", label: "Étudiants qui y habitent" },
  { value: "places", label: "Places offertes" },
  { value: "missing", label: "Places manquantes (étudiants − places)" },
];

/** One value per département for the map: what the metric counts there. */
export function departementValues(lines: SupplyDemand[], metric: MapMetric, names: Map<string, string>) {
  const values = new Map<string, { value: number; label: string }>();
  for (const l of lines) {
    const value = metric === "demand" ? l.demand : metric === "places" ? l.places : Math.max(0, l.demand - l.places);
    values.set(l.label, { value, label: names.get(l.label) ?? l.label });
  }
  return values;
}

/** The satisfaction figures of a moment, kept to compare with later (two runs, two weightings);
 * stored with the edition in the database (#18), not in the web view's storage. */
export type Snapshot = RememberedFigures;

export type ComparedLine = { label: string; before: number; now: number; delta: number; of?: [number, number] };

const distances = ["même département", "50 km ou moins", "51 à 100 km", "101 à 300 km", "plus de 300 km", "distance inconnue"];

/** Line by line, a memorised state against the current one. */
export function compareSatisfaction(before: Satisfaction, now: Satisfaction): ComparedLine[] {
  const line = (label: string, b: number, n: number): ComparedLine => ({ label, before: b, now: n, delta: n - b });
  return [
    line("Étudiants placés", before.placed, now.placed),
    ...["1er", "2e", "3e"].map((rank, i) => line(`Métier de leur ${rank} vœu`, before.wish[i] ?? 0, now.wish[i] ?? 0)),
    line("Un autre métier", before.otherJob, now.otherJob),
    line("Administration souhaitée obtenue", before.gotAdministration, now.gotAdministration),
    ...distances.map((d, i) => line(`Distance : ${d}`, before.distance[i] ?? 0, now.distance[i] ?? 0)),
  ];
}

export type YearLine = { label: string; other: number; current: number; delta: number };

/** Volumes of two editions side by side: totals, then demand and places by métier (1st wishes). */
export function compareEditions(current: SeasonOverview, other: SeasonOverview): { totals: YearLine[]; jobs: (YearLine & { placesOther: number; placesCurrent: number })[] } {
  const line = (label: string, o: number, c: number): YearLine => ({ label, other: o, current: c, delta: c - o });
  const totals = [
    line("Étudiants", other.students, current.students),
    line("Ambassadeurs", other.ambassadors, current.ambassadors),
    line("Places", other.places, current.places),
    line("Étudiants placés", other.satisfaction.placed, current.satisfaction.placed),
    line("Placés sur leur 1er vœu", other.satisfaction.wish[0] ?? 0, current.satisfaction.wish[0] ?? 0),
  ];
  const byLabel = new Map<string, { o?: SupplyDemand; c?: SupplyDemand }>();
  for (const l of other.byJob) byLabel.set(l.label, { o: l });
  for (const l of current.byJob) byLabel.set(l.label, { ...byLabel.get(l.label), c: l });
  const jobs = [...byLabel.entries()]
    .map(([label, { o, c }]) => ({ ...line(label, o?.demand ?? 0, c?.demand ?? 0), placesOther: o?.places ?? 0, placesCurrent: c?.places ?? 0 }))
    .sort((a, b) => b.current + b.other - (a.current + a.other) || a.label.localeCompare(b.label, "fr"));
  return { totals, jobs };
}

/** "+3", "−2", "=" */
export const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "=");
