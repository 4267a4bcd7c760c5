import { describe, expect, it } from "vitest";
import { countLabel, editionInput, formatEventDate, fullName } from "./format";
import { toApiError } from "./api";

describe("formatEventDate", () => {
  it("writes the official day in full, in French", () => {
    expect(formatEventDate("2026-11-24")).toBe("mardi 24 novembre 2026");
  });
  it("says when the day is not fixed", () => {
    expect(formatEventDate(null)).toBe("date à fixer");
  });
  it("keeps an unexpected value visible rather than hiding it", () => {
    expect(formatEventDate("24/11/2026")).toBe("24/11/2026");
  });
});

describe("countLabel", () => {
  it("agrees in number and groups thousands the French way", () => {
    expect(countLabel(0, "étudiant", "étudiants", "aucun étudiant")).toBe("aucun étudiant");
    expect(countLabel(1, "étudiant", "étudiants", "aucun étudiant")).toBe("1\u00a0étudiant");
    expect(countLabel(2000, "étudiant", "étudiants", "aucun étudiant")).toBe("2\u00a0000\u00a0étudiants");
  });
});

describe("fullName", () => {
  it("puts the surname in capitals, accents included", () => {
    expect(fullName("Élodie", "Lefèvre")).toBe("Élodie LEFÈVRE");
    expect(fullName("", "Nguyen")).toBe("NGUYEN");
  });
});

describe("editionInput", () => {
  it("sends no date rather than an empty one", () => {
    expect(editionInput("  Vis mon job 2027 ", " ")).toEqual({ name: "Vis mon job 2027", eventDate: null });
    expect(editionInput("2027", "2027-11-23")).toEqual({ name: "2027", eventDate: "2027-11-23" });
  });
  it("reads the Jour J as the organiser typed it, jj/mm/aaaa, and refuses a date that is not one", () => {
    expect(editionInput("2026", "04/12/2026")).toEqual({ name: "2026", eventDate: "2026-12-04" });
    expect(() => editionInput("2026", "31/02/2026")).toThrow(/Jour J : .*29 jours|Jour J : .*28 jours/);
  });
});

describe("toApiError", () => {
  it("keeps the French message of a Rust error", () => {
    const error = toApiError({ kind: "conflict", message: "Une édition s'appelle déjà « 2026 »." });
    expect(error.message).toBe("Une édition s'appelle déjà « 2026 ».");
    expect(error.cancelled).toBe(false);
  });
  it("recognises a cancelled dialog", () => {
    expect(toApiError({ kind: "cancelled" }).cancelled).toBe(true);
  });
  it("wraps anything else in a French message", () => {
    expect(toApiError(new Error("boom")).message).toBe("Erreur inattendue de l'application : boom");
  });
});
