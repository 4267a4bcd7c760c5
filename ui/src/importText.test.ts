import { describe, expect, it } from "vitest";
import { confidenceLabel, importSummary } from "./importText";
import type { ImportReport } from "./bindings/ImportReport";

function report(partial: Partial<ImportReport>): ImportReport {
  return {
    file: "f.xlsx",
    sheet: null,
    sheet_names: [],
    role: "student",
    header_row: 1,
    title_rows: [],
    blank_rows: 0,
    rows_read: 0,
    stored: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    warnings: [],
    unknown_values: [],
    recognized_values: [],
    columns: [],
    fields: [],
    first_rows: [],
    changes: { created: [], updated: [], unchanged: 0, gone: [], handEdited: [] },
    backup: null,
    states: [],
    not_taking_part: 0,
    retained_states: ["accepté"],
    duplicates: [],
    probable_duplicates: [],
    states_text: null,
    not_taking_part_text: null,
    ...partial,
  };
}

describe("importSummary", () => {
  it("accounts for every row, before the import", () => {
    const r = report({ rows_read: 241, stored: 240, created: 240, rejected: [{ row: 242, reason: "doublon" }] });
    expect(importSummary(r, false)).toBe("241 lignes lues — 240 à importer : 240 nouvelles personnes, 1 ligne non importée.");
  });
  it("tells a re-import apart", () => {
    const r = report({ rows_read: 2, stored: 2, updated: 1, unchanged: 1 });
    expect(importSummary(r, true)).toBe("2 lignes lues — 2 importées : 1 personne modifiée, 1 personne inchangée.");
  });
});

describe("confidenceLabel", () => {
  it("words the confidence", () => {
    expect(confidenceLabel(1)).toBe("sûre");
    expect(confidenceLabel(0.7)).toBe("probable");
    expect(confidenceLabel(0)).toBe("non reconnue");
  });
});
