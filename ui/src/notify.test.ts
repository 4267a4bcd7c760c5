import { describe, expect, it } from "vitest";
import type { Owed } from "./bindings/Owed";
import { chosenPeople, owedSummary, personKey, progressText, templateOf, withTemplate } from "./notify";
import type { Templates } from "./bindings/Templates";

const owed = (role: "student" | "ambassador", person: number, kind: Owed["kind"]): Owed => ({
  role,
  person,
  name: `P${person}`,
  email: null,
  kind,
  reason: "",
  previous: [],
  pending: null,
  uncertain: false,
});

describe("« À prévenir »", () => {
  const list = [owed("student", 1, "change"), owed("ambassador", 2, "change"), owed("student", 3, "newPair")];
  it("sends no list when everyone (or no one) is chosen", () => {
    expect(chosenPeople(list, new Set())).toBeNull();
    expect(chosenPeople(list, new Set(list.map((o) => personKey(o.role, o.person))))).toBeNull();
    expect(chosenPeople(list, new Set(["student:3"]))).toEqual([["student", 3]]);
  });
  it("says how many and of what kind, in French", () => {
    expect(owedSummary(list)).toBe("3 personnes à prévenir : 2 changements, 1 nouveau binôme.");
    expect(owedSummary([])).toMatch(/Personne/);
  });
});

describe("sending", () => {
  it("says where it stands", () => {
    const p = { wave: "v", total: 5, done: 3, sent: 2, refused: 1, failed: 0, uncertain: 0, paused: false, current: "Zoé", stopped: null, finished: false };
    expect(progressText(p)).toBe("3 / 5 traités, 2 envoyés, 1 refusé par le serveur. Envoi à Zoé…");
    expect(progressText({ ...p, finished: true, current: null })).toMatch(/Envoi terminé/);
  });
});

describe("templates by kind", () => {
  const t = { student: { subject: "a", body: "b" }, noPair: { subject: "c", body: "d" } } as unknown as Templates;
  it("finds and replaces the template of a kind and role", () => {
    expect(templateOf(t, "newPair", "student")?.subject).toBe("a");
    expect(templateOf(t, "noPair", "ambassador")).toBeNull();
    expect(withTemplate(t, "noPair", "student", { subject: "x", body: "y" }).noPair.subject).toBe("x");
  });
});
