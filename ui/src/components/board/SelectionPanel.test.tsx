import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { board } from "../../boardFixtures";
import type { Compatibility } from "../../bindings/Compatibility";
import { SelectionPanel } from "./SelectionPanel";
import type { BoardActions } from "./useBoard";

// The panel only draws here: its actions are never called.
const actions = new Proxy({} as BoardActions, {
  get: () => () => {
    throw new Error("no action expected while drawing");
  },
});

// The opening tag of the button with this id.
const button = (html: string, id: string) => html.match(/<button[^>]*>/g)?.find((tag) => tag.includes(`id="${id}"`)) ?? "";

const alternate = (ambassador: number, placesLeft: number): Compatibility => ({
  ambassador,
  evaluation: { score: 60, parts: [], wishRank: 1, distanceKm: 3 },
  barrier: null,
  placesLeft,
  current: false,
});

describe("the selected student's panel", () => {
  it("shows a paired student's pair, and the alternates with a free place", () => {
    const html = renderToStaticMarkup(
      <SelectionPanel
        selection={{ board: board(), student: 1, compatibility: [alternate(11, 1), alternate(12, 0)], diagnosis: null, busy: false }}
        actions={actions}
      />,
    );
    expect(html).toContain('id="selected-pair"');
    expect(html).toContain("Xavier AGENT");
    expect(html).toContain('data-alternate="11"');
    expect(html).not.toContain('data-alternate="12"');
    expect(button(html, "assign")).not.toContain("disabled");
    expect(button(html, "unpair")).not.toContain("disabled");
    // The note and date are as saved: nothing to save.
    expect(button(html, "save-note")).toContain("disabled");
  });

  it("shows why an unpaired student has no pair, and disables its actions while the board is busy", () => {
    const html = renderToStaticMarkup(
      <SelectionPanel selection={{ board: board(), student: 3, compatibility: null, diagnosis: "Trop loin.", busy: true }} actions={actions} />,
    );
    expect(html).toContain('id="selected-diagnosis"');
    expect(html).toContain("Trop loin.");
    expect(html).toContain("Chargement…");
    expect(button(html, "assign")).toContain('disabled=""');
  });
});
