// Telling people in waves, in the real app: the demo's pairs announced as a wave of drafts
// (count and recipients first, then a folder of its own), confirmed as sent; a pair changed
// after notification then shows in « À prévenir » for the student and both ambassadors; the
// change messages drafted into a second wave's folder, the first one untouched; the log shows
// the change for the student. Then the SMTP settings with a test message, and a second change
// sent for real through an SMTP relay on localhost (tests/smtp/server.py, plain: no password
// to keep), with the server's answer in the log.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import { clickOn, docsScreenshot, newProfile, openModal, screenshotIfFailed, startApp, waitForText } from "./harness.mjs";

const SERVER = path.resolve(import.meta.dirname, "../smtp/server.py");
const PYTHON = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

/** Moves a paired student to an ambassador with a free place, from the keyboard; returns the
 * student's id and the ambassador's name. */
async function moveAPairedStudent(browser, skip = []) {
  await clickOn(browser, "button.fr-tabs__tab*=Binômes");
  await (await browser.$("#board-grid [data-student]")).waitForExist({ timeout: 10_000 });
  const student = await browser.execute(
    (skipped) => [...document.querySelectorAll("#board-grid [data-student]")].map((c) => c.getAttribute("data-student")).find((id) => !skipped.includes(id)),
    skip,
  );
  await browser.execute((id) => document.querySelector(`#board-grid [data-student="${id}"]`).focus(), student);
  await browser.keys("Enter");
  await (await browser.$("#selection")).waitForDisplayed({ timeout: 5_000 });
  await browser.execute(() => document.querySelector("#assign").focus());
  await browser.keys("Enter");
  await (await browser.$("#assign-panel")).waitForDisplayed({ timeout: 5_000 });
  await browser.waitUntil(async () => (await browser.$$("#assign-list [data-choice]")).length > 0, { timeout: 10_000 });
  const choice = await browser.execute(() => {
    const free = [...document.querySelectorAll("#assign-list [data-choice]")].find((b) => /\d place\(s\)/.test(b.textContent ?? ""));
    free?.focus();
    return free ? free.querySelector("strong").textContent : null;
  });
  assert.ok(choice, "an ambassador with a free place");
  await browser.keys("Enter");
  await waitForText(browser, "#board-status", "Enregistré");
  return { student, choice };
}

/** An SMTP relay on localhost (no TLS, no AUTH: the app allows plain SMTP to this computer only). */
function startRelay(out) {
  const child = spawn(PYTHON, [SERVER, "--out", out, "--plain"], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.stdout.once("data", (line) => {
      const port = Number(/PRET (\d+)/.exec(String(line))?.[1]);
      if (port) resolve({ port, stop: () => child.kill() });
      else reject(new Error(`relay did not start: ${line}`));
    });
    child.once("error", reject);
  });
}

describe("messages in waves", () => {
  const profile = newProfile();
  const drafts = path.join(profile.root, "brouillons");
  mkdirSync(drafts, { recursive: true });
  let app;
  let browser;
  const click = (selector) => clickOn(browser, selector);
  let step = 0;
  let movedFirst = null;
  const received = path.join(profile.root, "recus");
  let relay;
  afterEach(async (t) => {
    step += 1;
    await screenshotIfFailed(t, browser, `messages-step-${step}`);
  });
  before(async () => {
    app = await startApp(profile);
    browser = app.browser;
  });
  after(async () => {
    relay?.stop();
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
    // « Personne n'est à prévenir » until the list is read again.
    await browser.waitUntil(async () => (await owedRows()).length > 0, { timeout: 10_000 });
    const owed = await owedRows();
    assert.ok(owed.length > 10, `${owed.length} people owed`);
    assert.ok(owed.every((r) => r.text.includes("Nouveau binôme")));
    await docsScreenshot(browser, "messages-a-prevenir.png");

    await click("#notify-prepare");
    await waitForText(browser, "#notify-plan", "message(s) à écrire ou envoyer");
    const recipients = (await browser.$$("#notify-recipients li")).length;
    assert.equal(recipients, owed.length, "one message per person, ambassadors included once");
    await docsScreenshot(browser, "messages-prevenir.png");

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
    // A paired student, moved from the keyboard to an ambassador with a free place.
    const { student, choice } = await moveAPairedStudent(browser);
    movedFirst = student;
    await click("button.fr-tabs__tab*=Messages");
    // « Personne n'est à prévenir » until the list is read again.
    await browser.waitUntil(async () => (await owedRows()).length > 0, { timeout: 10_000 });
    const owed = await owedRows();
    const row = owed.find((r) => r.person === `student:${student}`);
    assert.ok(row, `student ${student} is owed a message: ${JSON.stringify(owed)}`);
    assert.match(row.text, /Changement de binôme/);
    assert.match(row.text, /binôme changé après notification/);
    const ambassadors = owed.filter((r) => r.person.startsWith("ambassador:"));
    assert.equal(ambassadors.length, 2, JSON.stringify(owed));
    assert.ok(ambassadors.some((r) => r.text.includes(`ne vient plus : `)), "the former ambassador");
    assert.ok(ambassadors.some((r) => r.text.includes(choice)), "the new ambassador");
    assert.equal(owed.length, 3);
    await docsScreenshot(browser, "messages-changement.png");
  });

  it("keeps the people chosen while their messages are planned: the plan shown is for them", async () => {
    // Two of the three chosen; their plan comes late (src-tauri/src/late_answers.rs). A box
    // unticked meanwhile would leave a plan for three under a choice of two, and « Envoyer
    // maintenant » would send it: the boxes wait for the plan.
    const boxes = () => browser.$$("#owed-table tbody input[type=checkbox]");
    await (await boxes())[0].click();
    await (await boxes())[1].click();
    await waitForText(browser, "#notify-prepare", "Prévenir les 2 personne(s) choisie(s)");
    writeFileSync(profile.late, "plan_wave 2000\n");
    try {
      await click("#notify-prepare");
      const changed = await browser.execute(() => {
        const box = document.querySelector("#owed-table tbody input[type=checkbox]");
        box.click();
        return box.checked === false;
      });
      assert.equal(changed, false, "the choice cannot change while the plan is made");
      await waitForText(browser, "#notify-plan", "2 message(s)", 10_000);
    } finally {
      writeFileSync(profile.late, "");
    }
    await waitForText(browser, "#notify-prepare", "Prévenir les 2 personne(s) choisie(s)");
    assert.equal((await browser.$$("#notify-recipients li")).length, 2);
    // Once it is shown, a change of the choice puts the plan away, as before.
    await (await boxes())[0].click();
    await (await browser.$("#notify-plan")).waitForExist({ reverse: true, timeout: 5_000 });
    await (await boxes())[1].click();
    await waitForText(browser, "#notify-prepare", "Prévenir…");
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
    // The log is read again beside « À prévenir », each on its own call: it may show a moment later.
    const changeRow = () => browser.execute(() => document.querySelector("#notification-log tr[data-log-kind='change']")?.textContent ?? "");
    await browser.waitUntil(async () => /envoyé/.test(await changeRow()), { timeout: 10_000, timeoutMsg: "the change never shown as sent in the log" });
    const changed = await changeRow();
    assert.match(changed, /changement de binôme/);
    assert.match(changed, /envoyé/);
  });

  it("sends a test message, then a change for real through an SMTP relay on localhost", async () => {
    relay = await startRelay(received);
    await click("#smtp-settings summary");
    // Centred first: the edition's sticky steps bar may cover what sits at the top.
    const centre = (selector) => browser.execute((s) => document.querySelector(s).scrollIntoView({ block: "center", behavior: "instant" }), selector);
    const field = async (selector, value) => {
      await centre(selector);
      const el = await browser.$(selector);
      await el.clearValue();
      await el.setValue(value);
    };
    await field("#smtp-host", "localhost");
    await field("#smtp-port", String(relay.port));
    await centre("#smtp-security");
    await (await browser.$("#smtp-security")).selectByAttribute("value", "none");
    await field("#smtp-rate", "0");
    const started = Date.now();
    await click("#smtp-test");
    await waitForText(browser, "#smtp-status", "Message d'essai accepté par le serveur (250", 30_000);
    console.log(`# message d'essai : ${Date.now() - started} ms`);
    await browser.execute(() => document.querySelector("#smtp-status").scrollIntoView({ block: "end", behavior: "instant" }));
    await docsScreenshot(browser, "messages-envoi-smtp.png");
    assert.equal(readdirSync(received).length, 1);

    await moveAPairedStudent(browser, [movedFirst]);
    await click("button.fr-tabs__tab*=Messages");
    // « Personne n'est à prévenir » until the list is read again.
    await browser.waitUntil(async () => (await owedRows()).length > 0, { timeout: 10_000 });
    const owed = await owedRows();
    assert.ok(owed.length >= 2, JSON.stringify(owed));
    // The demo has people without an address (to be told another way): they stay owed.
    const withEmail = owed.filter((r) => !r.text.includes("sans e-mail")).length;
    await click("#notify-prepare");
    await waitForText(browser, "#notify-plan", `${owed.length} message(s)`);
    await click("#notify-send");
    await waitForText(browser, "#notify-status", "Envoi terminé", 30_000);
    await waitForText(browser, "#notify-status", `${withEmail} envoyé`);
    await browser.waitUntil(async () => (await owedRows()).length === owed.length - withEmail, { timeout: 10_000 });
    assert.equal(readdirSync(received).length, 1 + withEmail, "each message received once");
    const sentRows = () =>
      browser.execute(() =>
        [...document.querySelectorAll("#notification-log tbody tr")].map((tr) => tr.textContent).filter((t) => t.includes("envoi SMTP")),
      );
    // The log is read again on a call of its own, after « À prévenir »: it may show a moment later.
    await browser.waitUntil(async () => (await sentRows()).length >= withEmail, { timeout: 10_000, timeoutMsg: "the sent messages never shown in the log" });
    const sent = await sentRows();
    assert.equal(sent.length, withEmail);
    assert.ok(sent.every((t) => /envoyé/.test(t) && /250/.test(t)), JSON.stringify(sent));
    await browser.execute(() => document.querySelector("#notification-log").scrollIntoView({ block: "start", behavior: "instant" }));
    await docsScreenshot(browser, "messages-journal.png");
  });

  it("plans a reminder to everyone in a pair, apart from « À prévenir »", async () => {
    await click("#notify-reminder");
    await waitForText(browser, "#notify-plan", "message(s) à écrire ou envoyer");
    const lines = await browser.execute(() => [...document.querySelectorAll("#notify-recipients li")].map((li) => li.textContent));
    assert.ok(lines.length > 100, `${lines.length} reminders`);
    assert.ok(lines.every((l) => l.includes("Rappel avant le jour J")), lines[0]);
    await click("#notify-plan-cancel");
    await waitForText(browser, "#owed-summary", "à prévenir");
  });
});
