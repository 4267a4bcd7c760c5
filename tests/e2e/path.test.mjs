// The organiser's path (#18): a bar always in view with the season's steps and their actions, the
// results said where the action was taken, and the keyboard path from the top of the page to a
// student without a pair assigned — its key presses counted.

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { clickOn, newProfile, screenshot, startApp, waitForText } from "./harness.mjs";

/** Whether the element is wholly inside the window (not scrolled away). */
const inView = (browser, selector) =>
  browser.execute((s) => {
    const r = document.querySelector(s)?.getBoundingClientRect();
    return !!r && r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  }, selector);

describe("the organiser's path", () => {
  const profile = newProfile();
  let app;
  let browser;
  const click = (selector) => clickOn(browser, selector);

  before(async () => {
    app = await startApp(profile);
    browser = app.browser;
  });
  after(async () => {
    await app?.stop();
  });

  it("shows the steps and their state, and proposes the pairs from the bar", async () => {
    await click("#open-demo");
    await waitForText(browser, "#parcours", "Importer");
    await waitForText(browser, '#parcours [data-step="importer"]', "étudiants");
    await waitForText(browser, '#parcours [data-step="proposer"]', "à faire");
    // From the students' tab: the bar shows the board and asks for the proposal.
    await click("button.fr-tabs__tab*=Étudiants");
    await click("#path-suggest");
    await (await browser.$("#suggest-modal")).waitForDisplayed({ timeout: 5_000 });
    await click("#suggest-confirm");
    await waitForText(browser, "#board-status", "Binômes proposés");
    await waitForText(browser, '#parcours [data-step="proposer"]', "fait");
    await waitForText(browser, '#parcours [data-step="ajuster"]', "binômes");
  });

  it("keeps its actions in view at the bottom of the board, and says there what the export wrote", async () => {
    await browser.execute(() => window.scrollTo(0, document.body.scrollHeight));
    await browser.pause(300);
    assert.ok(await browser.execute(() => window.scrollY > 2000), "the page is long");
    assert.ok(await inView(browser, "#path-export"), "« Exporter le classeur… » in view");
    const out = path.join(profile.root, "binomes.xlsx");
    writeFileSync(profile.answers, `${out}\n`);
    await (await browser.$("#path-export")).click();
    await (await browser.$("#export-modal")).waitForDisplayed({ timeout: 5_000 });
    await (await browser.$("#export-confirm")).click();
    await waitForText(browser, "#path-result", "Classeur enregistré");
    assert.ok(await inView(browser, "#path-result"), "the result in view, under the bar");
    assert.equal(await (await browser.$("#path-result [role=status]")).isExisting(), true);
    assert.equal(readFileSync(out).subarray(0, 2).toString(), "PK");
    await screenshot(browser, "70-parcours");
  });

  it("assigns a student without a pair from the top of the page in at most 10 key presses", async () => {
    // The top of the page, as after it is loaded: the next Tab goes to its first link.
    await browser.execute(() => {
      window.scrollTo(0, 0);
      document.body.setAttribute("tabindex", "-1");
      document.body.focus();
      document.body.removeAttribute("tabindex");
    });
    let presses = 0;
    const press = async (key) => {
      presses += 1;
      await browser.keys(key);
      await browser.pause(150);
    };
    const focused = () => browser.execute(() => document.activeElement?.id || document.activeElement?.getAttribute("data-student") || document.activeElement?.textContent?.trim().slice(0, 40));
    // Tab through the skip links to « Étudiants sans binôme », then Enter: the first of them.
    for (let i = 0; i < 8; i++) {
      await press("Tab");
      const label = await browser.execute(() => document.activeElement?.textContent?.trim());
      if (label === "Étudiants sans binôme") break;
    }
    await press("Enter");
    await browser.waitUntil(() => browser.execute(() => !!document.activeElement?.closest("#unpaired-list [data-student]")), {
      timeout: 5_000,
      timeoutMsg: "the skip link did not reach the students without a pair",
    });
    const student = await browser.execute(() => document.activeElement.getAttribute("data-student"));
    const before = await (await browser.$("#board-summary")).getText();
    // Enter selects them; « Affecter à… » takes the focus; Enter opens it on the best choice.
    await press("Enter");
    await browser.waitUntil(async () => (await focused()) === "assign", { timeout: 5_000, timeoutMsg: "« Affecter à… » never had the focus" });
    await press("Enter");
    await (await browser.$("#assign-modal")).waitForDisplayed({ timeout: 5_000 });
    await browser.waitUntil(() => browser.execute(() => document.activeElement?.hasAttribute("data-choice")), {
      timeout: 10_000,
      timeoutMsg: "the dialog did not focus an ambassador",
    });
    const chosen = await browser.execute(() => document.activeElement.getAttribute("data-choice"));
    await press("Enter");
    await browser.waitUntil(
      () => browser.execute((id) => document.querySelector(`#board-grid [data-student="${id}"]`)?.closest("[data-ambassador]")?.getAttribute("data-ambassador"), student),
      { timeout: 10_000, timeoutMsg: "the student was not assigned" },
    ).catch(async () => {
      // The grid is virtual: the row may be out of the rendered window; the summary says it.
      await browser.waitUntil(async () => (await (await browser.$("#board-summary")).getText()) !== before, { timeout: 5_000 });
    });
    await waitForText(browser, "#board-status", "Enregistré");
    console.log(`Clavier : étudiant ${student} affecté à l'ambassadeur ${chosen} en ${presses} touches depuis le haut de la page.`);
    assert.ok(presses <= 10, `${presses} key presses`);
  });
});
