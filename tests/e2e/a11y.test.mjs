// Accessibility checked by a machine (#18, RGAA): axe-core injected into the real window and run
// on every screen and dialog the organiser meets — the home page and the edition form, each tab of
// an edition, the board and its dialogs, each step of the import wizard. The suite prints what axe
// found on each, and fails on any violation of impact « serious » or « critical ».
//
// On each of those screens it also checks that the DSFR's stylesheet as the build narrows it
// (ui/scripts/dsfr-stylesheet.mjs: its `*::before, *::after` reset) draws the page as the DSFR's own
// file does: every ::before and ::after drawn, with its computed style, the same under both.

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { clickOn, newProfile, openModal, startApp, waitForText } from "./harness.mjs";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const SAMPLES = path.resolve(import.meta.dirname, "../../assets/samples");
// The DSFR's stylesheet as it comes, its relative addresses made the page's (/dsfr/…).
const DSFR_ORIGINAL = readFileSync(
  path.resolve(import.meta.dirname, "../../ui/node_modules/@codegouvfr/react-dsfr/dsfr/dsfr.min.css"),
  "utf8",
).replace(/url\((?!["']?(?:data:|\/|https?:|#))(["']?)/g, "url($1/dsfr/");

/** Every screen checked, with what axe found: name → violations. */
const found = new Map();

/** Every screen checked: name → the pseudo-elements drawn otherwise under the DSFR's own stylesheet. */
const restyled = new Map();

/**
 * The computed style of every ::before and ::after drawn on the page, element by element, under the
 * page's stylesheet and under the DSFR's own file put in its place: { narrowed, original }.
 */
async function pseudoElementStyles(browser) {
  return browser.executeAsync((original, done) => {
    const link = document.querySelector('link[href*="dsfr.min.css"]');
    const elements = [...document.querySelectorAll("*")];
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const snapshot = () => {
      const styles = {};
      elements.forEach((element, index) => {
        for (const pseudo of ["::before", "::after"]) {
          const style = getComputedStyle(element, pseudo);
          if (style.content === "none" || style.content === "normal" || style.content === "") continue;
          const values = [];
          // Left out: sizes resolved against the layout (the virtual lists may lay out a row anew) and
          // what the DSFR's script measures on the page (the tabs' height, a disclosure's).
          for (const name of style) {
            if (/^(width|height|inline-size|block-size|perspective-origin|transform-origin|--tabs-height|--collapse.*)$/.test(name)) continue;
            values.push(`${name}: ${style.getPropertyValue(name)}`);
          }
          styles[`${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""} (n° ${index})${pseudo}`] = values;
        }
      });
      return styles;
    };
    (async () => {
      const narrowed = snapshot();
      const swapped = document.createElement("style");
      swapped.textContent = original;
      link.after(swapped);
      link.disabled = true;
      await frame();
      const theirs = snapshot();
      swapped.remove();
      link.disabled = false;
      await frame();
      done({ narrowed, original: theirs });
    })();
  }, DSFR_ORIGINAL);
}

/** Runs axe on the page as it is (or on `within`), and keeps its violations under `name`. */
async function check(browser, name, within = null) {
  // The DSFR fades dialogs in and out: colours measured mid-fade are not the ones read.
  await browser.pause(700);
  const injected = await browser.execute(() => typeof window.axe !== "undefined");
  if (!injected) await browser.execute(AXE);
  const violations = await browser.execute(async (selector) => {
    const results = await window.axe.run(selector ? document.querySelector(selector) : document, {
      resultTypes: ["violations"],
      // WCAG 2.1 A and AA, what the RGAA 4.1 follows, and axe's best practices.
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
  }, within);
  found.set(name, violations);
  const { narrowed, original } = await pseudoElementStyles(browser);
  const differences = [];
  for (const key of new Set([...Object.keys(narrowed), ...Object.keys(original)])) {
    const [mine, theirs] = [narrowed[key] ?? [], original[key] ?? []];
    const changed = theirs.filter((value) => !mine.includes(value));
    if (changed.length > 0 || mine.length !== theirs.length) differences.push(`${key}: ${changed.join("; ") || "drawn only under the narrowed stylesheet"}`);
  }
  restyled.set(name, { drawn: Object.keys(narrowed).length, differences });
  return violations;
}

const serious = (violations) => violations.filter((v) => v.impact === "serious" || v.impact === "critical");

describe("Accessibility of every screen and dialog (axe-core)", () => {
  const profile = newProfile();
  let app;
  let browser;
  const click = (selector) => clickOn(browser, selector);

  before(async () => {
    app = await startApp(profile);
    browser = app.browser;
  });
  after(async () => {
    // The summary the suite prints: each screen, its violations by impact, then the totals.
    const lines = ["axe-core — violations par écran (impact : nombre de règles / d'éléments)"];
    let all = 0;
    let blocking = 0;
    for (const [name, violations] of found) {
      const count = violations.reduce((n, v) => n + v.nodes, 0);
      all += violations.length;
      blocking += serious(violations).length;
      const detail = violations.map((v) => `${v.impact} ${v.id} ×${v.nodes}`).join(", ");
      lines.push(`  ${name}: ${violations.length} règle(s), ${count} élément(s)${detail ? ` — ${detail}` : ""}`);
    }
    lines.push(`axe-core : ${found.size} écrans, ${all} violation(s) dont ${blocking} « serious » ou « critical ».`);
    console.log(lines.join("\n"));
    writeFileSync(path.join(import.meta.dirname, "artifacts", "axe-summary.json"), JSON.stringify(Object.fromEntries(found), null, 2));
    await app?.stop();
  });

  it("home, the edition form, the backups", async () => {
    await waitForText(browser, "main", "Éditions");
    await check(browser, "accueil");
    await openModal(browser, "#create-edition", "#edition-modal");
    await check(browser, "accueil — créer une édition");
    await browser.keys("Escape");
    await (await browser.$("#edition-modal")).waitForDisplayed({ reverse: true, timeout: 5_000 });
    await click("#show-backups");
    await check(browser, "accueil — sauvegardes");
  });

  it("each step of the import wizard", async () => {
    await openModal(browser, "#create-edition", "#edition-modal");
    await (await browser.$("#edition-name")).setValue(" a11y");
    await click("#edition-submit");
    await waitForText(browser, "#home-status", "a été créée");
    await click('tr[data-edition-name*="a11y"] [data-action=open]');
    await waitForText(browser, "#edition-title", "a11y");
    await check(browser, "édition vide");
    await click("#import-students");
    await check(browser, "import — choisir le fichier");
    writeFileSync(profile.answers, `${path.join(SAMPLES, "etudiants-demarches-simplifiees.xlsx")}\n`);
    await click("#import-choose");
    await waitForText(browser, "#import-summary", "à importer");
    await check(browser, "import — aperçu");
    await click("#import-confirm");
    await waitForText(browser, "#import-done", "importées");
    await check(browser, "import — terminé");
    await click("#import-close");
  });

  it("the demo edition: each tab, the board and its dialogs", async () => {
    await click(".fr-breadcrumb__list li:first-child .fr-breadcrumb__link");
    await click("#open-demo");
    await waitForText(browser, "#edition-title", "démonstration");
    for (const tab of ["Étudiants", "Ambassadeurs", "Tableau de bord", "Messages", "Binômes"]) {
      await click(`button.fr-tabs__tab*=${tab}`);
      await browser.pause(500);
      await check(browser, `onglet ${tab}`);
    }
    await waitForText(browser, "#board-summary", "placés");
    await openModal(browser, "#suggest", "#suggest-modal");
    await check(browser, "dialogue — proposer les binômes");
    await click("#suggest-confirm");
    await waitForText(browser, "#board-status", "Binômes proposés");
    await check(browser, "tableau des binômes");

    // A student without a pair, selected; then « Affecter à… » and « Pourquoi ? ».
    await browser.execute(() => document.querySelector("#unpaired-list [data-student]").focus());
    await browser.keys("Enter");
    await (await browser.$("#selection")).waitForDisplayed({ timeout: 5_000 });
    await check(browser, "étudiant sélectionné");
    await click("#assign");
    await (await browser.$("#assign-panel")).waitForDisplayed({ timeout: 5_000 });
    await browser.pause(500);
    await check(browser, "dialogue — affecter à");
    await browser.keys("Escape");
    await (await browser.$("#assign-panel")).waitForDisplayed({ reverse: true, timeout: 5_000 });
    await click("#why");
    await (await browser.$("#why-modal")).waitForDisplayed({ timeout: 5_000 });
    await browser.pause(500);
    await check(browser, "dialogue — pourquoi");
    await browser.keys("Escape");
    await (await browser.$("#why-modal")).waitForDisplayed({ reverse: true, timeout: 5_000 });

    await click("#show-history");
    await waitForText(browser, "#history-table", "Proposition des binômes");
    await check(browser, "dialogue — historique");
    await browser.keys("Escape");
    await (await browser.$("#history-modal")).waitForDisplayed({ reverse: true, timeout: 5_000 });

    await openModal(browser, "#export", "#export-modal");
    await check(browser, "dialogue — exporter le classeur");
    await browser.keys("Escape");
    await (await browser.$("#export-modal")).waitForDisplayed({ reverse: true, timeout: 5_000 });

    // #17: the view by date, and « Pourquoi ? » as its document for an ambassador of the list.
    await click("button.fr-tabs__tab*=Par date");
    await waitForText(browser, "#by-date-summary", "visite(s)");
    await check(browser, "onglet Par date");
    await click("button.fr-tabs__tab*=Ambassadeurs");
    await openModal(browser, '#ambassadors-table tbody tr [data-action="why-document"]', "#why-document-modal");
    await waitForText(browser, "#why-document", "article L311-3-1");
    await check(browser, "dialogue — pourquoi (document)");
    await browser.keys("Escape");
    await (await browser.$("#why-document-modal")).waitForDisplayed({ reverse: true, timeout: 5_000 });
  });

  it("draws every screen's pseudo-elements as the DSFR's own stylesheet does", () => {
    assert.equal(restyled.size, found.size);
    const drawn = [...restyled.values()].reduce((n, r) => n + r.drawn, 0);
    console.log(`feuille du DSFR resserrée : ${restyled.size} écrans, ${drawn} pseudo-éléments comparés`);
    assert.ok(drawn > restyled.size * 10, "pseudo-elements were compared");
    assert.deepEqual([...restyled].flatMap(([name, r]) => r.differences.map((d) => `${name}: ${d}`)), []);
  });

  it("has no serious or critical violation anywhere", () => {
    const blocking = [...found].flatMap(([name, violations]) => serious(violations).map((v) => `${name}: ${v.impact} ${v.id} (${v.help}) ${v.targets.join(" ; ")}`));
    assert.deepEqual(blocking, []);
  });
});
