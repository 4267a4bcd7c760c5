// The import wizard in the real app: choose the sample sheets (scripted dialog), check the
// preview, confirm, and find every person with the row they came from.
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { clickOn, createEdition, openModal, newProfile, screenshot, selectOption, startApp, waitForGone, waitForText } from "./harness.mjs";

const SAMPLES = path.resolve(import.meta.dirname, "../../assets/samples");
const profile = newProfile();
let app;
let browser;

function click(selector) {
  return clickOn(browser, selector);
}

describe("Importing sign-up sheets through the wizard", () => {
  before(async () => {
    app = await startApp(profile);
    browser = app.browser;
    await createEdition(browser, "Vis mon job 2026");
  });
  after(async () => {
    await app?.stop();
  });

  it("previews the students' export with every row accounted for, then imports it", async () => {
    await click("#import-students");
    writeFileSync(profile.answers, `${path.join(SAMPLES, "etudiants-demarches-simplifiees.xlsx")}\n`);
    await click("#import-choose");
    await waitForText(browser, "#import-summary", "241 lignes lues — 240 à importer : 240 nouvelles personnes, 1 ligne non importée.");
    await waitForText(browser, "#import-columns", "Métier souhaité n°1");
    await waitForText(browser, "#import-rejected", "Ligne 242 : doublon de la ligne 12");
    // Every recognition shown: written « Analyste SOC », taken for the referential's label.
    await waitForText(browser, '#import-recognized tr[data-recognized="Analyste SOC"]', "Analyste cybersécurité");
    await waitForText(browser, '#import-recognized tr[data-recognized="Analyste SOC"]', "synonyme connu");
    await screenshot(browser, "10-import-apercu");
    // Another sheet, read late (src-tauri/src/late_answers.rs): the choice of sheet waits for it —
    // a second one meanwhile would bring its preview after the first, even after « Importer ».
    writeFileSync(profile.late, "preview_import 2000\n");
    try {
      await selectOption(browser, "#import-sheet", "Avis");
      assert.equal(await browser.execute(() => document.getElementById("import-sheet").disabled), true, "no other sheet while one is read");
      await waitForText(browser, "#import-wizard", "aucune ligne d'en-tête reconnue", 10_000);
    } finally {
      writeFileSync(profile.late, "");
    }
    // That sheet is not one of people: the preview stays the one of « Dossiers ».
    assert.equal(await browser.execute(() => document.getElementById("import-sheet").disabled), false);
    await waitForText(browser, "#import-summary", "241 lignes lues — 240 à importer");
    await click("#import-confirm");
    await waitForText(browser, "#import-done", "240 importées");
    // The edition's header counts them at once, beside the report (#18: it said « aucun étudiant »).
    await waitForText(browser, "#edition-counts", "240 étudiants");
    await click("#import-close");
    await waitForText(browser, "#edition-counts", "240 étudiants");
  });

  it("finds the ambassadors' header below the title rows of the reworked Sphinx export", async () => {
    await click("#import-ambassadors");
    // The students' file chosen by mistake first: refused, saying whose it looks like.
    writeFileSync(profile.answers, `${path.join(SAMPLES, "etudiants-excel-windows.csv")}\n`);
    await click("#import-choose");
    await waitForText(browser, "#import-wizard", "semble être celui des étudiants, pas des ambassadeurs");
    await waitForText(browser, "#import-wizard", "importez-le comme fichier des étudiants");
    writeFileSync(profile.answers, `${path.join(SAMPLES, "ambassadeurs-sphinx-retravaille.xlsx")}\n`);
    await click("#import-choose");
    await waitForText(browser, "#import-preview", "en-tête trouvé ligne 4");
    await waitForText(browser, "#import-rejected", "ligne de total");
    await click("#import-confirm");
    await waitForText(browser, "#import-done", "180 importées");
    await click("#import-close");
    await waitForText(browser, "#edition-counts", "180 ambassadeurs");
  });

  it("shows a person's original row, every column as it came", async () => {
    await click('#students-table [data-action="original"]');
    await waitForText(browser, "#original-row-modal", "telle qu'elle est arrivée");
    await waitForText(browser, "#original-row", "Métier que vous souhaitez découvrir (1er choix)");
    await screenshot(browser, "11-ligne-origine");
    await click("#original-row-modal .fr-btn--close");
  });

  it("re-importing the same people from the CSV changes nobody", async () => {
    await click("#import-students");
    writeFileSync(profile.answers, `${path.join(SAMPLES, "etudiants-excel-windows.csv")}\n`);
    await click("#import-choose");
    await waitForText(browser, "#import-summary", "240 personnes inchangées");
    await click("#import-confirm");
    await waitForText(browser, "#import-done", "240 importées");
    await click("#import-close");
    await waitForText(browser, "#edition-counts", "240 étudiants");
  });

  it("lets the organiser say what an unknown column holds, and remembers it", async () => {
    const file = path.join(profile.root, "retardataires.csv");
    writeFileSync(
      file,
      "Nom;Prénom;Adresse de contact;Code postal;Métier souhaité\nNouveau;Léon;leon.nouveau@etu.example;69003;Luthier numérique\n",
    );
    await click("#import-students");
    writeFileSync(profile.answers, `${file}\n`);
    await click("#import-choose");
    await waitForText(browser, "#import-summary", "1 nouvelle personne");
    const select = await browser.$('select[data-header="Adresse de contact"]');
    await select.waitForDisplayed({ timeout: 10_000 });
    await select.selectByAttribute("value", "email");
    await waitForText(browser, "#import-columns", "choisie par vous");
    // A métier the referential does not know is rattached once.
    await waitForText(browser, "#import-unknown", "Luthier numérique");
    await screenshot(browser, "13-colonne-corrigee");
    const rattach = await browser.$('select[data-unknown="Luthier numérique"]');
    await rattach.selectByAttribute("value", "concepteur-developpeur");
    await waitForGone(browser, "#import-unknown", 10_000);
    await click("#import-confirm");
    await waitForText(browser, "#import-done", "1 importée");
    await click("#import-close");
    await waitForText(browser, "#students-table", "leon.nouveau@etu.example");
    await waitForText(browser, "#students-table", "1. Concepteur-développeur");
    // Searching the list, accents and case aside.
    const search = await browser.$("#people-search");
    await search.setValue("LEON nouveau");
    await browser.waitUntil(async () => (await browser.$$("#students-table tbody tr")).length === 1, {
      timeout: 5_000,
      timeoutMsg: "the search did not narrow the list to Léon",
    });
    // Emptied as a person does (select all, delete), so the list shows everyone again.
    await search.click();
    await browser.keys(["Control", "a"]);
    await browser.keys("Backspace");
    await waitForText(browser, "button.fr-tabs__tab*=Étudiants", "(241)");
  });

  it("proposes the pairs, explains them, diagnoses the others and exports the workbook", async () => {
    await click("button.fr-tabs__tab*=Binômes");
    await openModal(browser, "#suggest", "#suggest-modal");
    await waitForText(browser, "#suggest-modal", "validés ou notifiés sont gardés");
    await click("#suggest-confirm");
    await waitForText(browser, "#board-status", "Binômes proposés");
    await waitForText(browser, "#suggest-summary", "Après : 165 placés");
    await screenshot(browser, "15-binomes-proposes");
    // Why this pair and not another: every ambassador, allowed or why not.
    await click("#board-grid [data-student]");
    await waitForText(browser, "#selected-reasons", "");
    await openModal(browser, "#why", "#why-modal");
    await waitForText(browser, "#why-table", "binôme actuel");
    await waitForText(browser, "#why-barriers", "capacité 0");
    await screenshot(browser, "17-pourquoi");
    await click("#why-modal .fr-btn--close");
    // Lock one pair by hand, validate the rest, and run the suggestion again: all are kept.
    await click('label[for="selected-lock"]');
    await waitForText(browser, "#board-status", "verrouillé. Enregistré");
    assert.ok(await (await browser.$("#selected-lock")).isSelected(), "the lock holds");
    // Every pair shown at once: asked first, with how many people it touches (#18).
    await click("#bulk-apply");
    await waitForText(browser, "#bulk-confirm", "étudiant(s) et");
    const question = await (await browser.$("#bulk-question")).getText();
    const shown = Number(/Passer (\d+) binôme/.exec(question)?.[1]);
    assert.ok(shown > 100, question);
    assert.equal(await browser.execute(() => document.activeElement?.id), "bulk-confirm-yes");
    assert.doesNotMatch(await (await browser.$("#board-status")).getText(), /passé à « validé »/);
    await browser.keys("Enter");
    await waitForText(browser, "#board-status", "passé à « validé »");
    await openModal(browser, "#suggest", "#suggest-modal");
    await click("#suggest-confirm");
    await waitForText(browser, "#suggest-summary", "Avant la proposition : 165 placés");
    await waitForText(browser, "#suggest-summary", "Après : 165 placés");
    const out = path.join(profile.root, "binomes.xlsx");
    writeFileSync(profile.answers, `${out}\n`);
    await openModal(browser, "#export", "#export-modal");
    await waitForText(browser, "#export-modal", "données personnelles");
    await click("#export-confirm");
    await waitForText(browser, "#pairs-status", "Classeur enregistré");
    const bytes = readFileSync(out);
    assert.equal(bytes.subarray(0, 2).toString(), "PK", "an .xlsx (zip) file");

    // The messages: one draft per person, then the batch marked as sent.
    const folder = path.join(profile.root, "messages");
    mkdirSync(folder);
    writeFileSync(profile.answers, `${folder}\n`);
    await click("#write-messages");
    await waitForText(browser, "#pairs-status", "brouillons écrits");
    // Each wave of drafts in a folder of its own inside the one chosen.
    const written = readdirSync(folder, { recursive: true });
    const drafts = written.filter((f) => f.endsWith(".eml"));
    assert.ok(drafts.length > 200, `${drafts.length} drafts`);
    assert.ok(written.some((f) => path.basename(f) === "publipostage.csv"));
    assert.match(readFileSync(path.join(folder, drafts[0]), "utf8"), /^X-Unsent: 1/m);
    await click("#mark-notified");
    await waitForText(browser, "#pairs-status", "passés à « notifié »");
    await waitForText(browser, "#board-grid", "notifié");

    // The rules and weights are editable; the notice says what they are. One click each: the
    // board above no longer moves after a change (#18), so a click lands where it was aimed.
    await click("#rules-editor summary");
    assert.equal(await browser.execute(() => document.querySelector("#rules-editor").open), true);
    // Scrolled into view and clicked as a person would (the board above makes the page long).
    await click('input[data-weight="sameDepartement"]');
    const weight = await browser.$('input[data-weight="sameDepartement"]');
    await browser.keys(["Control", "a"]);
    await weight.setValue("45");
    await click("#save-rules");
    await waitForText(browser, "#rules-notice", "sinon même département 45");

    // The templates are editable, and the preview shows each person's message.
    await click("button.fr-tabs__tab*=Messages");
    await waitForText(browser, "#message-preview", "Objet : Vis mon job : votre binôme");
    const subject = await browser.$("#student-subject");
    await subject.click();
    await browser.keys(["Control", "a"]);
    await browser.keys("Backspace");
    // ASCII only: WebDriver's typing of « » and accents is not reliable in WebKitGTK.
    await subject.setValue("Votre journee Vis mon job avec {binome_prenom}");
    await click("#save-templates");
    await waitForText(browser, "#message-preview", "Objet : Votre journee Vis mon job avec");
    await screenshot(browser, "16-messages");
    await click("button.fr-tabs__tab*=Étudiants");
  });

  it("shows how far a long read has got and stops it on request", async () => {
    const file = path.join(profile.root, "tres-long.csv");
    const lines = ["Nom;Prénom;Email;Code postal;Commune"];
    for (let i = 0; i < 190_000; i++) lines.push(`Nom${i};Prénom${i};p${i}@etu.example;69003;Lyon`);
    writeFileSync(file, lines.join("\n"));
    await click("#import-students");
    writeFileSync(profile.answers, `${file}\n`);
    await click("#import-choose");
    await waitForText(browser, "#import-progress", "lignes lues", 30_000);
    await screenshot(browser, "14-lecture-en-cours");
    await click("#import-cancel");
    await waitForGone(browser, "#import-progress", 30_000);
    assert.equal(await (await browser.$("#import-preview")).isExisting(), false, "nothing to confirm");
    assert.equal(await (await browser.$('[role="alert"]')).isExisting(), false, "a stop is not an error");
    await (await browser.$("#import-choose")).waitForClickable({ timeout: 5_000 });
    await click("#import-leave");
  });

  it("says in French why a file cannot be imported", async () => {
    const fake = path.join(profile.root, "inscriptions.xlsx");
    writeFileSync(fake, "%PDF-1.4 pas un classeur");
    await click("#import-students");
    writeFileSync(profile.answers, `${fake}\n`);
    await click("#import-choose");
    await waitForText(browser, '[role="alert"]', "Le fichier « inscriptions.xlsx » n'est pas un classeur ni un CSV lisible : c'est un document PDF.");
    await screenshot(browser, "12-import-fichier-refuse");
    assert.equal(await (await browser.$("#import-preview")).isExisting(), false);
  });
});
