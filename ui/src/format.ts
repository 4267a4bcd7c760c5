// Pure formatting helpers, in French. Tested in format.test.ts.

import { ApiError } from "./api";
import { parseFrenchDate } from "./dates";

const longDate = new Intl.DateTimeFormat("fr-FR", { dateStyle: "full", timeZone: "UTC" });

/** "2026-11-24" → "mardi 24 novembre 2026"; a missing date → "date à fixer". */
export function formatEventDate(iso: string | null): string {
  if (!iso) return "date à fixer";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, y, m, d] = match;
  return longDate.format(new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))));
}

/** 0 → "aucun étudiant", 1 → "1 étudiant", 1200 → "1 200 étudiants". */
export function countLabel(n: number, singular: string, plural: string, none: string): string {
  if (n === 0) return none;
  const number = new Intl.NumberFormat("fr-FR").format(n).replace(/\u202f|\u00a0/g, "\u00a0");
  return `${number}\u00a0${n === 1 ? singular : plural}`;
}

/** Full name as organisers write it: "Élodie LEFÈVRE". */
export function fullName(firstName: string, lastName: string): string {
  return [firstName, lastName.toLocaleUpperCase("fr-FR")].filter((part) => part.trim() !== "").join(" ");
}

/**
 * What the edition form sends: a trimmed name and an ISO date or nothing, from the field's
 * jj/mm/aaaa (an ISO date is taken as it is). A text that is no date throws the French error.
 */
export function editionInput(name: string, date: string): { name: string; eventDate: string | null } {
  const trimmed = date.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return { name: name.trim(), eventDate: trimmed };
  const parsed = parseFrenchDate(trimmed);
  if (parsed.error !== null) throw new ApiError({ kind: "invalid", message: `Jour J : ${parsed.error}` });
  return { name: name.trim(), eventDate: parsed.iso };
}
