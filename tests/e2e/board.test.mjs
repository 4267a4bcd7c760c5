// The pairing board in the real app: suggest, drag students with the pointer (onto a free
// ambassador, onto a full one to swap, back to the list to unpair), the same with the keyboard
// ("Affecter à…"), undo and redo, lock then suggest again, and a restart that shows the same board.
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import { clickOn, createEdition, drag, newProfile, openModal, screenshot, screenshotIfFailed, selectOption, startApp, waitForText } from "./harness.mjs";

async function text(browser, selector) {
  return (await (await browser.$(selector)).getText()).replace(/[\u00a0\u202f]/g, " ");
}

/** The ambassador id a student is with, as the grid shows it (null when unpaired). */
async function ambassadorOf(browser, student) {
  return browser.execute((id) => {
    const chip = document.querySelector(`#board-grid [data-student="${id}"]`);
    return chip ? chip.closest("[data-ambassador]")?.getAttribute("data-ambassador") ?? null : null;
  }, student);
}

/** The name a chip shows ("Prénom NOM"). */
async function nameOf(browser, selector) {
  return (await (await browser.$(`${selector} .binomes-chip__name, ${selector} strong`)).getText()).trim();
}

/** Scrolls a student's chip into view and clicks it (selects the student). */
async function clickChip(browser, student) {
  const selector = `[data-student="${student}"]`;
  await browser.execute((s) => document.querySelector(s).scrollIntoView({ block: "center", behavior: "instant" }), selector);
  await browser.pause(300);
  await clickOn(browser, selector);
}

describe("the pairing board", () => {
  const profile = newProfile();
  let app;
  let browser;
  const click = (selector) => clickOn(browser, selector);
  const status = (expected) => waitForText(browser, "#board-status", expected);

  before(async () => {
    app = await startApp(profile);
    browser = app.browser;
  });
  after(async () => {
    await app?.stop();
  });
  let step = 0;
  afterEach(async (t) => {
    step += 1;
    await screenshotIfFailed(t, browser, `board-step-${step}`);
    // Every step starts with no answer held back, and a step that failed holding a card must not
    // leave the next ones a drag in progress.
    writeFileSync(profile.late, "");
    if (await browser.$("#drag-overlay").isExisting().catch(() => false)) await browser.keys("Escape");
  });

  it("suggests the pairs of the demo edition and shows the board", async () => {
    await click("#open-demo");
    await click("button.fr-tabs__tab*=Binômes");
    await waitForText(browser, "#board-summary", "0 placés");
    await openModal(browser, "#suggest", "#suggest-modal");
    await click("#suggest-confirm");
    await waitForText(browser, "#suggest-summary", "Avant la proposition : 0 placés");
    await waitForText(browser, "#board-summary", "avec leur 1er métier souhaité");
    await waitForText(browser, "#board-status", "Binômes proposés");
    await screenshot(browser, "30-tableau-des-binomes");
  });

  it("pairs an unpaired student by dragging them onto an ambassador with a free place", async () => {
    await selectOption(browser, "#board-filter-status", "free");
    const student = await (await browser.$("#unpaired-list [data-student]")).getAttribute("data-student");
    const row = await browser.$("#board-grid [data-ambassador]");
    const ambassador = await row.getAttribute("data-ambassador");
    const studentName = await nameOf(browser, `#unpaired-list [data-student="${student}"]`);
    const ambassadorName = await nameOf(browser, `#board-grid [data-ambassador="${ambassador}"] .binomes-cell--who`);
    await drag(browser, `#unpaired-list [data-student="${student}"]`, `#board-grid [data-ambassador="${ambassador}"] [role=cell]:last-child`, {
      midway: "31-glisser-deposer",
    });
    // The label comes back from the store once the change is saved.
    await status(`${studentName} avec ${ambassadorName}. Enregistré`);
    assert.equal(await (await browser.$(`#unpaired-list [data-student="${student}"]`)).isExisting(), false);
  });

  it("swaps two students when one is dropped on a full ambassador", async () => {
    await selectOption(browser, "#board-filter-status", "");
    // Two ambassadors hosting exactly their one place.
    // Two ambassadors next to each other, each hosting their one place.
    const full = await browser.execute(() => {
      const rows = [...document.querySelectorAll("#board-grid [data-ambassador]")].sort(
        (r, s) => r.getBoundingClientRect().top - s.getBoundingClientRect().top,
      );
      const isFull = (row) => row.querySelectorAll("[data-student]").length === 1 && /^1\/1$/.test(row.querySelector(".binomes-number")?.textContent ?? "");
      const i = rows.findIndex((row, k) => isFull(row) && rows[k + 1] && isFull(rows[k + 1]));
      return i < 0 ? [] : [rows[i], rows[i + 1]].map((row) => [row.getAttribute("data-ambassador"), row.querySelector("[data-student]").getAttribute("data-student")]);
    });
    assert.equal(full.length, 2, "two full ambassadors side by side");
    const [[x, a], [y, c]] = full;
    await drag(browser, `#board-grid [data-student="${a}"]`, `#board-grid [data-ambassador="${y}"] [role=cell]:last-child`);
    await (await browser.$("#full-modal")).waitForDisplayed({ timeout: 5_000 });
    await screenshot(browser, "32-echanger-ou-remplacer");
    await click(`#full-modal [data-swap="${c}"]`);
    await status("Échange");
    assert.equal(await ambassadorOf(browser, a), y);
    assert.equal(await ambassadorOf(browser, c), x);
  });

  it("unpairs a student dragged back to the list, and undoes and redoes it", async () => {
    const student = await (await browser.$("#board-grid [data-student]")).getAttribute("data-student");
    const ambassador = await ambassadorOf(browser, student);
    const unpaired = async () => Number(/\((\d+)\)/.exec(await text(browser, "#unpaired-title"))[1]);
    const before = await unpaired();
    await drag(browser, `#board-grid [data-student="${student}"]`, "#unpaired-list");
    await status("retiré(e) du binôme");
    assert.equal(await ambassadorOf(browser, student), null);
    assert.equal(await unpaired(), before + 1);

    // Ctrl+Z puts the student back; the button redoes it.
    await (await browser.$("#board-summary")).click();
    await browser.keys(["Control", "z"]);
    await status("Annulé");
    assert.equal(await ambassadorOf(browser, student), ambassador);
    assert.equal(await unpaired(), before);
    await click("#redo");
    await status("Rétabli");
    assert.equal(await ambassadorOf(browser, student), null);
    await click("#undo");
    await status("Annulé");
  });

  it("shows a move at once, and takes it back when the store refuses it", async () => {
    // A pair the organiser rules out (« Écarter ») cannot be made again by hand: the store says no.
    const student = await (await browser.$("#board-grid [data-student]")).getAttribute("data-student");
    const ambassador = await ambassadorOf(browser, student);
    const ambassadorName = await nameOf(browser, `#board-grid [data-ambassador="${ambassador}"] .binomes-cell--who`);
    await clickChip(browser, student);
    await click("#forbid");
    await waitForText(browser, "#board-status", "Enregistré");
    assert.equal(await ambassadorOf(browser, student), null);
    // Chosen again in « Affecter à… », where the list says the pair is ruled out.
    await openModal(browser, "#assign", "#assign-panel");
    await (await browser.$("#assign-search")).setValue(ambassadorName);
    const choice = `#assign-list [data-choice="${ambassador}"]`;
    await waitForText(browser, choice, "paire écartée par l'organisateur");
    await click(choice);
    await status("Impossible : Cette paire est interdite par l'organisateur.");
    // Back where the store has them: without a pair, not on the ambassador.
    assert.equal(await ambassadorOf(browser, student), null);
    await waitForText(browser, "#selected-diagnosis", "Sans binôme.");
    await click("#undo");
    await status("Annulé");
    assert.equal(await ambassadorOf(browser, student), ambassador);
  });

  it("leaves the focus in « Affecter à… »'s search when the list comes late: a space typed there chooses nobody", async () => {
    // The panel puts the focus on the best choice once the student's list is read. Opened at once
    // on a student just selected, the list comes a moment later (read 150 ms after the selection):
    // by then the organiser may be typing in the search field, where a space would press a choice.
    // The list is held back a second (src-tauri/src/late_answers.rs), so that it comes late on a
    // busy machine too.
    writeFileSync(profile.late, "compatibility 1200\n");
    const students = await browser.execute(() =>
      [...document.querySelectorAll("#unpaired-list [data-student]")].slice(0, 2).map((c) => c.getAttribute("data-student")),
    );
    await click(`#unpaired-list [data-student="${students[0]}"]`);
    await (await browser.$("#assign")).waitForDisplayed({ timeout: 5_000 });
    const other = students[1];
    const before = await browser.execute((other) => {
      // The organiser goes to the search field as soon as the panel is open: once it has taken
      // the focus itself, its list not read yet.
      const toSearch = () => {
        if (document.activeElement?.id !== "assign-panel") return requestAnimationFrame(toSearch);
        window.__binomesListThen = document.querySelectorAll("#assign-list [data-choice]").length;
        document.getElementById("assign-search").focus();
      };
      document.querySelector(`#unpaired-list [data-student="${other}"]`).click();
      document.getElementById("assign").click();
      requestAnimationFrame(toSearch);
      return document.querySelectorAll("#assign-list [data-choice]").length;
    }, other);
    assert.equal(before, 0, "the list is not read yet");
    await (await browser.$("#assign-panel")).waitForDisplayed({ timeout: 5_000 });
    await browser.waitUntil(async () => (await browser.$$("#assign-list [data-choice]")).length > 0, { timeout: 10_000 });
    assert.equal(await browser.execute(() => window.__binomesListThen), 0, "in the search field before the list was read");
    await browser.keys(["d", "e", " ", "l"]);
    assert.equal(await browser.execute(() => document.activeElement?.id), "assign-search");
    assert.equal(await (await browser.$("#assign-search")).getValue(), "de l");
    // A panel beside the board, not a modal dialog: the page is left as it is, nothing inert.
    assert.equal(await browser.execute(() => document.querySelectorAll("[inert]").length), 0);
    assert.ok(await (await browser.$(`#unpaired-list [data-student="${other}"]`)).isExisting(), "still without a pair");
    // Escape closes it, from the search field too, and gives the focus back to « Affecter à… ».
    await browser.keys("Escape");
    await (await browser.$("#assign-panel")).waitForDisplayed({ reverse: true, timeout: 5_000 });
    assert.equal(await browser.execute(() => document.activeElement?.id), "assign");
    // Opened again, its search is empty; a click elsewhere on the page closes it, and so does
    // « Fermer ».
    await browser.keys("Enter");
    await (await browser.$("#assign-panel")).waitForDisplayed({ timeout: 5_000 });
    assert.equal(await (await browser.$("#assign-search")).getValue(), "");
    await click("#selection-title");
    await (await browser.$("#assign-panel")).waitForDisplayed({ reverse: true, timeout: 5_000 });
    await click("#assign");
    await (await browser.$("#assign-panel")).waitForDisplayed({ timeout: 5_000 });
    await click("#assign-close");
    await (await browser.$("#assign-panel")).waitForDisplayed({ reverse: true, timeout: 5_000 });
    // The focus taken out of it (as Tab past its end does) closes it too.
    await click("#assign");
    await browser.waitUntil(() => browser.execute(() => !!document.activeElement?.closest("#assign-panel")), { timeout: 5_000 });
    await browser.execute(() => document.getElementById("why").focus());
    await (await browser.$("#assign-panel")).waitForDisplayed({ reverse: true, timeout: 5_000 });
  });

  it("pairs a student with the keyboard: Enter selects, « Affecter à… » lists ambassadors by score", async () => {
    // Those left without a pair by the suggestion are often those the rules allow with nobody:
    // the first whose list has an allowed ambassador (with points) is taken.
    const candidates = await browser.execute(() =>
      [...document.querySelectorAll("#unpaired-list [data-student]")].slice(0, 8).map((c) => c.getAttribute("data-student")),
    );
    let found = false;
    for (const student of candidates) {
      await browser.execute((id) => document.querySelector(`#unpaired-list [data-student="${id}"]`).focus(), student);
      await browser.keys("Enter");
      await (await browser.$("#selection")).waitForDisplayed({ timeout: 5_000 });
      await waitForText(browser, "#selected-diagnosis", "Sans binôme.");
      await browser.execute(() => document.querySelector("#assign").focus());
      await browser.keys("Enter");
      await (await browser.$("#assign-panel")).waitForDisplayed({ timeout: 5_000 });
      await waitForText(browser, "#assign-list", "ambassadeur");
      await browser.waitUntil(async () => (await browser.$$("#assign-list [data-choice]")).length > 0, { timeout: 10_000 });
      found = await browser.execute(() => /\d+ pts/.test(document.querySelector("#assign-list")?.textContent ?? ""));
      if (found) break;
      await browser.keys("Escape");
      await (await browser.$("#assign-panel")).waitForDisplayed({ reverse: true, timeout: 5_000 });
    }
    assert.ok(found, "an unpaired student with an allowed ambassador");
    await screenshot(browser, "33-affecter-au-clavier");
    // The first ambassador with a free place, chosen from the keyboard.
    const choice = await browser.execute(() => {
      const free = [...document.querySelectorAll("#assign-list [data-choice]")].find((b) => /\d place\(s\)/.test(b.textContent ?? ""));
      free?.focus();
      return free ? free.querySelector("strong").textContent : null;
    });
    assert.ok(choice, "an ambassador with a free place");
    await browser.keys("Enter");
    await status("Enregistré");
    await waitForText(browser, "#board-status", ` avec ${choice}`);
    await waitForText(browser, "#selected-pair", `Avec ${choice}`);
  });

  it("drags with the keyboard alone: Space picks a student up, arrows move, Space drops", async () => {
    await selectOption(browser, "#board-filter-status", "free");
    await browser.pause(300);
    const target = await browser.execute(() => {
      // The first student, the side panel and their list at their top: the arrows then move
      // the card, not those lists (dnd-kit scrolls the card's scrolling ancestors first).
      document.querySelector(".binomes-board__side").scrollTop = 0;
      document.querySelector(".binomes-unpaired__scroll").scrollTop = 0;
      const chip = document.querySelector('#unpaired-list [data-index="0"] [data-student]');
      const row = document.querySelector("#board-grid [data-ambassador] [role=cell]:last-child");
      row.scrollIntoView({ block: "center", behavior: "instant" });
      return {
        student: chip.getAttribute("data-student"),
        studentName: chip.querySelector(".binomes-chip__name").textContent.trim(),
        ambassadorName: row.closest("[data-ambassador]").querySelector(".binomes-cell--who strong").textContent.trim(),
      };
    });
    await browser.execute((id) => document.querySelector(`#unpaired-list [data-student="${id}"]`).focus(), target.student);
    await browser.keys(" ");
    // Arrows towards the row, as a person watching the card would: dnd-kit glides the card 25 px
    // per press (a 250 ms transition), or scrolls the side list or the window instead (smoothly)
    // once the card passes their middle, and first scrolls a card not wholly in view into it. So
    // the card and the page are let come to rest before each look, and the drop is made when the
    // row shows the card is over it — not by its middle: the row grows under the card to show
    // what the drop would do, so its middle moves away as the card comes in.
    await (await browser.$("#drag-overlay")).waitForDisplayed({ timeout: 5_000 });
    let pressed = 0;
    for (;;) {
      const way = await browser.executeAsync((name, done) => {
        const side = document.querySelector(".binomes-board__side");
        const list = document.querySelector(".binomes-unpaired__scroll");
        const still = () => {
          const a = document.getElementById("drag-overlay").getBoundingClientRect();
          return [a.left, a.top, window.scrollY, side.scrollTop, list.scrollTop].join();
        };
        let last = still();
        let frames = 0;
        const until = performance.now() + 3_000;
        const look = () => {
          const now = still();
          frames = now === last ? frames + 1 : 0;
          last = now;
          if (frames < 5 && performance.now() < until) {
            requestAnimationFrame(look);
            return;
          }
          const row = [...document.querySelectorAll("#board-grid [data-ambassador]")].find(
            (r) => r.querySelector(".binomes-cell--who strong").textContent.trim() === name,
          );
          const a = document.getElementById("drag-overlay").getBoundingClientRect();
          const b = row.querySelector("[role=cell]:last-child").getBoundingClientRect();
          done({ over: row.classList.contains("binomes-row--over"), dx: b.left + 40 - a.left, dy: b.top + b.height / 2 - (a.top + a.height / 2) });
        };
        requestAnimationFrame(look);
      }, target.ambassadorName);
      if (way.over) break;
      assert.ok(pressed < 80, `the card never reached the row: ${JSON.stringify(way)}`);
      await browser.keys(Math.abs(way.dx) >= 25 ? (way.dx < 0 ? "ArrowLeft" : "ArrowRight") : way.dy < 0 ? "ArrowUp" : "ArrowDown");
      pressed += 1;
    }
    await browser.keys(" ");
    // The focus follows the student to where they were dropped — or, their new row now full and
    // hidden by the « free place » filter, goes to the next student without a pair: never left
    // on the page.
    await browser.waitUntil(
      () =>
        browser.execute(
          (id) => document.activeElement?.getAttribute("data-student") === id || !!document.activeElement?.closest("#unpaired-list [data-student]"),
          target.student,
        ),
      { timeout: 5_000, timeoutMsg: "the focus did not follow the dropped student" },
    );
    // The label comes back from the store once the change is saved (the row, now full, may
    // have left the "free place" filter).
    await status(`${target.studentName} avec ${target.ambassadorName}. Enregistré`);
    await selectOption(browser, "#board-filter-status", "");
  });

  it("keeps a locked pair when the suggestion runs again", async () => {
    const student = await (await browser.$("#board-grid [data-student]")).getAttribute("data-student");
    const ambassador = await ambassadorOf(browser, student);
    await clickChip(browser, student);
    await click('label[for="selected-lock"]');
    await status("verrouillé");
    await openModal(browser, "#suggest", "#suggest-modal");
    await click("#suggest-confirm");
    await waitForText(browser, "#board-status", "Binômes proposés");
    assert.equal(await ambassadorOf(browser, student), ambassador);
    await click("#show-history");
    await waitForText(browser, "#history-table", "Proposition des binômes");
    await waitForText(browser, "#history-table", "verrouillé");
    await screenshot(browser, "34-historique");
    await click("#history-modal .fr-btn--close");
  });

  it("shows the same board after a restart, and can still undo", async () => {
    const before = await text(browser, "#board-summary");
    const undoBefore = await (await browser.$("#undo")).getAttribute("title");
    await browser.execute(() => window.scrollTo(0, 0));
    await browser.pause(300);
    const pairs = await browser.execute(() =>
      [...document.querySelectorAll("#board-grid [data-student]")].slice(0, 10).map((c) => [c.getAttribute("data-student"), c.closest("[data-ambassador]").getAttribute("data-ambassador")]),
    );
    await app.stop();
    app = await startApp(profile);
    browser = app.browser;
    // The edition open when the window closed is open again (#18), without the list between.
    await waitForText(browser, "#edition-title", "Édition de démonstration");
    assert.equal(await (await browser.$("#create-edition")).isExisting(), false);
    await clickOn(browser, "button.fr-tabs__tab*=Binômes");
    await waitForText(browser, "#board-summary", "placés");
    assert.equal(await text(browser, "#board-summary"), before);
    await browser.pause(300);
    for (const [student, ambassador] of pairs) assert.equal(await ambassadorOf(browser, student), ambassador);
    assert.equal(await (await browser.$("#undo")).getAttribute("title"), undoBefore);
    assert.match(undoBefore, /^Annuler : /);
  });

  it("shows the season at a glance: where ambassadors are missing, and the wishes met", async () => {
    await click("button.fr-tabs__tab*=Tableau de bord");
    // Demand counts the students in a retained state (« accepté »); the others are told apart.
    await waitForText(browser, "#season-headline", "193 étudiants");
    await waitForText(browser, "#season-excluded", "hors des états retenus : 47");
    await waitForText(browser, "#season-gaps", " demande");
    await waitForText(browser, "#season-jobs", "Data scientist");
    await waitForText(browser, "#season-regions", "Île-de-France");
    await waitForText(browser, "#season-satisfaction", "Métier de leur 1er vœu");
    await browser.execute(() => document.querySelector("#season-gaps").scrollIntoView({ block: "start", behavior: "instant" }));
    await screenshot(browser, "35-tableau-de-bord");
    // The map: every département drawn, those with students coloured, the table beside it.
    await waitForText(browser, "#season-departements", "Finistère");
    const drawn = await browser.execute(() => {
      const paths = [...document.querySelectorAll("#season-map svg path")];
      return { all: paths.length, coloured: paths.filter((p) => p.getAttribute("fill") !== "#e5e5e5").length };
    });
    assert.ok(drawn.all >= 101, `${drawn.all} départements drawn`);
    assert.ok(drawn.coloured > 10, `${drawn.coloured} départements coloured`);
    await (await browser.$("#season-map-metric")).selectByAttribute("value", "demand");
    await browser.execute(() => document.querySelector("#season-map").scrollIntoView({ block: "start", behavior: "instant" }));
    await screenshot(browser, "35b-carte-des-departements");
    // Memorise, then compare: the table of the two states appears. (The web view's storage is
    // shared by every run on this machine: what older builds left there is cleared first.)
    await browser.execute(() => Object.keys(window.localStorage).filter((k) => k.startsWith("binomes.")).forEach((k) => window.localStorage.removeItem(k)));
    await click("#season-remember");
    await waitForText(browser, "#season-compare-runs", "Étudiants placés");
    // Kept with the edition in the database (#18), not in the web view's storage: read back
    // when the dashboard is shown again.
    assert.deepEqual(await browser.execute(() => Object.keys(window.localStorage).filter((k) => k.startsWith("binomes."))), []);
    await click("button.fr-tabs__tab*=Binômes");
    await click("button.fr-tabs__tab*=Tableau de bord");
    await waitForText(browser, "#season-compare-runs", "Mémorisé le");
  });

  it("compares the season with another edition, and shows no comparison once none is chosen, however late the figures come", async () => {
    // Another edition to compare with, made on the home page.
    await click(".fr-breadcrumb__list li:first-child .fr-breadcrumb__link");
    await createEdition(browser, "Vis mon job 2025");
    await click(".fr-breadcrumb__list li:first-child .fr-breadcrumb__link");
    await waitForText(browser, "#editions-table", "fictive");
    const demo = await browser.execute(
      () => [...document.querySelectorAll("#editions-table tr[data-edition-name]")].find((tr) => tr.textContent.includes("fictive"))?.getAttribute("data-edition-name"),
    );
    await click(`tr[data-edition-name="${demo}"] [data-action="open"]`);
    await waitForText(browser, "#edition-title", "démonstration");
    await click("button.fr-tabs__tab*=Tableau de bord");
    await waitForText(browser, "#season-headline", "193 étudiants");
    const other = await browser.execute(
      () => [...document.querySelectorAll("#season-other-edition option")].find((o) => o.textContent === "Vis mon job 2025")?.value ?? null,
    );
    assert.ok(other, "the other edition offered");
    await selectOption(browser, "#season-other-edition", other);
    await waitForText(browser, "#season-compare-editions", "Vis mon job 2025 et cette édition");
    // Chosen again, then unchosen before its figures come (src-tauri/src/late_answers.rs): no
    // comparison is left on screen once they have come.
    await selectOption(browser, "#season-other-edition", "");
    writeFileSync(profile.late, "season_overview 1500\n");
    try {
      await selectOption(browser, "#season-other-edition", other);
      await selectOption(browser, "#season-other-edition", "");
      await browser.pause(2500);
    } finally {
      writeFileSync(profile.late, "");
    }
    assert.equal(await (await browser.$("#season-compare-editions")).isExisting(), false, "no comparison with no edition chosen");
    await click("button.fr-tabs__tab*=Binômes");
    await waitForText(browser, "#board-summary", "placés");
  });

  it("handles a late withdrawal: the pair is undone and a replacement is one click away", async () => {
    await click("button.fr-tabs__tab*=Binômes");
    await waitForText(browser, "#board-summary", "placés");
    // Students whose ambassador someone without a pair could replace; the first tried that has one.
    const students = await browser.execute(() =>
      [...document.querySelectorAll("#board-grid [data-student]")].slice(0, 6).map((c) => c.getAttribute("data-student")),
    );
    let replaced = false;
    for (const student of students) {
      const ambassador = await ambassadorOf(browser, student);
      await clickChip(browser, student);
      await click("#withdraw");
      await (await browser.$("#withdraw-reason")).setValue("malade");
      await click("#withdraw-confirm");
      await status("Retrait de");
      await waitForText(browser, "#board-summary", "Retraits : 1");
      await browser.waitUntil(async () => !(await text(browser, "#replacements")).includes("Recherche"), { timeout: 10_000 });
      const candidate = await browser.$("#candidates [data-candidate]");
      if (await candidate.isExisting()) {
        const id = await candidate.getAttribute("data-candidate");
        await screenshot(browser, "36-retrait-remplacant");
        await click(`#candidates [data-candidate="${id}"]`);
        await status("Enregistré");
        assert.equal(await ambassadorOf(browser, id), ambassador);
        // The drafts of the new pair only, for the two people to be told.
        const folder = path.join(profile.root, "messages-remplacement");
        mkdirSync(folder);
        writeFileSync(profile.answers, `${folder}\n`);
        await clickChip(browser, id);
        await click("#write-pair-messages");
        await status("pour ce binôme");
        // In the wave's own folder inside the one chosen.
        const drafts = readdirSync(folder, { recursive: true }).filter((f) => f.endsWith(".eml"));
        assert.ok(drafts.length >= 1 && drafts.length <= 2, `${drafts.length} drafts for one pair`);
        replaced = true;
        break;
      }
      // No one could take that place: undo the withdrawal and try another student.
      await click("#undo");
      await status("Annulé");
      await waitForText(browser, "#board-summary", "placés");
    }
    assert.ok(replaced, "a withdrawal with a replacement among the first students");

    // An ambassador withdraws: their students are freed, the first one selected with its alternates.
    const row = await browser.execute(() => {
      const hosting = [...document.querySelectorAll("#board-grid [data-ambassador]")].find((r) => r.querySelector("[data-student]"));
      return hosting?.getAttribute("data-ambassador") ?? null;
    });
    assert.ok(row, "an ambassador with a student in view");
    await click(`[data-withdraw-ambassador="${row}"]`);
    await (await browser.$("#withdraw-modal")).waitForDisplayed({ timeout: 5_000 });
    await click("#withdraw-ambassador-confirm");
    await status("Retrait de");
    await waitForText(browser, "#board-summary", "1 ambassadeur(s)");
    await (await browser.$("#selection")).waitForDisplayed({ timeout: 5_000 });
    await waitForText(browser, "#selected-diagnosis", "Sans binôme.");
    assert.equal(await (await browser.$(`#board-grid [data-ambassador="${row}"]`)).isExisting(), false, "out of the grid");
    await click("#show-history");
    await waitForText(browser, "#history-table", "Retrait de");
    await click("#history-modal .fr-btn--close");
  });

  it("keeps a move made while the board is read again after a withdrawal, however late the read answers", async () => {
    // After a withdrawal the whole board is read again: on a large edition that takes a while.
    // A student taken out of their pair meanwhile must stay out — the read, started before the
    // move, must not bring the board back as it was (src-tauri/src/late_answers.rs slows it).
    const [withdrawn, moved] = await browser.execute(() =>
      [...document.querySelectorAll("#board-grid [data-student]")].slice(0, 2).map((c) => c.getAttribute("data-student")),
    );
    assert.ok(moved, "two paired students in view");
    const students = async () => Number(/Retraits : (\d+) étudiant/.exec(await text(browser, "#board-summary"))[1]);
    const before = await students();
    writeFileSync(profile.late, "load_board 2500\n");
    try {
      await clickChip(browser, withdrawn);
      await click("#withdraw");
      await (await browser.$("#withdraw-reason")).setValue("déménagement");
      await click("#withdraw-confirm");
      await status("Retrait de");
      assert.equal(await students(), before, "the board read again has not answered yet");
      await clickChip(browser, moved);
      await click("#unpair");
      assert.equal(await ambassadorOf(browser, moved), null, "the move shown at once");
      // The read has answered (the withdrawal is counted), and the move is saved.
      await waitForText(browser, "#board-summary", `Retraits : ${before + 1} étudiant`, 10_000);
      await status("retiré(e) du binôme");
      await browser.pause(500);
      assert.equal(await ambassadorOf(browser, moved), null, "still without a pair once everything has answered");
      // Still selected: the panel says so too.
      await waitForText(browser, "#selected-diagnosis", "Sans binôme.");
    } finally {
      writeFileSync(profile.late, "");
    }
    // As the store has it: the board read again shows the same.
    await click("button.fr-tabs__tab*=Étudiants");
    await click("button.fr-tabs__tab*=Binômes");
    await waitForText(browser, "#board-summary", `Retraits : ${before + 1} étudiant`);
    assert.equal(await ambassadorOf(browser, moved), null);
  });
});
