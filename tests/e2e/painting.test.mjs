// The app as shipped on Linux paints in software, without WebKit's accelerated compositing
// (#21, src-tauri/src/webview.rs): the setting reaches WebKit's web process, and the organiser's
// work goes on as in the other suites (which run with compositing, for WebKitWebDriver's
// screenshots' sake): the demo opened, the pairs proposed, a student moved and the move undone.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { clickOn, newProfile, processesOf, startApp, waitForText } from "./harness.mjs";

describe("software painting, as shipped on Linux", () => {
  const profile = { ...newProfile(), asShipped: true };
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

  it("starts WebKit without accelerated compositing", async () => {
    await waitForText(browser, "main h1", "Éditions");
    const environments = processesOf(profile)
      .filter((p) => p.exe.endsWith("/WebKitWebProcess"))
      .map((p) => p.environ);
    assert.ok(environments.length > 0, "the app's WebKit web process was not found");
    for (const environ of environments) {
      assert.ok(environ.includes("WEBKIT_DISABLE_COMPOSITING_MODE=1"), "compositing left on in the web process");
      assert.ok(!environ.includes("BINOMES_WEBKIT_ACCELERATION=1"));
    }
  });

  it("proposes the pairs, moves a student and undoes it, painted in software", async () => {
    await click("#open-demo");
    await click("button.fr-tabs__tab*=Binômes");
    await click("#suggest");
    await (await browser.$("#suggest-modal")).waitForDisplayed({ timeout: 5_000 });
    await click("#suggest-confirm");
    await waitForText(browser, "#board-status", "Binômes proposés", 30_000);
    // A student of the grid taken out of their pair, then the change undone.
    const student = await browser.execute(() => document.querySelector("#board-grid [data-student]")?.getAttribute("data-student"));
    assert.ok(student, "no student on the board");
    await click(`#board-grid [data-student="${student}"]`);
    await click("#unpair");
    await waitForText(browser, "#board-status", "retiré(e)");
    await browser.waitUntil(async () => (await browser.$$(`#board-grid [data-student="${student}"]`)).length === 0, {
      timeout: 10_000,
      timeoutMsg: "the student never taken off the grid",
    });
    await click("#undo");
    await browser.waitUntil(async () => (await browser.$$(`#board-grid [data-student="${student}"]`)).length > 0, {
      timeout: 10_000,
      timeoutMsg: "the undone move never shown on the grid",
    });
  });
});
