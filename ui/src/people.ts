// Searching and filtering the people of an edition. Tested in people.test.ts.
import type { Ambassador } from "./bindings/Ambassador";
import type { Student } from "./bindings/Student";

export type PeopleFilter = {
  query: string;
  withoutEmail: boolean;
  placeUnknown: boolean;
  /** Students of this level only (« Bac+3 »), or of a level outside Bac+2–Bac+5 (« autre »); "" for all. */
  level: string;
};

export const noFilter: PeopleFilter = { query: "", withoutEmail: false, placeUnknown: false, level: "" };

/** The levels of the operation's public, and what the level filter offers. */
export const LEVELS = ["Bac+2", "Bac+3", "Bac+4", "Bac+5"];

/** Lower case, accents removed: "Élodie" and "elodie" are the same search. */
export function searchKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** Other ways of writing each métier and administration label (the referentials' synonyms), so
 * that a search for a value as people type it (« DBA », « Cheffe de projet SI ») finds those it
 * was recognised as. */
export type Aliases = Map<string, string[]>;

function haystack(person: Student | Ambassador, aliases: Aliases): string {
  const { identity, place } = person;
  const labels = "wishedJobs" in person ? [...person.wishedJobs, person.wishedAdministration] : [person.job, person.administration];
  const school = "school" in person ? [person.school, person.level, person.curriculum] : [];
  const written = labels.flatMap((label) => (label ? [label, ...(aliases.get(label) ?? [])] : []));
  return searchKey(
    [identity.firstName, identity.lastName, identity.email, place.commune, place.postalCode, place.departement, ...written, ...school]
      .filter((part) => part)
      .join(" "),
  );
}

/** The people matching every word of the query and the chosen filters. */
export function filterPeople<P extends Student | Ambassador>(people: P[], filter: PeopleFilter, aliases: Aliases = new Map()): P[] {
  const words = searchKey(filter.query).split(/\s+/).filter((w) => w !== "");
  return people.filter((person) => {
    if (filter.withoutEmail && person.identity.email !== null) return false;
    if (filter.placeUnknown && person.place.inseeCode !== null) return false;
    if (filter.level !== "" && "level" in person) {
      const outside = person.level === null || !LEVELS.includes(person.level);
      if (filter.level === "autre" ? !outside : person.level !== filter.level) return false;
    }
    if (words.length === 0) return true;
    const text = haystack(person, aliases);
    return words.every((word) => text.includes(word));
  });
}
