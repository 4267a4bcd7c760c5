// Driven by bench/app.sh with BENCH_FRAMES=1 (not a test): what one frame costs in the app's web
// view, on the 2,000 × 1,500 demo board, for the kinds of change the interface makes — each made
// in the page, then timed to the frame that shows it (`requestAnimationFrame`, then the task
// after it), BENCH_FRAME_REPEATS times (12 by default): p50 and p95, and the ratio to the peer
// measured in the same page, a small change (an outline on one element: a repaint, no restyle).
//   - an attribute set on <html>, then taken off: WebKit restyles the whole page;
//   - `inert` on the page's root, then off: what a modal dialog does to the rest of the page
//     when it opens and when it closes;
//   - an element (hidden) added at the end of <body>, then removed: what a portal or an overlay
//     would cost (see README, « The app »: the DSFR's pagination selectors make it a whole-page
//     restyle);
//   - « Affecter à… » opened, then closed with « Fermer »: the real panel (a non-modal dialog:
//     no focus trap, no scroll lock, nothing made inert).
// These are the figures the README's paragraph on « where a frame's time goes » was found with.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { clickOn, startApp, waitForText } from "./harness.mjs";

const dataDir = process.env.BENCH_DATA_DIR;
const repeats = Number(process.env.BENCH_FRAME_REPEATS ?? 12);
const profile = { root: dataDir, dataDir, answers: path.join(dataDir, "reponses.txt"), asShipped: true };
writeFileSync(profile.answers, "");

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

const { browser, stop } = await startApp(profile);
try {
  await browser.waitUntil(async () => (await browser.$$("#editions-table [data-action=open], #board-summary")).length > 0, {
    timeout: 60_000,
  });
  if ((await browser.$$("#board-summary")).length === 0) await clickOn(browser, "[data-action=open]");
  await waitForText(browser, "#board-summary", "placés", 60_000);
  await browser.waitUntil(async () => (await browser.$$("#board-grid [data-ambassador]")).length > 0, { timeout: 60_000 });
  // A student selected: « Affecter à… » is then enabled.
  await clickOn(browser, "#unpaired-list [data-student]");
  await browser.pause(1000);

  const kinds = ["small", "html", "inert", "body", "dialog"];
  const timings = await browser.executeAsync(
    (kinds, repeats, done) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const settle = async () => {
        await frame();
        await frame();
      };
      /** Makes the change, then times it to its frame. */
      const timed = async (change) => {
        const start = performance.now();
        change();
        await frame();
        return performance.now() - start;
      };
      const root = document.getElementById("root");
      const summary = document.getElementById("board-summary");
      const changes = {
        small: [() => (summary.style.outline = "1px solid transparent"), () => (summary.style.outline = "")],
        html: [() => document.documentElement.setAttribute("data-bench", ""), () => document.documentElement.removeAttribute("data-bench")],
        inert: [() => root.setAttribute("inert", ""), () => root.removeAttribute("inert")],
        body: [
          () => {
            const extra = document.createElement("div");
            extra.id = "bench-extra";
            extra.hidden = true;
            document.body.appendChild(extra);
          },
          () => document.getElementById("bench-extra")?.remove(),
        ],
        dialog: [() => document.getElementById("assign").click(), () => document.getElementById("assign-close").click()],
      };
      (async () => {
        const result = {};
        for (const kind of kinds) {
          const [on, off] = changes[kind];
          const times = [];
          // The panel is drawn by React after the click: timed to the first frame that shows it so.
          const opened = () => document.getElementById("assign-panel") !== null;
          const until = async (change, shown) => {
            const start = performance.now();
            change();
            do await frame();
            while (opened() !== shown);
            return performance.now() - start;
          };
          for (let i = 0; i < repeats; i++) {
            await settle();
            times.push(kind === "dialog" ? await until(on, true) : await timed(on));
            await settle();
            times.push(kind === "dialog" ? await until(off, false) : await timed(off));
          }
          result[kind] = times;
        }
        done(result);
      })();
    },
    kinds,
    repeats,
  );

  const labels = {
    small: "a small change (outline on one element)",
    html: "an attribute on <html>, set or taken off",
    inert: "`inert` on the page's root, on or off",
    body: "an element added to <body> or removed",
    dialog: "« Affecter à… » opened or closed",
  };
  const peer = percentile(timings.small, 50);
  for (const kind of kinds) {
    const values = timings[kind];
    const p50 = percentile(values, 50);
    console.log(
      `${labels[kind].padEnd(44)} p50 ${p50.toFixed(0).padStart(4)} ms, p95 ${percentile(values, 95).toFixed(0).padStart(4)} ms` +
        ` (${values.length} frames)${kind === "small" ? "  peer" : `  ${(p50 / peer).toFixed(1)}× the small change`}`,
    );
  }
} finally {
  await stop();
}
