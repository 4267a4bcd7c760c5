// Starts the real Binômes app through tauri-driver (which starts WebKitWebDriver) and gives a
// WebdriverIO session on it. Each app gets its own data folder and a scripted-dialog file, so
// tests never touch the organiser's data and never wait on a native dialog.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { remote } from "webdriverio";

export const ARTIFACTS = path.resolve(import.meta.dirname, "artifacts");
const DOCS = path.resolve(import.meta.dirname, "../../docs");
mkdirSync(ARTIFACTS, { recursive: true });

const APP = process.env.BINOMES_APP;
if (!APP) throw new Error("BINOMES_APP must name the built app binary");

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.end();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`tauri-driver did not listen on ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

function portIsOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Waits until nothing listens on `port` any more (a previous driver fully gone). */
async function waitForPortClosed(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (await portIsOpen(port)) {
    if (Date.now() > deadline) throw new Error(`port ${port} still in use`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A fresh data folder and answers file, to share between app restarts. */
export function newProfile() {
  const root = mkdtempSync(path.join(tmpdir(), "binomes-e2e-"));
  const profile = {
    root,
    dataDir: path.join(root, "donnees"),
    answers: path.join(root, "reponses-dialogues.txt"),
    // Lines `command milliseconds`: that command answers so late (src-tauri/src/late_answers.rs).
    late: path.join(root, "reponses-tardives.txt"),
  };
  writeFileSync(profile.answers, "");
  writeFileSync(profile.late, "");
  return profile;
}

/** The processes started for `profile` — the app and the processes it started, which inherit
 * its environment — found by their data folder: `{ pid, exe, environ }` each. */
export function processesOf(profile) {
  const found = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
      if (environ.includes(`BINOME_DATA_DIR=${profile.dataDir}`)) {
        found.push({ pid: Number(entry), exe: readlinkSync(`/proc/${entry}/exe`), environ });
      }
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

/** The app processes started on `profile` (found by their data folder, not by name). */
function appsOf(profile) {
  const app = realpathSync(APP);
  return processesOf(profile)
    .filter((p) => p.exe === app)
    .map((p) => p.pid);
}

/**
 * WebKitWebDriver ends the app after `deleteSession` on its own time; killing tauri-driver
 * (and with it WebKitWebDriver) before that leaves the app running with its window open. Such an
 * app holds the data folder's lock and the test runner's output pipe (the run never ends), so it
 * is waited for, then ended (SIGTERM, by its pid) — what the organiser's close button does.
 */
async function endApp(profile) {
  const deadline = Date.now() + 5_000;
  while (appsOf(profile).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const pid of appsOf(profile)) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
}

/** Starts the app on `profile`; returns { browser, stop }. */
export async function startApp(profile) {
  // BINOMES_E2E_PORT lets two runs share a machine (each under its own Xvfb display).
  const port = Number(process.env.BINOMES_E2E_PORT ?? 4444);
  const nativePort = port + 1;
  // tauri-driver's WebKitWebDriver and the previous app must be gone before a restart.
  await waitForPortClosed(port, 15_000);
  await waitForPortClosed(nativePort, 15_000);
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    env: {
      ...process.env,
      BINOME_DATA_DIR: profile.dataDir,
      BINOME_TEST_DIALOG_ANSWERS: profile.answers,
      ...(profile.late ? { BINOME_TEST_LATE_ANSWERS: profile.late } : {}),
      // WebKitWebDriver's screenshots (the docs' and the failures') sometimes never came back from
      // a page painted in software, the app's way on Linux (src-tauri/src/webview.rs): the suites
      // run with WebKit's accelerated compositing, as they always did; painting.test.mjs runs the
      // app as shipped (`profile.asShipped`), without a screenshot.
      ...(profile.asShipped ? {} : { BINOMES_WEBKIT_ACCELERATION: "1" }),
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  try {
    await waitForPort(port, 15_000);
    const browser = await remote({
      hostname: "127.0.0.1",
      port,
      logLevel: "warn",
      // tauri-driver may accept the connection before WebKitWebDriver is ready.
      connectionRetryCount: 3,
      connectionRetryTimeout: 60_000,
      capabilities: {
        "tauri:options": { application: APP },
        "wdio:enforceWebDriverClassic": true,
      },
    });
    browser.setTimeout({ implicit: 0 });
    return {
      browser,
      async stop() {
        try {
          await browser.deleteSession();
        } finally {
          driver.kill();
          await new Promise((r) => (driver.exitCode !== null ? r() : driver.once("exit", r)));
          await endApp(profile);
        }
      },
    };
  } catch (error) {
    driver.kill();
    throw error;
  }
}

/**
 * The screens a person looks at — the artifacts and the docs' images — are taken only when asked:
 * `BINOMES_E2E_SCREENSHOTS=1` (to refresh `docs/`, or to walk a suite's screens). Each screenshot
 * in the suites' compositing mode is one more chance for the web process's compositor thread to
 * crash in Mesa's software OpenGL under Xvfb (seen in a screenshot after a passing step,
 * `swrast_dri.so`), which ends the session and fails every step after it; they check nothing.
 * A failed step's screen is always taken (`screenshotIfFailed`).
 */
const SCREENSHOTS = process.env.BINOMES_E2E_SCREENSHOTS === "1";

/** A screen kept in the artifacts as `name`.png, when screenshots are asked for. */
export async function screenshot(browser, name) {
  if (SCREENSHOTS) await browser.saveScreenshot(path.join(ARTIFACTS, `${name}.png`));
}

/** A screen the docs show, written to `docs/<file>`, when screenshots are asked for. */
export async function docsScreenshot(browser, file) {
  if (SCREENSHOTS) await browser.saveScreenshot(path.join(DOCS, file));
}

/**
 * A failed step's screen, kept with the artifacts (what the failure looked like); nothing when the
 * step passed. `t` is the step's context, as node:test gives it to `afterEach`.
 */
export async function screenshotIfFailed(t, browser, name) {
  if (!t.passed) await browser.saveScreenshot(path.join(ARTIFACTS, `${name}.png`)).catch(() => {});
}

/** Types `value` into the field matching `selector`, once it is shown. */
export async function typeInto(browser, selector, value) {
  const input = await browser.$(selector);
  await input.waitForDisplayed({ timeout: 10_000 });
  await input.setValue(value);
}

/** Waits until the element matching `selector` contains `text`. */
export async function waitForText(browser, selector, text, timeout = 10_000) {
  await browser.waitUntil(
    async () => {
      const el = await browser.$(selector);
      // WebDriver returns the text as rendered: no-break spaces as plain spaces, and CSS
      // upper-casing applied (DSFR badges). Compare on plain spaces, ignoring case.
      const plain = (value) => value.replace(/[\u00a0\u202f]/g, " ").toLowerCase();
      return (await el.isExisting()) && plain(await el.getText()).includes(plain(text));
    },
    { timeout, timeoutMsg: `« ${text} » never appeared in ${selector}` },
  );
}

/** Scrolls to and clicks what `selector` finds once it is clickable; React may replace the node between
 * finding and clicking it, so a stale node is looked up once more. */
export async function clickOn(browser, selector) {
  for (let attempt = 0; ; attempt++) {
    try {
      const el = await browser.$(selector);
      await el.waitForExist({ timeout: 10_000 });
      // In view first (instantly: the DSFR scrolls smoothly), as a person scrolls to what they click.
      await browser.execute((node) => node.scrollIntoView({ block: "center", behavior: "instant" }), el);
      await el.waitForClickable({ timeout: 10_000 });
      await el.click();
      return;
    } catch (error) {
      if (attempt > 0 || !String(error).includes("Stale element")) throw error;
    }
  }
}

/** Clicks `trigger` and waits for the DSFR modal `modal` to show — once: a click that opens
 * nothing is a bug of the app (#18: it was the page moving under the pointer, see app.css's
 * `.binomes-tabs`), not something to click again. */
export async function openModal(browser, trigger, modal) {
  await clickOn(browser, trigger);
  await (await browser.$(modal)).waitForDisplayed({ timeout: 5_000 });
}

/** Drags `from` onto `to` with W3C pointer actions, in small steps as a hand does (dnd-kit
 * starts a drag after a few pixels and follows pointermove events). */
export async function drag(browser, from, to, { midway } = {}) {
  await browser.execute((t) => document.querySelector(t).scrollIntoView({ block: "center", behavior: "instant" }), to);
  await browser.execute((f) => document.querySelector(f).scrollIntoView({ block: "nearest", behavior: "instant" }), from);
  // The virtualised grid measures the rows it has just rendered: let it settle.
  await browser.pause(400);
  // Viewport coordinates, as pointer actions with origin "viewport" take them.
  const [start, end] = await browser.execute(
    (f, t) => {
      const a = document.querySelector(f).getBoundingClientRect();
      const b = document.querySelector(t).getBoundingClientRect();
      return [
        { x: Math.round(a.left + Math.min(a.width / 2, 60)), y: Math.round(a.top + a.height / 2) },
        { x: Math.round(b.left + Math.min(b.width / 2, 120)), y: Math.round(b.top + Math.min(b.height / 2, 200)) },
      ];
    },
    from,
    to,
  );
  const steps = 12;
  const actions = browser.action("pointer", { parameters: { pointerType: "mouse" } });
  actions.move({ x: start.x, y: start.y, origin: "viewport" }).down({ button: 0 });
  actions.move({ x: start.x + 8, y: start.y + 8, origin: "viewport", duration: 50 });
  for (let i = 1; i <= steps; i++) {
    const x = Math.round(start.x + ((end.x - start.x) * i) / steps);
    const y = Math.round(start.y + ((end.y - start.y) * i) / steps);
    actions.move({ x, y, origin: "viewport", duration: 30 });
  }
  actions.pause(150);
  if (midway) {
    // Held over the target: the drop indicator shows the resulting score.
    await actions.perform(true);
    await screenshot(browser, midway);
    await browser.action("pointer", { parameters: { pointerType: "mouse" } }).up({ button: 0 }).perform();
    return;
  }
  actions.up({ button: 0 });
  await actions.perform();
}

/** Chooses `value` in the native list `selector` as a person does (then React hears it). */
/** Makes an edition named `name` from the home page (« Créer une édition »), and opens it. */
export async function createEdition(browser, name) {
  await clickOn(browser, "#create-edition");
  const field = await browser.$("#edition-name");
  await field.waitForDisplayed({ timeout: 10_000 });
  await field.clearValue();
  await field.setValue(name);
  await clickOn(browser, "#edition-submit");
  await clickOn(browser, `tr[data-edition-name="${name}"] [data-action="open"]`);
  await waitForText(browser, "#edition-title", name);
}

export async function selectOption(browser, selector, value) {
  const el = await browser.$(selector);
  await el.waitForExist({ timeout: 10_000 });
  // In the middle of the window, as clickOn does: the path bar sticks at its top (#18).
  await browser.execute((node) => node.scrollIntoView({ block: "center", behavior: "instant" }), el);
  await el.selectByAttribute("value", value);
}

/** Waits until nothing in the page matches `selector`, asking the page itself: WebDriver's own
 * lookup fails (« stale element ») when the element goes in the middle of it. */
export async function waitForGone(browser, selector, timeout = 10_000) {
  await browser.waitUntil(() => browser.execute((s) => document.querySelector(s) === null, selector), {
    timeout,
    timeoutMsg: `${selector} still in the page after ${timeout} ms`,
  });
}
