// French wording of import reports. Tested in importText.test.ts.
import type { ImportReport } from "./bindings/ImportReport";
import type { Role } from "./bindings/Role";

export function roleLabel(role: Role): string {
  return role === "student" ? "étudiants" : "ambassadeurs";
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

/** "241 lignes lues : 240 nouvelles personnes, 1 ligne non importée." — before or after. */
export function importSummary(report: ImportReport, done: boolean): string {
  const parts: string[] = [];
  if (report.created > 0) parts.push(plural(report.created, "nouvelle personne", "nouvelles personnes"));
  if (report.updated > 0) parts.push(plural(report.updated, "personne modifiée", "personnes modifiées"));
  if (report.unchanged > 0) parts.push(plural(report.unchanged, "personne inchangée", "personnes inchangées"));
  if (report.rejected.length > 0) parts.push(plural(report.rejected.length, "ligne non importée", "lignes non importées"));
  const head = `${plural(report.rows_read, "ligne lue", "lignes lues")}`;
  const stored = done ? plural(report.stored, "importée", "importées") : `${report.stored} à importer`;
  const body = parts.length > 0 ? parts.join(", ") : "aucune personne";
  return `${head} — ${stored} : ${body}.`;
}

/** A word for the organiser rather than a number. */
export function confidenceLabel(confidence: number): string {
  if (confidence >= 0.9) return "sûre";
  if (confidence > 0) return "probable";
  return "non reconnue";
}
