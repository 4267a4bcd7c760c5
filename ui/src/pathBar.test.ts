import { describe, expect, it } from "vitest";
import { pathSteps } from "./components/PathBar";

describe("the organiser's path", () => {
  it("starts with the import to do and the rest after it", () => {
    const steps = pathSteps({ students: 0, ambassadors: 0, pairs: 0 });
    expect(steps.map((s) => s.label)).toEqual(["Importer", "Proposer", "Ajuster", "Exporter", "Prévenir"]);
    expect(steps.map((s) => s.state)).toEqual(["à faire", "après l'import", "après la proposition", "après la proposition", "après la proposition"]);
  });
  it("says which sign-ups are missing", () => {
    expect(pathSteps({ students: 240, ambassadors: 0, pairs: 0 })[0]?.state).toBe("ambassadeurs à importer");
    expect(pathSteps({ students: 0, ambassadors: 180, pairs: 0 })[0]?.state).toBe("étudiants à importer");
  });
  it("marks the import and the proposal done, and counts the pairs to adjust", () => {
    const steps = pathSteps({ students: 240, ambassadors: 180, pairs: 147 });
    expect(steps[0]).toMatchObject({ done: true, state: "240\u00a0étudiants, 180\u00a0ambassadeurs" });
    expect(steps[1]).toMatchObject({ done: true, state: "fait" });
    expect(steps[2]?.state).toBe("147\u00a0binômes");
  });
});
