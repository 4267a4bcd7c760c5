import { describe, expect, it } from "vitest";
import { filterPeople, noFilter } from "./people";
import type { Student } from "./bindings/Student";

function student(first: string, last: string, email: string | null, commune: string | null, insee: string | null): Student {
  return {
    id: 1,
    editionId: 1,
    identity: { civility: null, lastName: last, firstName: first, email, phone: null },
    place: { postalCode: null, commune, inseeCode: insee, departement: null },
    school: null,
    level: null,
    curriculum: null,
    wishedJobs: ["Data scientist"],
    wishedAdministration: null,
    mobility: "unspecified",
    applicationState: null,
    comments: null,
    sourceRow: null,
  };
}

const people = [
  student("Élodie", "Lefèvre", "elodie@ex.fr", "Lyon", "69123"),
  student("Karim", "Nguyen", null, "Brest", "29019"),
  student("Anne", "Martin", "anne@ex.fr", "Villeurbane", null),
];

describe("filterPeople", () => {
  it("finds people whatever the accents and case", () => {
    expect(filterPeople(people, { ...noFilter, query: "elodie LEFEVRE" }).map((p) => p.identity.firstName)).toEqual(["Élodie"]);
    expect(filterPeople(people, { ...noFilter, query: "data" })).toHaveLength(3);
    expect(filterPeople(people, { ...noFilter, query: "brest" })[0]?.identity.lastName).toBe("Nguyen");
  });
  it("shows those without e-mail or with an unresolved commune", () => {
    expect(filterPeople(people, { ...noFilter, withoutEmail: true }).map((p) => p.identity.lastName)).toEqual(["Nguyen"]);
    expect(filterPeople(people, { ...noFilter, placeUnknown: true }).map((p) => p.identity.lastName)).toEqual(["Martin"]);
  });
});

describe("searching as people type", () => {
  it("finds a métier by the other writings the referential knows for it", () => {
    const aliases = new Map([["Data scientist", ["data-scientist", "Données", "Scientifique des données", "Data science"]]]);
    expect(filterPeople(people, { ...noFilter, query: "data science" }, aliases)).toHaveLength(3);
    expect(filterPeople(people, { ...noFilter, query: "scientifique des donnees" }, aliases)).toHaveLength(3);
    expect(filterPeople(people, { ...noFilter, query: "scientifique" })).toHaveLength(0);
  });
});

describe("the level filter", () => {
  const at = (level: string | null, school: string | null): Student => ({ ...student("Anne", "Martin", null, null, null), level, school });
  const students = [at("Bac+3", "IUT de Nantes"), at("Bac+1", null), at(null, "Université de Lille"), at("Bac+5", null)];
  it("keeps one level, or those outside the operation's public", () => {
    expect(filterPeople(students, { ...noFilter, level: "Bac+3" })).toHaveLength(1);
    expect(filterPeople(students, { ...noFilter, level: "autre" }).map((s) => s.level)).toEqual(["Bac+1", null]);
  });
  it("finds students by their school", () => {
    expect(filterPeople(students, { ...noFilter, query: "iut nantes" })).toHaveLength(1);
  });
});
