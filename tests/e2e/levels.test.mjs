// Study levels in the real app (#16): the demo's ambassadors who prefer some levels weigh in the
// suggestion, a pair says so in its reasons, the weight is in « Règles et poids », and the board
// filters its students and pairs by level and by school.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { clickOn, newProfile, openModal, screenshot, selectOption, startApp, waitForText } from "./harness.mjs";

describe("study levels on the board", () => {
  const profile = newProfile();
  let app;
  let browser;
  const click = (selector) => clickOn(browser, selector);
  const select = (selector, value) => selectOption(browser, selector, value);
  const unpairedTitle = async () => (await (await browser.$("#unpaired-title")).getText()).replace(/\s+/g, " ");

  before(async () => {
    app = await startApp(profile);
    browser = app.browser;
  });
  after(async () => {
    await app?.stop();
  });

  it("names the ambassador's preferred level among a pair's reasons", async () => {
    await click("#open-demo");
    await click("button.fr-tabs__tab*=Binômes");
    await waitForText(browser, "#board-summary", "0 placés");
    await openModal(browser, "#suggest", "#suggest-modal");
    await click("#suggest-confirm");
    await waitForText(browser, "#board-status", "Binômes proposés");
    // A pair of the grid whose points include the criterion (the demo is the same every time).
    const chip = await browser.execute(() => {
      const score = [...document.querySelectorAll("#board-grid .binomes-chip__score")].find((s) =>
        (s.getAttribute("title") ?? "").includes("niveau d'études préféré par l'ambassadeur"),
      );
      return score?.closest("[data-student]")?.getAttribute("data-student") ?? null;
    });
    assert.ok(chip, "a pair shown in the grid owes points to the ambassador's preferred level");
    await click(`#board-grid [data-student="${chip}"]`);
    await waitForText(browser, "#selected-reasons", "niveau d'études préféré par l'ambassadeur : Bac+");
    await screenshot(browser, "65-niveau-prefere-raison");
  });

  it("has the criterion's weight in « Règles et poids »", async () => {
    await click("#rules-editor summary");
    const weight = await browser.$('#rules-editor input[data-weight="preferredLevel"]');
    await weight.waitForDisplayed({ timeout: 5_000 });
    assert.equal(await weight.getValue(), "15");
    const label = await browser.execute((node) => node.closest("label").textContent, weight);
    assert.match(label, /niveau d'études préféré par l'ambassadeur/);
    await waitForText(browser, "#rules-notice", "niveau d'études parmi ceux que l'ambassadeur préfère 15");
    await click("#rules-editor summary");
  });

  it("filters the students without a pair and the pairs by level and by school", async () => {
    const before = await unpairedTitle();
    assert.doesNotMatch(before, / sur /, before);
    await select("#board-level", "Bac+5");
    await browser.waitUntil(async () => / sur /.test(await unpairedTitle()), {
      timeout: 5_000,
      timeoutMsg: "the unpaired list was not narrowed to Bac+5",
    });
    const rowsAll = await browser.execute(() => document.getElementById("board-grid").getAttribute("aria-rowcount"));
    // Every pair shown in the grid's first rows is an ambassador hosting a Bac+5 student.
    const school = await browser.execute(() => {
      const options = [...document.querySelectorAll("#board-school option")].map((o) => o.value).filter((v) => v);
      return options[0] ?? null;
    });
    assert.ok(school, "the schools the students wrote are offered");
    await select("#board-school", school);
    await browser.waitUntil(
      async () => (await browser.execute(() => document.getElementById("board-grid").getAttribute("aria-rowcount"))) !== rowsAll,
      { timeout: 5_000, timeoutMsg: "the grid was not narrowed to the school" },
    );
    await screenshot(browser, "66-filtres-niveau-ecole");
    await click("button*=Effacer les filtres");
    await browser.waitUntil(async () => (await unpairedTitle()) === before, { timeout: 5_000, timeoutMsg: "the filters were not cleared" });
  });
});
