import { describe, expect, it } from "vitest";
import { isoToFrench, maskFrenchDate, parseFrenchDate } from "./dates";

describe("French dates", () => {
  it("reads jj/mm/aaaa, with or without leading zeros, slashes, dots or dashes", () => {
    expect(parseFrenchDate("04/12/2026")).toEqual({ iso: "2026-12-04", error: null });
    expect(parseFrenchDate(" 4/2/2027 ")).toEqual({ iso: "2027-02-04", error: null });
    expect(parseFrenchDate("04.12.2026").iso).toBe("2026-12-04");
    expect(parseFrenchDate("04-12-2026").iso).toBe("2026-12-04");
  });

  it("is day first whatever the system language (12/03 is the 12th of March)", () => {
    expect(parseFrenchDate("12/03/2026").iso).toBe("2026-03-12");
  });

  it("treats an empty field as no date", () => {
    expect(parseFrenchDate("")).toEqual({ iso: null, error: null });
    expect(parseFrenchDate("   ")).toEqual({ iso: null, error: null });
  });

  it("refuses, in French, what is not a date", () => {
    expect(parseFrenchDate("2026-12-04").error).toMatch(/jj\/mm\/aaaa/);
    expect(parseFrenchDate("04/12/26").error).toMatch(/jj\/mm\/aaaa/);
    expect(parseFrenchDate("demain").error).toMatch(/jj\/mm\/aaaa/);
    expect(parseFrenchDate("04/13/2026").error).toMatch(/mois 13/);
    expect(parseFrenchDate("31/04/2026").error).toMatch(/30 jours/);
    expect(parseFrenchDate("29/02/2026").error).toMatch(/28 jours/);
    expect(parseFrenchDate("29/02/2028").iso).toBe("2028-02-29");
    expect(parseFrenchDate("00/02/2026").error).toMatch(/n'existe pas/);
  });

  it("shows an ISO date as jj/mm/aaaa", () => {
    expect(isoToFrench("2026-12-04")).toBe("04/12/2026");
    expect(isoToFrench(null)).toBe("");
    expect(isoToFrench("")).toBe("");
  });

  it("puts the slashes in as digits are typed", () => {
    expect(maskFrenchDate("0")).toBe("0");
    expect(maskFrenchDate("04")).toBe("04");
    expect(maskFrenchDate("041")).toBe("04/1");
    expect(maskFrenchDate("0412")).toBe("04/12");
    expect(maskFrenchDate("04122026")).toBe("04/12/2026");
    expect(maskFrenchDate("041220261")).toBe("04/12/2026");
    expect(maskFrenchDate("04/12/2026")).toBe("04/12/2026");
    expect(maskFrenchDate("4/")).toBe("04/");
    expect(maskFrenchDate("4/3/")).toBe("04/03/");
    expect(maskFrenchDate("04/")).toBe("04/");
    expect(maskFrenchDate("a4b")).toBe("4");
    expect(maskFrenchDate("")).toBe("");
    expect(maskFrenchDate("2026-12-04")).toBe("04/12/2026");
  });

  it("lets a deleted slash go (backspace after the mask)", () => {
    // "04/" with its slash erased is "04": the mask does not put it back until a digit comes.
    expect(maskFrenchDate("04")).toBe("04");
    expect(maskFrenchDate("04/12")).toBe("04/12");
  });
});
