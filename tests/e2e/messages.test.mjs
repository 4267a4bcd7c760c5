// Telling people in waves, in the real app: the demo's pairs announced as a wave of drafts
// (count and recipients first, then a folder of its own), confirmed as sent; a pair changed
// after notification then shows in « À prévenir » for the student and both ambassadors; the
// change messages drafted into a second wave's folder, the first one untouched; the log shows
// the change for the student.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import { clickOn, newProfile, openModal, screenshot, startApp, waitForText } from "./harness.mjs";

const DOCS = path.resolve(import.meta.dirname, "../../docs");

describe("messages in waves", () => {
  const profile = newProfile();
  const drafts = path.join(profile.root, "brouillons");
  mkdirSync(drafts, { recursive: true });
  let app;
  let browser;
  const click = (selector) => clickOn(browser, selector);
  let step = 0;
  afterEach(async () => {
    step += 1;
    await screenshot(browser, `messages-step-${step}`).catch(() => {});
  });
  before(async () => {
    app = await startApp(profile);
    browser = app.browser;
  });
  after(async () => {
    await app?.stop();
  });
  const owedRows = () =>
    browser.execute(() =>
      [...document.querySelectorAll("#owed-table tbody tr")].map((tr) => ({
        person: tr.getAttribute("data-person"),
        text: tr.textContent.replace(/[\u00a0\u202f]/g, " "),
      })),
    );

  it("announces the demo's pairs as a wave of drafts, after showing who gets what", async () => {
    await click("#open-demo");
    await click("button.fr-tabs__tab*=Binômes");
    await openModal(browser, "#suggest", "#suggest-modal");
    await click("#suggest-confirm");
    await waitForText(browser, "#board-status", "Binômes proposés");
    await click("button.fr-tabs__tab*=Messages");
    await waitForText(browser, "#owed-summary", "à prévenir");
    const owed = await owedRows();
    assert.ok(owed.length > 10, `${owed.length} people owed`);
    assert.ok(owed.every((r) => r.text.includes("Nouveau binôme")));
    await browser.saveScreenshot(path.join(DOCS, "messages-a-prevenir.png"));

    await click("#notify-prepare");
    await waitForText(browser, "#notify-plan", "message(s) à écrire ou envoyer");
    const recipients = (await browser.$$("#notify-recipients li")).length;
    assert.equal(recipients, owed.length, "one message per person, ambassadors included once");
    await browser.saveScreenshot(path.join(DOCS, "messages-prevenir.png"));

    writeFileSync(profile.answers, `${drafts}\n`);
    await click("#notify-drafts");
    await waitForText(browser, "#notify-status", "brouillon(s) écrit(s)");
    const waves = readdirSync(drafts);
    assert.equal(waves.length, 1);
    const first = path.join(drafts, waves[0]);
    const files = readdirSync(first);
    assert.ok(files.includes("publipostage.csv"));
    assert.ok(files.filter((f) => f.endsWith(".eml")).length > 10);
    const eml = readFileSync(path.join(first, files.find((f) => f.endsWith(".eml"))), "utf8");
    assert.match(eml, /X-Unsent: 1/);
    assert.match(eml, /Message-ID: </i);

    await click("#notify-confirm-drafts");
    await waitForText(browser, "#notify-status", "notés comme envoyés");
    await waitForText(browser, "#owed-summary", "Personne n'est à prévenir");
  });

  it("shows a pair changed after notification as owed to the student and both ambassadors", async () => {
    await click("button.fr-tabs__tab*=Binômes");
    await (await browser.$("#board-grid [data-student]")).waitForExist({ timeout: 10_000 });
    // A paired student, moved from the keyboard to an ambassador with a free place.
    const student = await (await browser.$("#board-grid [data-student]")).getAttribute("data-student");
    const studentName = await browser.execute(
      (id) => document.querySelector(`#board-grid [data-student="${id}"] .binomes-chip__name`).textContent.trim(),
      student,
    );
    await browser.execute((id) => document.querySelector(`#board-grid [data-student="${id}"]`).focus(), student);
    await browser.keys("Enter");
    await (await browser.$("#selection")).waitForDisplayed({ timeout: 5_000 });
    await browser.execute(() => document.querySelector("#assign").focus());
    await browser.keys("Enter");
    await (await browser.$("#assign-modal")).waitForDisplayed({ timeout: 5_000 });
    await browser.waitUntil(async () => (await browser.$$("#assign-list [data-choice]")).length > 0, { timeout: 10_000 });
    const choice = await browser.execute(() => {
      const free = [...document.querySelectorAll("#assign-list [data-choice]")].find((b) => /\d place\(s\)/.test(b.textContent ?? ""));
      free?.focus();
      return free ? free.querySelector("strong").textContent : null;
    });
    assert.ok(choice, "an ambassador with a free place");
    await browser.keys("Enter");
    await waitForText(browser, "#board-status", "Enregistré");

    await click("button.fr-tabs__tab*=Messages");
    await waitForText(browser, "#owed-summary", "à prévenir");
    const owed = await owedRows();
    const row = owed.find((r) => r.person === `student:${student}`);
    assert.ok(row, `${studentName} is owed a message: ${JSON.stringify(owed)}`);
    assert.match(row.text, /Changement de binôme/);
    assert.match(row.text, /binôme changé après notification/);
    const ambassadors = owed.filter((r) => r.person.startsWith("ambassador:"));
    assert.equal(ambassadors.length, 2, JSON.stringify(owed));
    assert.ok(ambassadors.some((r) => r.text.includes(`ne vient plus : `)), "the former ambassador");
    assert.ok(ambassadors.some((r) => r.text.includes(choice)), "the new ambassador");
    assert.equal(owed.length, 3);
    await browser.saveScreenshot(path.join(DOCS, "messages-changement.png"));
  });

  it("drafts the change messages into a new wave's folder, and the log shows them", async () => {
    const before = readdirSync(drafts);
    const firstSheet = readFileSync(path.join(drafts, before[0], "publipostage.csv"));
    await click("#notify-prepare");
    await waitForText(browser, "#notify-plan", "3 message(s)");
    writeFileSync(profile.answers, `${drafts}\n`);
    await click("#notify-drafts");
    await waitForText(browser, "#notify-status", "3 brouillon(s) écrit(s)");
    const after = readdirSync(drafts);
    assert.equal(after.length, 2, "a second wave, in a folder of its own");
    assert.deepEqual(readFileSync(path.join(drafts, before[0], "publipostage.csv")), firstSheet, "the first wave untouched");
    const second = after.find((w) => w !== before[0]);
    const sheet = readFileSync(path.join(drafts, second, "publipostage.csv"), "utf8");
    assert.match(sheet, /changement de binôme/);
    assert.match(sheet, /L311-3-1/);
    await click("#notify-confirm-drafts");
    await waitForText(browser, "#owed-summary", "Personne n'est à prévenir");

    // The log, for everyone then for the student: the change is there, marked sent.
    await (await browser.$("#notification-log")).waitForExist({ timeout: 10_000 });
    const person = await browser.execute(() => {
      const option = [...document.querySelectorAll("#log-person option")].find((o) => o.value.startsWith("student:"));
      return option?.value;
    });
    assert.ok(person);
    const changed = await browser.execute(() => document.querySelector("#notification-log tr[data-log-kind='change']")?.textContent ?? "");
    assert.match(changed, /changement de binôme/);
    assert.match(changed, /envoyé/);
    await browser.execute(() => document.querySelector("#notification-log").scrollIntoView({ block: "start", behavior: "instant" }));
    await browser.saveScreenshot(path.join(DOCS, "messages-journal.png"));
    assert.ok(existsSync(path.join(DOCS, "messages-journal.png")));
  });
});
