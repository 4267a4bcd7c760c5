// The real app, end to end: first run, demo edition, create / rename / delete an edition,
// a scripted folder dialog, and data that survives a restart.
import assert from "node:assert/strict";
import { existsSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { clickOn, newProfile, screenshot, startApp, waitForText } from "./harness.mjs";

const profile = newProfile();
let app;
let browser;

function click(selector) {
  return clickOn(browser, selector);
}

async function typeInto(selector, text) {
  const el = await browser.$(selector);
  await el.waitForDisplayed({ timeout: 10_000 });
  await el.clearValue();
  await el.setValue(text);
}

function editionRow(name) {
  return browser.$(`tr[data-edition-name="${name}"]`);
}

describe("Binômes, the desktop app", () => {
  before(async () => {
    app = await startApp(profile);
    browser = app.browser;
  });
  after(async () => {
    await app?.stop();
  });

  it("opens a window titled Binômes that offers the demo edition on first run", async () => {
    assert.equal(await browser.getTitle(), "Binômes");
    await waitForText(browser, "main h1", "Éditions");
    await waitForText(browser, "main", "Bienvenue dans Binômes");
    assert.ok(await (await browser.$("#open-demo")).isDisplayed());
    await waitForText(browser, "footer", "les données restent sur cet ordinateur");
    assert.equal(await (await browser.$("#data-dir")).getText(), profile.dataDir);
    await screenshot(browser, "01-premier-lancement");
  });

  it("stays on its own pages when a script tries to take the window elsewhere", async () => {
    const before = await browser.getUrl();
    await browser.execute(() => {
      window.location.href = "https://example.org/";
    });
    // Long enough for a navigation to start and fail; the guard answers at once.
    await browser.pause(1500);
    assert.equal(await browser.getUrl(), before);
    await waitForText(browser, "main h1", "Éditions");
  });

  it("opens the demo edition with its 240 students and 180 ambassadors", async () => {
    await click("#open-demo");
    await waitForText(browser, "#edition-title", "Édition de démonstration");
    await waitForText(browser, "#edition-counts", "240\u00a0étudiants");
    await waitForText(browser, "#edition-counts", "180\u00a0ambassadeurs");
    const rows = await browser.$$("#students-table tbody tr");
    assert.equal(rows.length, 240);
    await screenshot(browser, "02-edition-demonstration");
    await click(".fr-breadcrumb__list li:first-child .fr-breadcrumb__link");
    await waitForText(browser, "#editions-table", "Édition de démonstration");
    assert.equal(await (await browser.$("#open-demo")).isExisting(), false, "offered only while there is no demo");
  });

  it("creates an edition, refuses a duplicate name in French, renames and deletes it", async () => {
    await click("#create-edition");
    await typeInto("#edition-name", "Vis mon job 2027");
    await click("#edition-submit");
    await waitForText(browser, "#home-status", "L'édition « Vis mon job 2027 » a été créée.");
    await (await editionRow("Vis mon job 2027")).waitForExist({ timeout: 5_000 });

    await click("#create-edition");
    await typeInto("#edition-name", "VIS MON JOB 2027");
    await click("#edition-submit");
    await waitForText(browser, "#edition-modal", "Une édition s'appelle déjà « VIS MON JOB 2027 ».");
    await screenshot(browser, "03-nom-deja-pris");
    await click("#edition-modal .fr-btn--close");
    await (await browser.$("#edition-modal")).waitForDisplayed({ reverse: true, timeout: 5_000 });

    await click('tr[data-edition-name="Vis mon job 2027"] [data-action="rename"]');
    await typeInto("#edition-name", "Vis mon job 2027 (5e édition)");
    await click("#edition-submit");
    await waitForText(browser, "#home-status", "désormais « Vis mon job 2027 (5e édition) »");
    await (await editionRow("Vis mon job 2027 (5e édition)")).waitForExist({ timeout: 5_000 });
    await screenshot(browser, "04-accueil");

    await click('tr[data-edition-name="Vis mon job 2027 (5e édition)"] [data-action="delete"]');
    await waitForText(browser, "#delete-modal", "ne peut pas être annulée");
    // The native confirmation the shell asks for (scripted under test): cancelled, nothing goes…
    writeFileSync(profile.answers, "\n");
    await click("#delete-confirm");
    await (await browser.$("#delete-modal")).waitForDisplayed({ reverse: true, timeout: 5_000 });
    assert.ok(await (await editionRow("Vis mon job 2027 (5e édition)")).isExisting(), "kept when the native dialog is cancelled");
    await click('tr[data-edition-name="Vis mon job 2027 (5e édition)"] [data-action="delete"]');
    await waitForText(browser, "#delete-modal", "ne peut pas être annulée");
    // …confirmed, it goes.
    writeFileSync(profile.answers, "oui\n");
    await click("#delete-confirm");
    await waitForText(browser, "#home-status", "a été supprimée");
    assert.equal(await (await editionRow("Vis mon job 2027 (5e édition)")).isExisting(), false);
  });

  it("writes the demo sign-up sheets to the folder chosen in the dialog", async () => {
    const folder = path.join(profile.root, "exemples");
    mkdirSync(folder);
    writeFileSync(profile.answers, `${folder}\n`);
    await click("#export-samples");
    await waitForText(browser, "#home-status", "Fichiers de démonstration enregistrés");
    assert.deepEqual(readdirSync(folder).sort(), [
      "ambassadeurs-sphinx-retravaille.xlsx",
      "etudiants-demarches-simplifiees.xlsx",
      "etudiants-excel-windows.csv",
    ]);

    // A cancelled dialog changes nothing and says nothing alarming.
    writeFileSync(profile.answers, "\n");
    await click("#export-samples");
    await browser.pause(300);
    assert.equal(await (await browser.$('[role="alert"]')).isExisting(), false);
  });

  it("finds the same editions after a restart", async () => {
    await click("#create-edition");
    await typeInto("#edition-name", "Édition gardée");
    await click("#edition-submit");
    await (await editionRow("Édition gardée")).waitForExist({ timeout: 5_000 });
    await app.stop();

    app = await startApp(profile);
    browser = app.browser;
    await waitForText(browser, "#editions-table", "Édition gardée");
    await waitForText(browser, "#editions-table", "Édition de démonstration");
    assert.ok(existsSync(path.join(profile.dataDir, "binomes.sqlite3")));
  });
});
