// The organiser's path (#18): a bar always in view with the season's steps and their actions, the
// results said where the action was taken, and the keyboard path from the top of the page to a
// student without a pair assigned — its key presses counted.

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { clickOn, newProfile, screenshot, startApp, waitForText } from "./harness.mjs";

/** Whether the element is wholly inside the window (not scrolled away). */
const inView = (browser, selector) =>
  browser.execute((s) => {
    const r = document.querySelector(s)?.getBoundingClientRect();
    return !!r && r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  }, selector);

describe("the organiser's path", () => {
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

  it("shows the steps and their state, and proposes the pairs from the bar", async () => {
    await click("#open-demo");
    await waitForText(browser, "#parcours", "Importer");
    await waitForText(browser, '#parcours [data-step="importer"]', "étudiants");
    await waitForText(browser, '#parcours [data-step="proposer"]', "à faire");
    // From the students' tab: the bar shows the board and asks for the proposal.
    await click("button.fr-tabs__tab*=Étudiants");
    await click("#path-suggest");
    await (await browser.$("#suggest-modal")).waitForDisplayed({ timeout: 5_000 });
    await click("#suggest-confirm");
    await waitForText(browser, "#board-status", "Binômes proposés");
    await waitForText(browser, '#parcours [data-step="proposer"]', "fait");
    await waitForText(browser, '#parcours [data-step="ajuster"]', "binômes");
  });

  it("keeps its actions in view at the bottom of the board, and says there what the export wrote", async () => {
    await browser.execute(() => window.scrollTo(0, document.body.scrollHeight));
    await browser.pause(300);
    assert.ok(await browser.execute(() => window.scrollY > 2000), "the page is long");
    assert.ok(await inView(browser, "#path-export"), "« Exporter le classeur… » in view");
    const out = path.join(profile.root, "binomes.xlsx");
    writeFileSync(profile.answers, `${out}\n`);
    await (await browser.$("#path-export")).click();
    await (await browser.$("#export-modal")).waitForDisplayed({ timeout: 5_000 });
    await (await browser.$("#export-confirm")).click();
    await waitForText(browser, "#path-result", "Classeur enregistré");
    assert.ok(await inView(browser, "#path-result"), "the result in view, under the bar");
    assert.equal(await (await browser.$("#path-result [role=status]")).isExisting(), true);
    assert.equal(readFileSync(out).subarray(0, 2).toString(), "PK");
    // « Ouvrir le dossier » beside the result. Under Xvfb there may be no file manager to
    // answer, so either outcome is accepted — but never the refusal of a file the app did not
    // write: the workbook just written is one the shell remembers.
    assert.ok(await inView(browser, "#pairs-reveal"), "« Ouvrir le dossier » beside the result");
    await (await browser.$("#pairs-reveal")).click();
    await browser.waitUntil(
      async () =>
        browser.execute(() => {
          const text = document.getElementById("path-result")?.textContent ?? "";
          return text.includes("Dossier ouvert") || text.includes("n'a pas pu être ouvert") || text.includes("n'a pas écrit");
        }),
      { timeout: 10_000, timeoutMsg: "« Ouvrir le dossier » answered nothing" },
    );
    const answer = await browser.execute(() => document.getElementById("path-result")?.textContent ?? "");
    assert.ok(!answer.includes("n'a pas écrit"), answer);
    await screenshot(browser, "70-parcours");
  });

  it("assigns a student without a pair from the top of the page in at most 10 key presses", async () => {
    // The top of the page, as after it is loaded: the next Tab goes to its first link.
    await browser.execute(() => {
      window.scrollTo(0, 0);
      document.body.setAttribute("tabindex", "-1");
      document.body.focus();
      document.body.removeAttribute("tabindex");
    });
    let presses = 0;
    const press = async (key) => {
      presses += 1;
      await browser.keys(key);
      await browser.pause(150);
    };
    const focused = () => browser.execute(() => document.activeElement?.id || document.activeElement?.getAttribute("data-student") || document.activeElement?.textContent?.trim().slice(0, 40));
    // Tab through the skip links to « Étudiants sans binôme », then Enter: the first of them.
    for (let i = 0; i < 8; i++) {
      await press("Tab");
      const label = await browser.execute(() => document.activeElement?.textContent?.trim());
      if (label === "Étudiants sans binôme") break;
    }
    await press("Enter");
    await browser.waitUntil(() => browser.execute(() => !!document.activeElement?.closest("#unpaired-list [data-student]")), {
      timeout: 5_000,
      timeoutMsg: "the skip link did not reach the students without a pair",
    });
    const student = await browser.execute(() => document.activeElement.getAttribute("data-student"));
    const before = await (await browser.$("#board-summary")).getText();
    // Enter selects them; « Affecter à… » takes the focus; Enter opens it on the best choice.
    await press("Enter");
    await browser.waitUntil(async () => (await focused()) === "assign", { timeout: 5_000, timeoutMsg: "« Affecter à… » never had the focus" });
    await press("Enter");
    await (await browser.$("#assign-panel")).waitForDisplayed({ timeout: 5_000 });
    await browser.waitUntil(() => browser.execute(() => document.activeElement?.hasAttribute("data-choice")), {
      timeout: 10_000,
      timeoutMsg: "the dialog did not focus an ambassador",
    });
    const chosen = await browser.execute(() => document.activeElement.getAttribute("data-choice"));
    await press("Enter");
    await browser.waitUntil(
      () => browser.execute((id) => document.querySelector(`#board-grid [data-student="${id}"]`)?.closest("[data-ambassador]")?.getAttribute("data-ambassador"), student),
      { timeout: 10_000, timeoutMsg: "the student was not assigned" },
    ).catch(async () => {
      // The grid is virtual: the row may be out of the rendered window; the summary says it.
      await browser.waitUntil(async () => (await (await browser.$("#board-summary")).getText()) !== before, { timeout: 5_000 });
    });
    await waitForText(browser, "#board-status", "Enregistré");
    console.log(`Clavier : étudiant ${student} affecté à l'ambassadeur ${chosen} en ${presses} touches depuis le haut de la page.`);
    assert.ok(presses <= 10, `${presses} key presses`);
    // The focus is on the next student without a pair, the list's Tab stop: the next assignment
    // is Enter, Enter, Enter — not at the bottom of the page in the closed dialog.
    const after = await browser.execute(() => {
      const el = document.activeElement;
      return { inList: !!el?.closest("#unpaired-list"), student: el?.getAttribute("data-student"), tabindex: el?.getAttribute("tabindex") };
    });
    assert.ok(after.inList && after.student && after.student !== student, `focus after assigning: ${JSON.stringify(after)}`);
    assert.equal(after.tabindex, "0");
  });

  /** What has the focus: its list, its key (data-rove), and its row in a virtual list. */
  const focus = () =>
    browser.execute(() => {
      const el = document.activeElement;
      return {
        list: el?.closest("#board-grid") ? "grid" : el?.closest("#unpaired-list") ? "unpaired" : (el?.id || el?.tagName),
        key: el?.getAttribute("data-rove") ?? null,
        index: el?.closest("[data-index]")?.getAttribute("data-index") ?? null,
      };
    });
  const stops = (list) => browser.execute((l) => document.querySelectorAll(`${l} [data-rove][tabindex="0"]`).length, list);

  it("makes each list of the board one Tab stop, with the arrows, Home and End inside", async () => {
    // The grid: from the control just before it, one Tab in, one Tab out.
    await browser.execute(() => document.getElementById("bulk-apply").focus());
    await browser.keys("Tab");
    const entered = await focus();
    assert.equal(entered.list, "grid", `Tab from « Appliquer… » lands in the grid: ${JSON.stringify(entered)}`);
    assert.equal(await stops("#board-grid"), 1, "one Tab stop in the grid");
    await browser.keys("ArrowDown");
    const down = await focus();
    assert.equal(down.list, "grid");
    assert.notEqual(down.key, entered.key, "ArrowDown moves on");
    await browser.keys("ArrowUp");
    assert.equal((await focus()).key, entered.key, "ArrowUp comes back");
    assert.equal(await stops("#board-grid"), 1);
    const rows = await browser.execute(() => Number(document.getElementById("board-grid").getAttribute("aria-rowcount")) - 1);
    await browser.keys("End");
    await browser.waitUntil(async () => (await focus()).index === String(rows - 1), { timeout: 5_000, timeoutMsg: "End did not reach the last ambassador" });
    await browser.keys("Home");
    await browser.waitUntil(async () => (await focus()).index === "0", { timeout: 5_000, timeoutMsg: "Home did not reach the first ambassador" });
    await browser.keys("Tab");
    const left = await focus();
    assert.notEqual(left.list, "grid", `one Tab leaves the grid: ${JSON.stringify(left)}`);

    // The students without a pair: the same, and the focus ring whole inside the list that scrolls.
    await browser.execute(() => document.querySelector('#unpaired-list [data-rove][tabindex="0"]').focus());
    assert.equal(await stops("#unpaired-list"), 1, "one Tab stop among the students without a pair");
    const ringInside = () =>
      browser.execute(() => {
        const el = document.activeElement;
        const box = el.closest(".binomes-unpaired__scroll");
        const style = getComputedStyle(el);
        const out = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth);
        const r = el.getBoundingClientRect();
        const b = box.getBoundingClientRect();
        return {
          ring: out,
          inside:
            r.left - out >= b.left + box.clientLeft - 0.5 &&
            r.right + out <= b.left + box.clientLeft + box.clientWidth + 0.5 &&
            r.top - out >= b.top + box.clientTop - 0.5 &&
            r.bottom + out <= b.top + box.clientTop + box.clientHeight + 0.5,
        };
      });
    const first = await focus();
    await browser.keys("ArrowDown");
    const second = await focus();
    assert.equal(second.list, "unpaired");
    assert.equal(Number(second.index), Number(first.index) + 1, "ArrowDown: the next student");
    const count = await browser.execute(() => Number(document.getElementById("unpaired-title").textContent.match(/\((\d+)/)[1]));
    await browser.keys("End");
    await browser.waitUntil(async () => (await focus()).index === String(count - 1), { timeout: 5_000, timeoutMsg: "End did not reach the last student" });
    const endRing = await ringInside();
    assert.ok(endRing.ring > 0 && endRing.inside, `the focus ring of the last student is whole: ${JSON.stringify(endRing)}`);
    await browser.keys("Home");
    await browser.waitUntil(async () => (await focus()).index === "0", { timeout: 5_000, timeoutMsg: "Home did not reach the first student" });
    const homeRing = await ringInside();
    assert.ok(homeRing.inside, `the focus ring of the first student is whole: ${JSON.stringify(homeRing)}`);
    await screenshot(browser, "71-liste-clavier");
    await browser.keys("Tab");
    assert.notEqual((await focus()).list, "unpaired", "one Tab leaves the list");
  });

  it("opens dialogs on their first useful field and gives the focus back to what opened them", async () => {
    // « Exporter le classeur… » from the path bar: its first field, then Escape, back on the button.
    await browser.execute(() => document.getElementById("path-export").focus());
    await browser.keys("Enter");
    await (await browser.$("#export-modal")).waitForDisplayed({ timeout: 5_000 });
    await browser.waitUntil(() => browser.execute(() => document.activeElement?.id === "export-validated"), {
      timeout: 5_000,
      timeoutMsg: "the export dialog did not open on its first field",
    });
    await browser.keys("Escape");
    await (await browser.$("#export-modal")).waitForDisplayed({ reverse: true, timeout: 5_000 });
    await browser.waitUntil(() => browser.execute(() => document.activeElement?.id === "path-export"), {
      timeout: 5_000,
      timeoutMsg: "the focus did not come back to « Exporter le classeur… »",
    });
    // « Historique… »: not on « Fermer »; closed with its « Fermer », back on the button.
    await browser.execute(() => document.getElementById("show-history").focus());
    await browser.keys("Enter");
    await (await browser.$("#history-modal")).waitForDisplayed({ timeout: 5_000 });
    await waitForText(browser, "#history-table", "Proposition des binômes");
    await browser.waitUntil(() => browser.execute(() => !!document.activeElement?.closest("#history-modal") && !document.activeElement.classList.contains("fr-btn--close")), {
      timeout: 5_000,
      timeoutMsg: "the history opened on « Fermer »",
    });
    await click("#history-modal .fr-btn--close");
    await (await browser.$("#history-modal")).waitForDisplayed({ reverse: true, timeout: 5_000 });
    await browser.waitUntil(() => browser.execute(() => document.activeElement?.id === "show-history"), {
      timeout: 5_000,
      timeoutMsg: "the focus did not come back to « Historique… »",
    });
  });

  it("names the pair in the history, and keeps listing a change undone after the next one", async () => {
    const student = await browser.execute(() => document.querySelector("#board-grid [data-student]").getAttribute("data-student"));
    await click(`#board-grid [data-student="${student}"]`);
    await (await browser.$("#selected-pair")).waitForDisplayed({ timeout: 5_000 });
    const names = await browser.execute(() => ({
      student: document.getElementById("selection-title").textContent.trim(),
      ambassador: document.querySelector("#selected-pair strong").textContent.trim(),
    }));
    // The window writes last names in capitals, the history as they were given: compared in lower case.
    const pair = `${names.student} ↔ ${names.ambassador}`.toLowerCase();
    // Locked (or unlocked), undone, then changed again: the undone change is no longer redoable.
    await click('label[for="selected-lock"]');
    await waitForText(browser, "#board-summary", `Dernier changement : ${pair} :`);
    await click("#undo");
    await waitForText(browser, "#board-status", "Annulé");
    await click('label[for="selected-lock"]');
    await waitForText(browser, "#board-summary", `Dernier changement : ${pair} :`);
    await click("#show-history");
    await waitForText(browser, "#history-table", pair);
    const lines = await browser.execute(() =>
      [...document.querySelectorAll("#history-table tbody tr")].slice(0, 2).map((tr) => tr.cells[2].textContent.replace(/\s+/g, " ").trim().toLowerCase()),
    );
    assert.ok(lines[0].startsWith(`${pair} :`) && !lines[0].includes("annulé"), `the last change: ${JSON.stringify(lines[0])}, pair ${JSON.stringify(pair)}`);
    assert.ok(lines[1].startsWith(`${pair} :`) && /annulé$/i.test(lines[1]), `the change undone, still listed: ${lines[1]}`);
    // The table scrolls inside the dialog with its header row in view, and fits its width.
    const table = await tableInDialog("#history-modal .fr-table__container", "#history-table thead th");
    assert.ok(table.fits && table.headInView, `the history's table: ${JSON.stringify(table)}`);
    await screenshot(browser, "72-historique-nomme");
    await browser.keys("Escape");
    await (await browser.$("#history-modal")).waitForDisplayed({ reverse: true, timeout: 5_000 });
  });

  /** A table in a dialog: scrolled to its end, its header row still in view; as wide as its frame. */
  const tableInDialog = (frame, header) =>
    browser.execute(
      (f, h) => {
        const box = document.querySelector(f);
        box.scrollTop = box.scrollHeight;
        const head = document.querySelector(h).getBoundingClientRect();
        const rect = box.getBoundingClientRect();
        const dialog = box.closest(".fr-modal__body").getBoundingClientRect();
        return {
          fits: box.scrollWidth <= box.clientWidth + 1 && rect.right <= dialog.right + 0.5,
          headInView: head.top >= rect.top - 1 && head.bottom <= rect.bottom,
        };
      },
      frame,
      header,
    );

  it("shows « Pourquoi ? » within its dialog, its header row in view", async () => {
    // A student paired within the rules (points above 0): « Pourquoi ? » lists their ambassadors.
    const student = await browser.execute(() =>
      [...document.querySelectorAll("#board-grid [data-student]")]
        .find((chip) => /[1-9]\d* pts/.test(chip.querySelector(".binomes-chip__score")?.textContent ?? ""))
        .getAttribute("data-student"),
    );
    await click(`#board-grid [data-student="${student}"]`);
    await click("#why");
    await (await browser.$("#why-modal")).waitForDisplayed({ timeout: 5_000 });
    await browser.waitUntil(() => browser.execute(() => document.querySelectorAll("#why-table tbody tr").length > 0), {
      timeout: 10_000,
      timeoutMsg: "« Pourquoi ? » listed nobody",
    });
    const table = await tableInDialog("#why-modal .fr-table__container", "#why-table thead th");
    assert.ok(table.fits && table.headInView, `« Pourquoi ? »'s table: ${JSON.stringify(table)}`);
    await screenshot(browser, "73-pourquoi");
    await browser.keys("Escape");
    await (await browser.$("#why-modal")).waitForDisplayed({ reverse: true, timeout: 5_000 });
  });

  it("lays out « Règles et poids » with no field over another or past its frame", async () => {
    await browser.execute(() => {
      const details = document.getElementById("rules-editor");
      details.open = true;
      details.scrollIntoView({ block: "start", behavior: "instant" });
    });
    await browser.waitUntil(() => browser.execute(() => document.querySelectorAll("#rules-editor .binomes-rules input").length > 0), { timeout: 5_000 });
    const layout = await browser.execute(() => {
      const frame = document.querySelector("#rules-editor .binomes-rules").getBoundingClientRect();
      const boxes = [...document.querySelectorAll("#rules-editor .binomes-rules .fr-label")].flatMap((label) => [
        ...[...label.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim()).map((n) => {
          const range = document.createRange();
          range.selectNodeContents(n);
          return range.getBoundingClientRect();
        }),
        label.querySelector("input").getBoundingClientRect(),
      ]);
      const over = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
      return {
        boxes: boxes.length,
        overlaps: boxes.some((a, i) => boxes.some((b, j) => j > i && over(a, b))),
        outside: boxes.some((b) => b.left < frame.left - 0.5 || b.right > frame.right + 0.5),
      };
    });
    assert.ok(layout.boxes > 4 && !layout.overlaps && !layout.outside, `« Règles et poids »: ${JSON.stringify(layout)}`);
    await screenshot(browser, "74-regles");
  });
});
