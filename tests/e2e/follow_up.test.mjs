// The follow-up after notification and « Pourquoi ? » as a document (#17), in the real app: a pair
// of the demo edition confirmed with an agreed date on the board, then a second pair cancelled in
// bulk (the confirm-first bulk action), the history saying both; the « Par date » tab showing who
// goes where which day; « Pourquoi ? » for an ambassador of the list, shown as its document and
// exported where the organiser chose (scripted native dialog), read back from the file.
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import { clickOn, newProfile, openModal, screenshot, screenshotIfFailed, selectOption, startApp, waitForText } from "./harness.mjs";

describe("follow-up after notification, view by date, « Pourquoi ? » document", () => {
  const profile = newProfile();
  let app;
  let browser;
  const click = (selector) => clickOn(browser, selector);
  let step = 0;

  before(async () => {
    app = await startApp(profile);
    browser = app.browser;
  });
  after(async () => {
    await app?.stop();
  });
  afterEach(async (t) => {
    step += 1;
    await screenshotIfFailed(t, browser, `follow-up-step-${step}`);
  });

  /** Chooses `value` in the native select `selector` as a person does (then React hears it). */
  const choose = (selector, value) => selectOption(browser, selector, value);

  let confirmed;
  it("confirms a pair with its agreed date on the board, through the history", async () => {
    await click("#open-demo");
    await click("button.fr-tabs__tab*=Binômes");
    await openModal(browser, "#suggest", "#suggest-modal");
    await click("#suggest-confirm");
    await waitForText(browser, "#board-status", "Binômes proposés");
    // The first student of the grid.
    const chip = await browser.$("#board-grid [data-student]");
    confirmed = await chip.getAttribute("data-student");
    await click(`#board-grid [data-student="${confirmed}"]`);
    await choose("#selected-status", "confirmed");
    await waitForText(browser, "#board-status", "passé à « confirmé »");
    const date = await browser.$("#selected-date");
    await date.setValue("26/11/2026");
    await click("#save-note");
    await waitForText(browser, "#board-status", "date convenue modifiée");
    await screenshot(browser, "40-binome-confirme");
  });

  it("moves the pairs shown to a follow-up status in bulk after saying how many, and the history says it", async () => {
    // The pairs « confirmé » shown: the one just confirmed, which becomes « réalisé ».
    await choose("#board-filter-status", "confirmed");
    await choose("#bulk-status", "done");
    await click("#bulk-apply");
    await waitForText(browser, "#bulk-question", "Passer 1 binôme(s) à « réalisé »");
    await click("#bulk-confirm-yes");
    await waitForText(browser, "#board-status", "passé à « réalisé »");
    await choose("#board-filter-status", "");
    await click("#show-history");
    await waitForText(browser, "#history-table", "passé à « réalisé »");
    await waitForText(browser, "#history-table", "passé à « confirmé »");
    await click("#history-modal .fr-btn--close");
  });

  it("shows the pairs by agreed date, the undated apart", async () => {
    await click("button.fr-tabs__tab*=Par date");
    await waitForText(browser, "#by-date-summary", "1 jour(s) convenu(s)");
    await waitForText(browser, '[data-day="2026-11-26"] h3', "jeudi 26 novembre 2026");
    await waitForText(browser, '[data-day="2026-11-26"] table', "réalisé");
    await waitForText(browser, '[data-day="undated"] h3', "Sans date convenue");
    await browser.execute(() => document.querySelector("#by-date-view").scrollIntoView({ block: "start", behavior: "instant" }));
    await screenshot(browser, "41-par-date");
  });

  it("exports « Pourquoi ? » for an ambassador where the organiser chose", async () => {
    await click("button.fr-tabs__tab*=Ambassadeurs");
    const name = await (await browser.$("#ambassadors-table tbody tr td")).getText();
    await openModal(browser, '#ambassadors-table tbody tr [data-action="why-document"]', "#why-document-modal");
    await waitForText(browser, "#why-document", "article L311-3-1");
    await waitForText(browser, "#why-document", "Les critères de préférence et leurs points");
    // The dialog fades in: the picture once it is fully shown.
    await browser.waitUntil(() => browser.execute(() => getComputedStyle(document.querySelector("#why-document-modal")).opacity === "1"), {
      timeout: 5_000,
      timeoutMsg: "the dialog never finished opening",
    });
    await screenshot(browser, "42-pourquoi-document");
    const out = path.join(profile.root, "pourquoi-ambassadeur.html");
    writeFileSync(profile.answers, `${out}\n`);
    await click("#why-document-modal #export-why");
    await waitForText(browser, "#why-document-modal #export-why-status", "Explication enregistrée");
    assert.ok(existsSync(out));
    const html = readFileSync(out, "utf8");
    assert.match(html, /<html lang="fr">/);
    assert.ok(html.includes("Les critères de préférence et leurs points"), html.slice(0, 400));
    // The name as the list shows it (first name, then the last name in capitals in the document).
    const [first] = name.split(" ");
    assert.ok(html.includes(first), `${first} in the document`);
  });
});
