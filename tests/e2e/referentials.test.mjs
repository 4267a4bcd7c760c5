// The référentiels screen in the real app: the métiers and administrations with the writings
// they are recognised from, a synonym taught by the organiser, listed, then undone.
import { after, before, describe, it } from "node:test";
import { clickOn, newProfile, screenshot, startApp, waitForText } from "./harness.mjs";

describe("référentiels", () => {
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

  it("lists the entries with their known writings, and finds one as people write it", async () => {
    await click("#show-referentials");
    await waitForText(browser, "#learned-empty", "Aucun pour l'instant");
    const search = await browser.$("#referential-search");
    await search.setValue("DBA");
    await waitForText(browser, "#referential-jobs", "Administrateur de bases de données");
  });

  it("teaches a synonym, then undoes it", async () => {
    await (await browser.$("#synonym-text")).setValue("Luthier numérique");
    await (await browser.$("#synonym-kind")).selectByAttribute("value", "job");
    await (await browser.$("#synonym-code")).selectByAttribute("value", "concepteur-developpeur");
    await click("#synonym-add");
    await waitForText(browser, "#referentials-status", "« Luthier numérique » sera reconnu comme Concepteur-développeur");
    await waitForText(browser, '#learned-synonyms tr[data-synonym="luthier numerique"]', "Concepteur-développeur");
    await screenshot(browser, "64-referentiels");
    await click('#learned-synonyms tr[data-synonym="luthier numerique"] [data-action="forget"]');
    await waitForText(browser, "#referentials-status", "n'est plus rattaché à Concepteur-développeur");
    await waitForText(browser, "#learned-empty", "Aucun pour l'instant");
  });
});
