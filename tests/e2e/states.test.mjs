// Students outside the retained states, in the real app (issue #16): after « Proposer » on the
// demo edition the board keeps them apart from those without a pair, with their count; the
// selection and « Pourquoi ? » say the exclusion first; pairing one by hand asks to confirm;
// retaining one more state in the board's own control brings them in.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import { clickOn, createEdition, docsScreenshot, newProfile, openModal, screenshot, screenshotIfFailed, startApp, waitForText } from "./harness.mjs";


describe("students outside the retained states", () => {
  const profile = newProfile();
  let app;
  let browser;
  const click = (selector) => clickOn(browser, selector);
  const text = async (selector) => (await (await browser.$(selector)).getText()).replace(/[\u00a0\u202f]/g, " ");
  /** The count in « Hors des états retenus (N) ». */
  const apartCount = async () => Number(/\((\d+)\)/.exec(await text("#excluded-title"))?.[1] ?? NaN);

  before(async () => {
    app = await startApp(profile);
    browser = app.browser;
  });
  after(async () => {
    await app?.stop();
  });
  let step = 0;
  afterEach(async (t) => {
    step += 1;
    await screenshotIfFailed(t, browser, `states-step-${step}`);
  });

  it("keeps them apart from the students without a pair, with their count", async () => {
    await click("#open-demo");
    await click("button.fr-tabs__tab*=Binômes");
    await waitForText(browser, "#board-summary", "0 placés");
    await openModal(browser, "#suggest", "#suggest-modal");
    await click("#suggest-confirm");
    await waitForText(browser, "#board-status", "Binômes proposés");
    await waitForText(browser, "#board-summary", "hors des états retenus");
    const summary = await text("#board-summary");
    const inSummary = Number(/(\d+) hors des états retenus/.exec(summary)?.[1]);
    assert.ok(inSummary > 0, summary);
    assert.equal(await apartCount(), inSummary);

    // Folded by default; opened, it lists exactly them, each with its state in French.
    await click("#excluded-title");
    // Its cards are drawn once it is unfolded (the details' toggle event comes a moment after).
    await browser.waitUntil(async () => (await browser.$$("#excluded-list li[data-state]")).length > 0, { timeout: 5_000 });
    const listed = await browser.execute(() =>
      [...document.querySelectorAll("#excluded-list li[data-state]")].map((li) => li.getAttribute("data-state")),
    );
    assert.equal(listed.length, inSummary);
    assert.ok(listed.every((s) => s !== "accepté" && !s.includes("_")), listed.join(", "));
    // None of them is in the list of students without a pair.
    const overlap = await browser.execute(() => {
      const apart = new Set([...document.querySelectorAll("#excluded-list [data-student]")].map((c) => c.getAttribute("data-student")));
      return [...document.querySelectorAll("#unpaired-list [data-student]")].filter((c) => apart.has(c.getAttribute("data-student"))).length;
    });
    assert.equal(overlap, 0);
    // The side panel is sticky: with the grid scrolled to the top of the window, it shows whole.
    await browser.execute(() => {
      const grid = document.querySelector("#board-grid");
      window.scrollTo({ top: grid.getBoundingClientRect().top + window.scrollY, behavior: "instant" });
    });
    await browser.pause(300);
    await docsScreenshot(browser, "hors-etats-retenus.png");
  });

  it("says the exclusion first, and asks before pairing one by hand", async () => {
    const student = await (await browser.$("#excluded-list [data-student]")).getAttribute("data-student");
    const state = await (await browser.$("#excluded-list li[data-state]")).getAttribute("data-state");
    await click(`#excluded-list [data-student="${student}"]`);
    await waitForText(browser, "#selected-diagnosis", "Hors des états retenus");
    await waitForText(browser, "#selected-diagnosis", `dossier « ${state} »`);
    await openModal(browser, "#why", "#why-modal");
    await waitForText(browser, "#why-exclusion", "hors des états retenus");
    await browser.keys("Escape");
    await (await browser.$("#why-modal")).waitForDisplayed({ reverse: true, timeout: 5_000 });

    await openModal(browser, "#assign", "#assign-panel");
    await waitForText(browser, "#assign-list", "pts");
    const choice = await browser.execute(() => {
      const free = [...document.querySelectorAll("#assign-list [data-choice]")].find((b) => /\d place\(s\)/.test(b.textContent ?? ""));
      free?.click();
      return free ? free.querySelector("strong").textContent : null;
    });
    assert.ok(choice, "an ambassador with a free place");
    await (await browser.$("#state-modal")).waitForDisplayed({ timeout: 5_000 });
    await waitForText(browser, "#state-question", `Ce dossier est « ${state} », hors des états retenus. L'apparier quand même ?`);
    await screenshot(browser, "hors-etats-confirmation");
    const before = await apartCount();
    await click("#state-confirm");
    await waitForText(browser, "#board-status", ` avec ${choice}. Enregistré`);
    await waitForText(browser, "#selected-pair", `Avec ${choice}`);
    assert.equal(await apartCount(), before - 1);
  });

  it("brings them in when one more state is retained from the board", async () => {
    const before = await apartCount();
    const inInstruction = await browser.execute(
      () => document.querySelectorAll('#excluded-list li[data-state="en instruction"]').length,
    );
    assert.ok(inInstruction > 0);
    await click('label[for="retain-en_instruction"]');
    await click("#retain-apply");
    await waitForText(browser, "#board-status", "États retenus enregistrés");
    await browser.waitUntil(async () => (await apartCount()) === before - inInstruction, {
      timeout: 10_000,
      timeoutMsg: "the count never went down",
    });
    // The rules say so too.
    await click("summary*=Règles et poids");
    const checked = await browser.execute(() => document.querySelector("#state-en_instruction")?.checked ?? null);
    assert.equal(checked, true);
  });
});

describe("the import report counts students by state", () => {
  const SAMPLES = path.resolve(import.meta.dirname, "../../assets/samples");
  const profile = newProfile();
  let app;
  let browser;
  const click = (selector) => clickOn(browser, selector);

  before(async () => {
    app = await startApp(profile);
    browser = app.browser;
    await createEdition(browser, "États 2026");
  });
  after(async () => {
    await app?.stop();
  });

  it("says how many will not take part, and which row of a duplicate was kept", async () => {
    await click("#import-students");
    writeFileSync(profile.answers, `${path.join(SAMPLES, "etudiants-demarches-simplifiees.xlsx")}\n`);
    await click("#import-choose");
    await waitForText(browser, "#import-state-counts", "Dossiers par état : 193 accepté · 19 en instruction · 15 en construction");
    await waitForText(browser, "#import-not-taking-part", "47 étudiant(s) de ce fichier ne participeront pas à l'appariement");
    await waitForText(browser, "#import-duplicates", "ligne 12 gardée (son dossier est « en instruction », le plus avancé) ; ligne(s) 242 écartée(s)");
    await browser.execute(() => document.querySelector("#import-states").scrollIntoView({ block: "center", behavior: "instant" }));
    await screenshot(browser, "import-etats-doublons");
    await click("#import-confirm");
    await waitForText(browser, "#import-done", "240 importées");
    await waitForText(browser, "#import-not-taking-part", "47 étudiant(s)");
  });
});
