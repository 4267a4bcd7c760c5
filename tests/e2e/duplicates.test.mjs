// Probable duplicates settled by hand in the real app (#16): the same student signed up twice
// under two e-mails (same name, same phone written two ways) is listed; « Fusionner » keeps one,
// completed with the other's school, in one change the board's « Annuler » undoes; « Ce sont deux
// personnes » is remembered and the two are not listed again.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { clickOn, newProfile, openModal, screenshot, startApp, typeInto, waitForGone, waitForText } from "./harness.mjs";

describe("probable duplicates merged or kept apart", () => {
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
  const search = async (text) => {
    const box = await browser.$("#people-search");
    await box.click();
    await browser.keys(["Control", "a"]);
    await browser.keys("Backspace");
    if (text) await box.setValue(text);
  };
  const addStudent = async ({ last, first, email, phone, school }) => {
    await openModal(browser, "#add-person", "#person-modal");
    await waitForText(browser, "#person-modal", "Ajouter un étudiant");
    await type("#person-lastName", last);
    await type("#person-firstName", first);
    await type("#person-email", email);
    await type("#person-phone", phone);
    await type("#person-postalCode", "69003");
    if (school) await type("#person-school", school);
    await click("#person-save");
    await (await browser.$("#person-modal")).waitForDisplayed({ reverse: true, timeout: 5_000 });
  };
  const rows = async () => (await browser.$$("#students-table tbody tr")).length;

  it("lists the same student signed up twice under two e-mails", async () => {
    await click("#open-demo");
    await click("button.fr-tabs__tab*=Étudiants");
    await waitForText(browser, "#students-table", "@");
    assert.equal(await (await browser.$("#probable-duplicates")).isExisting(), false, "the demo has none");
    await addStudent({ last: "Doublon", first: "Anne", email: "anne.doublon@etu.example", phone: "06 11 22 33 44" });
    await waitForText(browser, "#people-notice", "Ajout à la main : Anne DOUBLON");
    await addStudent({
      last: "DOUBLON",
      first: "Anne",
      email: "a.doublon@autre.example",
      phone: "+33 6 11 22 33 44",
      school: "Université de Lyon",
    });
    await waitForText(browser, "#probable-duplicates", "1 doublon probable à vérifier");
    await waitForText(browser, "#probable-duplicates", "anne.doublon@etu.example");
    await waitForText(browser, "#probable-duplicates", "a.doublon@autre.example");
    await waitForText(browser, "#probable-duplicates", "Université de Lyon");
    await search("doublon");
    await browser.waitUntil(async () => (await rows()) === 2, { timeout: 5_000, timeoutMsg: "two rows for Anne" });
    await browser.execute(() => document.getElementById("probable-duplicates").scrollIntoView({ block: "start", behavior: "instant" }));
    await screenshot(browser, "64-doublons-probables");
  });

  it("merges them into the one kept, in one change the board undoes", async () => {
    // The first one is kept (chosen by default); the second's school completes her.
    assert.equal(await (await browser.$('#probable-duplicates input[type="radio"]')).isSelected(), true);
    await click('#probable-duplicates [data-action="merge-duplicate"]');
    await waitForText(browser, "#people-notice", "Fusion de Anne DOUBLON dans Anne DOUBLON (École repris)");
    await waitForGone(browser, "#probable-duplicates", 5_000);
    await search("doublon");
    await browser.waitUntil(async () => (await rows()) === 1, { timeout: 5_000, timeoutMsg: "one row for Anne after the merge" });
    await waitForText(browser, "#students-table", "anne.doublon@etu.example");
    await openModal(browser, '#students-table [data-action="edit-person"]', "#person-modal");
    await browser.waitUntil(async () => (await (await browser.$("#person-school")).getValue()) === "Université de Lyon", {
      timeout: 5_000,
      timeoutMsg: "the other's school was not taken",
    });
    await click("#person-modal .fr-btn--close");
    await (await browser.$("#person-modal")).waitForDisplayed({ reverse: true, timeout: 5_000 });

    await click("button.fr-tabs__tab*=Binômes");
    await waitForText(browser, "#undo", "Annuler");
    assert.match(await (await browser.$("#undo")).getAttribute("title"), /Fusion de Anne DOUBLON dans Anne DOUBLON/);
    await click("#undo");
    await waitForText(browser, "#board-status", "Annulé : Fusion de Anne DOUBLON");
    await click("button.fr-tabs__tab*=Étudiants");
    await waitForText(browser, "#probable-duplicates", "1 doublon probable à vérifier");
    await search("doublon");
    await browser.waitUntil(async () => (await rows()) === 2, { timeout: 5_000, timeoutMsg: "both back after undo" });
  });

  it("keeps two people apart when told so, and does not list them again", async () => {
    await click('#probable-duplicates [data-action="keep-apart"]');
    await waitForText(browser, "#people-notice", "deux personnes, plus proposées comme doublon");
    await waitForGone(browser, "#probable-duplicates", 5_000);
    // Still so once the lists are read again.
    await search("");
    await click("button.fr-tabs__tab*=Ambassadeurs");
    await (await browser.$("#ambassadors-table")).waitForExist({ timeout: 10_000 });
    await click("button.fr-tabs__tab*=Étudiants");
    await waitForText(browser, "#students-table", "@");
    assert.equal(await (await browser.$("#probable-duplicates")).isExisting(), false);
    await search("doublon");
    await browser.waitUntil(async () => (await rows()) === 2, { timeout: 5_000, timeoutMsg: "both kept" });
  });
});
