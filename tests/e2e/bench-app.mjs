// Driven by bench/app.sh (not a test): what the organiser waits for in the real app, on an
// edition of 2,000 students × 1,500 ambassadors, measured inside the web view from the user's
// action (a click dispatched in the page) to the result painted (the frame after the DOM shows
// it), repeated BENCH_RUNS times: p50, p95, min and max of each.
//   - cold start under WebDriver: the app process started → the home page's editions painted
//     (process start from /proc, the paint from the page's clock, both as wall-clock time);
//     WebDriver's session is set up before the page loads, so this is longer than the start the
//     organiser has, which bench/app.sh measures without WebDriver (bench/first_paint.c);
//   - file chosen → import preview shown (the students' file of the edition, read again: a
//     re-import's preview, every person compared with the stored ones);
//   - « Proposer » → board updated (the suggestion stored, the board read again and shown);
//   - a board move (board/timings.ts: from the drop, or the click, to the change shown): a
//     student dragged with the pointer onto an ambassador with free places and back to the
//     list, then chosen in « Affecter à… » and « Retirer » — each kind also on a line of its own;
//   - export written (« Choisir où l'enregistrer… » → « Classeur enregistré » shown);
//   - memory: proportional set size of the app and of its WebKit processes with the edition open.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { clickOn, drag, selectOption, startApp, waitForText } from "./harness.mjs";
// « Affecter à… » as this build shows it, or as the builds before its panel did (a DSFR modal), so
// that bench/app.sh can measure the build before a change (BENCH_BEFORE_APP) with this script.
const ASSIGN = "#assign-panel, #assign-modal";

const dataDir = process.env.BENCH_DATA_DIR;
const runs = Number(process.env.BENCH_RUNS ?? 10);
const studentsFile = process.env.BENCH_STUDENTS_FILE;
const app = path.resolve(process.env.BINOMES_APP);
const profile = { root: dataDir, dataDir, answers: path.join(dataDir, "reponses.txt"), asShipped: true };
writeFileSync(profile.answers, "");

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const line = (label, values, target) =>
  console.log(
    `${label.padEnd(40)} p50 ${percentile(values, 50).toFixed(0).padStart(5)} ms, p95 ${percentile(values, 95).toFixed(0).padStart(5)} ms` +
      ` (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)}, ${values.length} runs)  target ${target}`,
  );

// ---- processes -------------------------------------------------------------------------------
const stat = (pid) => {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { ppid: Number(fields[1]), start: Number(fields[19]) };
};
const comm = (pid) => readFileSync(`/proc/${pid}/comm`, "utf8").trim();
const exe = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0];
  } catch {
    return "";
  }
};
/** Every process below `root` (this script's own tree only: others may run the app too). */
const descendants = (root) => {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { ppid } = stat(entry);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const found = [];
  const walk = (pid) => {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
};
const appPid = () => descendants(process.pid).find((pid) => path.resolve(exe(pid)) === app);
const bootTime = Number(/btime (\d+)/.exec(readFileSync("/proc/stat", "utf8"))[1]);
const TICKS = 100; // USER_HZ on Linux
const startedAt = (pid) => (bootTime + stat(pid).start / TICKS) * 1000; // ms since the epoch, 10 ms steps
const smaps = (pid) => {
  const fields = {};
  for (const m of readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").matchAll(/^(\w+):\s+(\d+) kB/gm)) fields[m[1]] = Number(m[2]);
  return fields;
};

/** Where a process's proportional set size goes, from /proc/<pid>/smaps: its four largest
 * mappings by file (or "[anon]", "[heap]"), in kB. */
const largestMappings = (pid) => {
  const byName = new Map();
  let name = "";
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) name = path.basename(mapping[1]) || "[anon]";
    const pss = /^Pss:\s+(\d+) kB/.exec(line);
    if (pss) byName.set(name, (byName.get(name) ?? 0) + Number(pss[1]));
  }
  return [...byName].sort((a, b) => b[1] - a[1]).slice(0, 4);
};

/** The app's processes and their proportional set size, from /proc/<pid>/smaps_rollup. */
const appMemory = () => {
  const pid = appPid();
  return [pid, ...descendants(pid)]
    .map((p) => {
      try {
        return { name: p === pid ? "app (binomes)" : comm(p), ...smaps(p), largest: largestMappings(p) };
      } catch {
        return null;
      }
    })
    .filter((m) => m !== null && m.Pss !== undefined);
};
const mb = (kb) => (kb / 1024).toFixed(0);
const printMemory = (label, memory) => {
  console.log(`${label}: ${mb(memory.reduce((sum, m) => sum + m.Pss, 0))} MB`);
  for (const m of memory)
    console.log(
      `  ${m.name.padEnd(22)} ${mb(m.Pss).padStart(5)} MB` +
        `  (anonymous ${mb(m.Pss_Anon ?? 0)}, files ${mb(m.Pss_File ?? 0)}, shared memory ${mb(m.Pss_Shmem ?? 0)}; resident ${mb(m.Rss)})` +
        `\n${" ".repeat(31)}largest: ${m.largest.map(([name, kb]) => `${name} ${mb(kb)}`).join(", ")}`,
    );
};

// ---- in-page measurement ---------------------------------------------------------------------
/** Clicks `click` in the page and waits until `until.selector`, changed since the click, holds
 * `until.text`; returns the milliseconds from the click to the end of the frame showing it. */
const timed = (browser, click, until) =>
  browser.executeAsync(
    (click, until, done) => {
      const target = typeof click === "string" ? document.querySelector(click) : null;
      const button =
        target ??
        [...document.querySelectorAll(click.within + " button")].find((b) => (b.textContent ?? "").trim() === click.text);
      if (!button) return done({ error: `nothing to click: ${JSON.stringify(click)}` });
      let changed = false;
      let finished = false;
      const inside = (node) =>
        node instanceof Element ? node.closest(until.selector) !== null || node.querySelector(until.selector) !== null : false;
      const observer = new MutationObserver((records) => {
        if (finished) return;
        changed ||= records.some((r) => inside(r.target.nodeType === 1 ? r.target : r.target.parentElement) || [...r.addedNodes].some(inside));
        const element = document.querySelector(until.selector);
        if (changed && element && (element.textContent ?? "").includes(until.text)) {
          finished = true;
          observer.disconnect();
          // The frame that shows it is painted once its requestAnimationFrame callbacks have run.
          requestAnimationFrame(() => setTimeout(() => done({ ms: performance.now() - start }), 0));
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      setTimeout(() => {
        if (!finished) {
          finished = true;
          observer.disconnect();
          done({ error: `timed out waiting for ${until.selector} « ${until.text} »` });
        }
      }, 120_000);
      const start = performance.now();
      button.click();
    },
    click,
    until,
  );
const measure = async (browser, click, until) => {
  const result = await timed(browser, click, until);
  if (result.error) throw new Error(result.error);
  return result.ms;
};

// ---- cold start ------------------------------------------------------------------------------
// BENCH_LARGE=1 (bench/app.sh's last part): a large edition (10,000 × 10,000) opened once, its
// board's first paint, scrolling it, a move, and the memory — no cold starts, no repetitions.
const large = process.env.BENCH_LARGE === "1";
const cold = [];
const toNavigation = [];
let session = null;
// One start first, not counted: the data folder's first opening by this build (a migration and
// its backup, once) is not what the organiser waits for each morning.
const warmUp = await startApp(profile);
await warmUp.browser.waitUntil(async () => (await warmUp.browser.$$("#editions-table [data-action=open]")).length > 0, { timeout: 60_000 });
await warmUp.stop();
for (let i = 0; i < (large ? 1 : runs); i++) {
  const started = await startApp(profile);
  let measured = false;
  try {
    const pid = appPid();
    if (!pid) throw new Error("the app's process was not found");
    // The home page is painted when its editions table is; the page's own clock says when.
    const home = await started.browser.executeAsync((done) => {
      const seen = () => document.querySelector("#editions-table [data-action=open]") !== null;
      const presentAtStart = seen();
      const poll = () =>
        seen()
          ? requestAnimationFrame(() =>
              setTimeout(() => {
                const fcp = performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint");
                done({ origin: performance.timeOrigin, now: performance.now(), presentAtStart, fcp: fcp?.startTime ?? null });
              }, 0),
            )
          : requestAnimationFrame(poll);
      poll();
    });
    // When the table was already there as WebDriver took over, the first contentful paint of
    // the page (the home page, with its editions: they are read before the first render ends
    // — checked below when not) is the better bound.
    const paintedAt = home.origin + (home.presentAtStart && home.fcp !== null ? Math.max(home.fcp, 0) : home.now);
    cold.push(paintedAt - startedAt(pid));
    toNavigation.push(home.origin - startedAt(pid));
    if (i === 0)
      console.log(
        `(cold start: the editions were ${home.presentAtStart ? "already painted" : "not yet painted"} when WebDriver took over; first contentful paint ${home.fcp === null ? "not reported" : `${home.fcp.toFixed(0)} ms after navigation`})`,
      );
    measured = true;
  } finally {
    // The last start goes on to the measurements below.
    if (measured && i === (large ? 0 : runs - 1)) session = started;
    else await started.stop();
  }
}
const browser = session.browser;
await browser.setTimeout({ script: 180_000 });
try {
  await browser.pause(1000); // the home page settled
  const homeMemory = appMemory();
  // ---- the edition: first paint of the board ------------------------------------------------
  await clickOn(browser, "[data-action=open]");
  await waitForText(browser, "#board-summary", "placés", 60_000);
  await browser.waitUntil(async () => (await browser.$$("#board-grid [data-ambassador]")).length > 0, { timeout: 60_000 });
  const boardPaint = await browser.execute(() => window.__binomesTimings.boardPaintMs);

  // ---- memory with the edition open ---------------------------------------------------------
  await browser.pause(1000); // the board settled
  const memory = appMemory();
  const dom = await browser.execute(() => ({
    elements: document.getElementsByTagName("*").length,
    ambassadorRows: document.querySelectorAll("#board-grid [data-ambassador]").length,
    studentCards: document.querySelectorAll("[data-student]").length,
  }));
  if (large) {
    // ---- scrolling: to the end of the grid, then page by page back up ----------------------
    const scrolls = await browser.executeAsync((done) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const rows = Number(document.querySelector("#board-grid")?.getAttribute("aria-rowcount") ?? 1) - 1;
      (async () => {
        const start = performance.now();
        window.scrollTo(0, document.documentElement.scrollHeight);
        // The last ambassador drawn: the virtual grid has caught up with the scroll.
        while (document.querySelector(`#board-grid [data-index="${rows - 1}"]`) === null) {
          if (performance.now() - start > 60_000) return done({ error: "the grid's end never showed" });
          await frame();
        }
        await frame();
        const toEnd = performance.now() - start;
        const steps = [];
        for (let i = 0; i < 30; i++) {
          const t = performance.now();
          window.scrollBy(0, -window.innerHeight);
          await frame();
          steps.push(performance.now() - t);
        }
        done({ rows, toEnd, steps });
      })();
    });
    if (scrolls.error) throw new Error(scrolls.error);
    // ---- moves on the large board: a student of the grid « Retiré » from their pair, then
    // « Affecter à… » an ambassador with room (everyone may be placed: the first move frees one).
    await browser.execute(() => window.scrollTo(0, 0));
    await clickOn(browser, "#board-grid [data-student]");
    await clickOn(browser, "#unpair");
    await waitForText(browser, "#board-status", "retiré(e)", 30_000);
    await clickOn(browser, "#unpaired-list [data-student]");
    await clickOn(browser, "#assign");
    await (await browser.$(ASSIGN)).waitForDisplayed({ timeout: 30_000 });
    await browser.waitUntil(async () => (await browser.$$("#assign-list [data-choice]")).length > 0, { timeout: 30_000 });
    await browser.execute(() => {
      [...document.querySelectorAll("#assign-list [data-choice]")].find((b) => /\d place\(s\)/.test(b.textContent ?? ""))?.click();
    });
    await browser.waitUntil(async () => !(await (await browser.$("#board-status")).getText()).includes("retiré(e)"), { timeout: 30_000 });
    await waitForText(browser, "#board-status", "Enregistré", 30_000);
    const moves = await browser.execute(() => window.__binomesTimings.dropsMs);
    const summary = await (await browser.$("#board-summary")).getText();
    console.log(`Large edition: ${summary}`);
    console.log(`first paint of the board (click that opens the edition)  ${boardPaint.toFixed(0)} ms`);
    console.log(`scroll to the end of the grid (${scrolls.rows} ambassadors) → last row drawn  ${scrolls.toEnd.toFixed(0)} ms`);
    line("scroll a window-height up → frame drawn", scrolls.steps, "–");
    line("board move → change shown", moves, "–");
    printMemory("Memory with the large edition open (board shown), proportional set size", memory);
    console.log(`  page: ${dom.elements} elements, ${dom.ambassadorRows} ambassador rows and ${dom.studentCards} student cards rendered by the virtual lists`);
  } else if (process.env.BENCH_MEMORY_ONLY === "1") {
    // BENCH_MEMORY_ONLY=1: the cold starts and the memory alone (to compare WebKit's settings, say).
    line("cold start under WebDriver → home", cold, "–");
    console.log(`  (cold start: ${percentile(toNavigation, 50).toFixed(0)} ms from the process start to the page's navigation, median)`);
    printMemory("Memory on the home page, proportional set size", homeMemory);
    printMemory("Memory with the edition open (board shown), proportional set size", memory);
    console.log(`  page: ${dom.elements} elements, ${dom.ambassadorRows} ambassador rows and ${dom.studentCards} student cards rendered`);
  } else {

    // ---- file chosen → import preview shown ---------------------------------------------------
    const previews = [];
    for (let i = 0; i < runs; i++) {
      await clickOn(browser, "#import-students");
      writeFileSync(profile.answers, `${studentsFile}\n`);
      await (await browser.$("#import-choose")).waitForDisplayed({ timeout: 10_000 });
      previews.push(await measure(browser, "#import-choose", { selector: "#import-summary", text: "lignes lues" }));
      await measure(browser, { within: "#import-preview", text: "Annuler" }, { selector: "#import-students", text: "" }).catch(() => {});
      await (await browser.$("#import-students")).waitForDisplayed({ timeout: 10_000 });
    }

    // ---- the board: « Proposer », moves, export -------------------------------------------------
    await clickOn(browser, "button.fr-tabs__tab*=Binômes");
    await waitForText(browser, "#board-summary", "placés", 60_000);
    const proposals = [];
    const exports = [];
    // Each move's time, as the app measured it, by kind: the latest one once it is shown.
    const movesMeasured = () => browser.execute(() => window.__binomesTimings.dropsMs.length);
    const byKind = { pointer: [], assign: [], unpair: [] };
    const timedMove = async (kind, makeIt) => {
      const before = await movesMeasured();
      await makeIt();
      await browser.waitUntil(async () => (await movesMeasured()) > before, { timeout: 10_000 });
      byKind[kind].push(await browser.execute(() => window.__binomesTimings.dropsMs.at(-1)));
    };
    for (let i = 0; i < runs; i++) {
      // With the pointer, as most moves are made: an unpaired student onto an ambassador with
      // two places or more left (still shown under « places libres » once paired), then back.
      await selectOption(browser, "#board-filter-status", "free");
      const [student, ambassador] = await browser.execute(() => {
        const roomy = [...document.querySelectorAll("#board-grid [data-ambassador]")].find((row) => {
          const [taken, places] = (row.querySelector(".binomes-number")?.textContent ?? "").split("/").map(Number);
          return places - taken >= 2;
        });
        return [document.querySelector("#unpaired-list [data-student]")?.getAttribute("data-student"), roomy?.getAttribute("data-ambassador")];
      });
      if (!student || !ambassador) throw new Error("no unpaired student, or no ambassador with two places left among the first rows");
      await timedMove("pointer", () =>
        drag(browser, `#unpaired-list [data-student="${student}"]`, `#board-grid [data-ambassador="${ambassador}"] [role=cell]:last-child`),
      );
      await waitForText(browser, "#board-status", "Enregistré", 10_000);
      await timedMove("pointer", () => drag(browser, `#board-grid [data-student="${student}"]`, "#unpaired-list"));
      await waitForText(browser, "#board-status", "retiré(e)", 10_000);
      await selectOption(browser, "#board-filter-status", "");

      // The same with the keyboard's way, « Affecter à… », and « Retirer ».
      await clickOn(browser, "#unpaired-list [data-student]");
      await clickOn(browser, "#assign");
      await (await browser.$(ASSIGN)).waitForDisplayed({ timeout: 10_000 });
      await browser.waitUntil(async () => (await browser.$$("#assign-list [data-choice]")).length > 0, { timeout: 10_000 });
      await timedMove("assign", async () => {
        const chosen = await browser.execute(() => {
          const free = [...document.querySelectorAll("#assign-list [data-choice]")].find((b) => /\d place\(s\)/.test(b.textContent ?? ""));
          free?.click();
          return free !== undefined;
        });
        if (!chosen) throw new Error("no ambassador with room for this student");
      });
      await waitForText(browser, "#board-status", "Enregistré", 10_000);
      await timedMove("unpair", () => clickOn(browser, "#unpair"));
      await waitForText(browser, "#board-status", "retiré(e)", 10_000);

      await clickOn(browser, "#suggest");
      await (await browser.$("#suggest-modal")).waitForDisplayed({ timeout: 10_000 });
      proposals.push(await measure(browser, "#suggest-confirm", { selector: "#board-status", text: "Binômes proposés" }));

      writeFileSync(profile.answers, `${path.join(dataDir, `export-${i}.xlsx`)}\n`);
      await clickOn(browser, "#export");
      await (await browser.$("#export-modal")).waitForDisplayed({ timeout: 10_000 });
      exports.push(await measure(browser, "#export-confirm", { selector: "#pairs-status", text: "Classeur enregistré" }));
    }
    const moves = await browser.execute(() => window.__binomesTimings.dropsMs);
    const saved = (await browser.execute(() => window.__binomesTimings.savedMs)) ?? [];
    const rendered = (await browser.execute(() => window.__binomesTimings.renderMs)) ?? [];
    const framed = (await browser.execute(() => window.__binomesTimings.frameMs)) ?? [];
    const confirmed = (await browser.execute(() => window.__binomesTimings.confirmedMs)) ?? [];

    const summary = await (await browser.$("#board-summary")).getText();
    console.log(`Edition: ${summary}`);
    line("cold start under WebDriver → home", cold, "–");
    line("file chosen → import preview shown", previews, "≤ 300 ms");
    line("« Proposer » → board updated", proposals, "≤ 300 ms");
    line("board move → change shown", moves, "p95 ≤ 50 ms");
    line("  a drop with the pointer", byKind.pointer, "–");
    line("  a choice in « Affecter à… »", byKind.assign, "–");
    line("  « Retirer »", byKind.unpair, "–");
    if (rendered.length > 0) line("  of which: from the move to the board's commit", rendered, "–");
    if (framed.length > 0) line("  then the next frame drawn", framed, "–");
    console.log(`  (${confirmed.length} of the ${moves.length} moves shown before the store saved them; the others once saved)`);
    if (saved.length > 0) line("  the store's answer seen (after that frame)", saved, "–");
    if (confirmed.length > 0) line("  the store's answer shown, the move saved", confirmed, "–");
    line("export → « Classeur enregistré » shown", exports, "≤ 500 ms");
    console.log(`first paint of the board (click that opens the edition)  ${boardPaint.toFixed(0)} ms  target ≤ 1000 ms`);
    console.log(`  (cold start: ${percentile(toNavigation, 50).toFixed(0)} ms from the process start to the page's navigation, median; the rest is the page's load and first render)`);
    printMemory("Memory on the home page, proportional set size", homeMemory);
    printMemory("Memory with the edition open (board shown), proportional set size (target ≤ 250 MB)", memory);
    console.log(`  page: ${dom.elements} elements, ${dom.ambassadorRows} ambassador rows and ${dom.studentCards} student cards rendered by the virtual lists`);
  }
} catch (error) {
  // The X screen, not WebKitWebDriver's screenshot: that one can hang for minutes on a page
  // painted in software, as the app is measured here.
  const shot = `${process.env.BENCH_SHOT ?? "/tmp"}/bench-app-failure.png`;
  try {
    execFileSync("import", ["-window", "root", shot]);
    console.error(`(the screen at the failure: ${shot})`);
  } catch {
    // No screenshot: the error below says what failed.
  }
  throw error;
} finally {
  await session.stop();
}
