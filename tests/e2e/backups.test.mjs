// A damaged database in the real app: the home screen says so and offers the backups; restoring
// the last one brings the editions back, and the damaged file is kept aside.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import { clickOn, newProfile, openModal, screenshot, startApp, waitForText } from "./harness.mjs";

describe("backups", () => {
  const profile = newProfile();
  let app;
  after(async () => {
    await app?.stop();
  });

  it("offers the backups when the database is damaged, and restores the last one", async () => {
    app = await startApp(profile);
    let browser = app.browser;
    await clickOn(browser, "#open-demo");
    await clickOn(browser, "button.fr-tabs__tab*=Binômes");
    await openModal(browser, "#suggest", "#suggest-modal");
    await clickOn(browser, "#suggest-confirm");
    await waitForText(browser, "#board-status", "Binômes proposés");
    await app.stop();
    app = null;

    // Its first page overwritten and its journal gone, as a failing disk or a bad copy leaves it.
    const db = path.join(profile.dataDir, "binomes.sqlite3");
    const bytes = readFileSync(db);
    for (let i = 0; i < Math.min(4096, bytes.length); i++) bytes[i] = (i * 7) % 251;
    writeFileSync(db, bytes);
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });

    app = await startApp(profile);
    browser = app.browser;
    await waitForText(browser, "[role=alert]", "endommagée");
    await waitForText(browser, "#backups-table", "avant une proposition de binômes");
    await screenshot(browser, "40-base-endommagee");
    await clickOn(browser, '#backups-table tbody tr:first-child [data-action="restore"]');
    await clickOn(browser, '#backups-table tbody tr:first-child [data-action="confirm-restore"]');
    await waitForText(browser, "#home-status", "Sauvegarde restaurée");
    await waitForText(browser, "#home-status", "gardée à part");
    await waitForText(browser, "main", "Édition de démonstration");
    const aside = readdirSync(profile.dataDir).filter((f) => f.startsWith("binomes-avant-restauration-") && f.endsWith(".sqlite3"));
    assert.equal(aside.length, 1, "the damaged database is kept aside");
    assert.deepEqual(readFileSync(path.join(profile.dataDir, aside[0])), bytes);
  });
});
