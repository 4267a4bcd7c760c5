// People changed by hand in the real app: a late sign-up added, corrected (the correction marked
// « modifié à la main »), the correction undone from the board, a typed address refused in
// French, and the person erased for good at their request — nothing of them left in the
// database or its backups.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { clickOn, newProfile, openModal, screenshot, startApp, typeInto, waitForText } from "./harness.mjs";

/** Every file of the data folder the store writes: the database, its journal, its backups. */
function storeFiles(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name === "sauvegardes") files.push(...storeFiles(full));
    } else if (name.includes("sqlite3")) {
      files.push(full);
    }
  }
  return files;
}

describe("people changed by hand", () => {
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

  const type = (selector, value) => typeInto(browser, selector, value);
  // The DSFR modal fades in: a picture for the docs waits until it is fully shown.
  const shownFully = (selector) =>
    browser.waitUntil(
      () => browser.execute((s) => getComputedStyle(document.querySelector(s)).opacity === "1", selector),
      { timeout: 5_000, timeoutMsg: `${selector} never finished showing` },
    );
  const search = async (text) => {
    const box = await browser.$("#people-search");
    await box.click();
    await browser.keys(["Control", "a"]);
    await browser.keys("Backspace");
    if (text) await box.setValue(text);
  };

  it("adds a late sign-up by hand, understood as a file row would be", async () => {
    await click("#open-demo");
    await click("button.fr-tabs__tab*=Étudiants");
    await waitForText(browser, "#students-table", "@");
    const students = Number(/\((\d+)\)/.exec(await (await browser.$("button.fr-tabs__tab*=Étudiants")).getText())?.[1]);
    assert.ok(students > 0, "the demo's students are counted in the tab");
    await openModal(browser, "#add-person", "#person-modal");
    await waitForText(browser, "#person-modal", "Ajouter un étudiant");
    await type("#person-lastName", "Tardif");
    await type("#person-firstName", "Léon");
    await type("#person-email", "Leon.Tardif@ETU.example");
    await type("#person-postalCode", "33000");
    await type("#person-job1", "Développeur");
    await shownFully("#person-modal");
    await screenshot(browser, "60-ajout-etudiant");
    await click("#person-save");
    await waitForText(browser, "#people-notice", "Ajout à la main : Léon TARDIF");
    await search("tardif");
    await waitForText(browser, "#students-table", "leon.tardif@etu.example");
    await waitForText(browser, "#students-table", "Bordeaux");
    await search("");
    await waitForText(browser, "button.fr-tabs__tab*=Étudiants", `(${students + 1})`);
  });

  it("refuses a typed address that is not one, in French, and keeps the form open", async () => {
    await search("tardif");
    await waitForText(browser, "#students-table", "leon.tardif@etu.example");
    await openModal(browser, '#students-table [data-action="edit-person"]', "#person-modal");
    await waitForText(browser, "#person-modal", "Modifier Léon TARDIF");
    await type("#person-email", "leon.tardif@");
    await click("#person-save");
    await waitForText(browser, "#person-modal [role=alert]", "La personne n'a pas été enregistrée : E-mail");
    assert.ok(await (await browser.$("#person-modal")).isDisplayed(), "the form stays open with what was typed");
  });

  it("corrects a person, marks the correction, and undoes it from the board", async () => {
    await type("#person-email", "leon.tardif@etu.example");
    await type("#person-phone", "06 12 34 56 78");
    await click("#person-save");
    await waitForText(browser, "#people-notice", "Modification à la main : Léon TARDIF (Téléphone)");
    await openModal(browser, '#students-table [data-action="edit-person"]', "#person-modal");
    await waitForText(browser, 'label[for="person-phone"]', "modifié à la main");
    await shownFully("#person-modal");
    await screenshot(browser, "61-personne-modifiee-a-la-main");
    await click("#person-modal .fr-btn--close");
    await (await browser.$("#person-modal")).waitForDisplayed({ reverse: true, timeout: 5_000 });

    await click("button.fr-tabs__tab*=Binômes");
    await waitForText(browser, "#undo", "Annuler");
    assert.match(await (await browser.$("#undo")).getAttribute("title"), /Modification à la main : Léon TARDIF/);
    await click("#undo");
    await waitForText(browser, "#board-status", "Annulé : Modification à la main : Léon TARDIF");
    await click("button.fr-tabs__tab*=Étudiants");
    await search("tardif");
    await openModal(browser, '#students-table [data-action="edit-person"]', "#person-modal");
    await browser.waitUntil(async () => (await (await browser.$("#person-phone")).getValue()) === "", {
      timeout: 5_000,
      timeoutMsg: "the phone typed by hand is still there after undo",
    });
  });

  it("writes the person's data to a file they can read (right of access)", async () => {
    const out = path.join(profile.root, "donnees-leon-tardif.txt");
    writeFileSync(profile.answers, `${out}\n`);
    await click("#person-export");
    await waitForText(browser, "#people-notice", "Données de Léon TARDIF enregistrées");
    const text = readFileSync(out, "utf8");
    assert.match(text, /^Données personnelles de Léon TARDIF/);
    assert.match(text, /E-mail : leon\.tardif@etu\.example \(corrigé par l'organisateur\)/);
    assert.match(text, /Ajouté\(e\) à la main par l'organisateur/);
  });

  it("erases the person for good at their request: nothing of them left in the store's files", async () => {
    await search("tardif");
    await openModal(browser, '#students-table [data-action="edit-person"]', "#person-modal");
    await click("#person-erase");
    await (await browser.$("#erase-person-modal")).waitForDisplayed({ timeout: 5_000 });
    await waitForText(browser, "#erase-person-modal", "ne peut pas être annulé");
    await shownFully("#erase-person-modal");
    await screenshot(browser, "62-effacement-definitif");
    // The native confirmation the shell asks for (scripted under test).
    writeFileSync(profile.answers, "oui\n");
    await click("#erase-person-confirm");
    await waitForText(browser, "#people-notice", "effacé(e) définitivement");
    await search("tardif");
    await waitForText(browser, "#people-empty", "Aucun résultat pour « tardif »");
    const files = storeFiles(profile.dataDir);
    assert.ok(files.length >= 2, `the database and at least one backup: ${files}`);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const trace of ["leon.tardif@etu.example", "Tardif"]) {
        assert.equal(bytes.indexOf(Buffer.from(trace)), -1, `« ${trace} » left in ${file}`);
      }
    }
  });

  it("reminds the organiser, on the home screen, of an edition kept past its retention", async () => {
    const atHome = () => browser.$("#create-edition").then((b) => b.isExisting());
    const inEdition = () => browser.$(".fr-breadcrumb").then((b) => b.isExisting());
    await browser.waitUntil(async () => (await atHome()) || (await inEdition()), { timeout: 10_000 });
    if (!(await atHome())) {
      await click(".fr-breadcrumb__list li:first-child .fr-breadcrumb__link");
    }
    await click("#create-edition");
    await type("#edition-name", "Vis mon job 2020");
    // The Jour J typed as digits, whatever the system's language (#18): the field puts the
    // slashes in, reads it day first and says the date in French words.
    await type("#edition-date", "24112020");
    assert.equal(await (await browser.$("#edition-date")).getValue(), "24/11/2020");
    await waitForText(browser, "#edition-form", "Soit le mardi 24 novembre 2020");
    await type("#edition-retention", "6");
    await click("#edition-submit");
    await waitForText(browser, "#home-status", "a été créée");
    await waitForText(browser, "#retention-reminder", "« Vis mon job 2020 » (à effacer après le lundi 24 mai 2021)");
    await waitForText(browser, 'tr[data-edition-name="Vis mon job 2020"]', "dépassé");
    await (await browser.$("#edition-modal")).waitForDisplayed({ reverse: true, timeout: 5_000 });
    await screenshot(browser, "63-conservation-depassee");
  });
});
