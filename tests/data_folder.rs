//! The data folder: on Windows, data an earlier build kept in the roaming application folder
//! (copied to a server by roaming profiles) moves, whole, to the local one at start.

use std::path::Path;

use binome::store::{adopt_data_folder, DataFolder, DATABASE_FILE_NAME};
use binome::Store;

/// A data folder as the app leaves it: a database with the demo edition, its backups.
fn used_folder(dir: &Path) -> usize {
    let mut store = Store::open(&dir.join(DATABASE_FILE_NAME)).unwrap();
    binome::actions::demo::open_demo_edition(&mut store).unwrap();
    store.backup("avant-import").unwrap();
    store.list_editions().unwrap().len()
}

#[test]
fn a_roaming_data_folder_moves_whole_to_the_local_one_once() {
    let home = tempfile::tempdir().unwrap();
    // Paths as on Windows, with spaces, accents and a non-Latin user name.
    let roaming = home
        .path()
        .join("Roaming Été 山田")
        .join("fr.gouv.numerique.binomes");
    let local = home
        .path()
        .join("Local Été 山田")
        .join("fr.gouv.numerique.binomes");
    std::fs::create_dir_all(&roaming).unwrap();
    let editions = used_folder(&roaming);
    let backups = binome::store::list_backups(&roaming).len();
    assert!(backups > 0);

    let chosen = adopt_data_folder(&roaming, &local).unwrap();
    assert!(matches!(chosen, DataFolder::Moved { .. }), "{chosen:?}");
    assert_eq!(chosen.path(), local);
    assert!(
        !roaming.join(DATABASE_FILE_NAME).exists(),
        "no personal data left roaming"
    );
    let store = Store::open(&local.join(DATABASE_FILE_NAME)).unwrap();
    assert_eq!(store.list_editions().unwrap().len(), editions);
    assert_eq!(binome::store::list_backups(&local).len(), backups);
    drop(store);

    // Next start: nothing to move.
    assert_eq!(
        adopt_data_folder(&roaming, &local).unwrap(),
        DataFolder::Local(local.clone())
    );
}

#[test]
fn two_databases_are_never_merged_or_overwritten() {
    let home = tempfile::tempdir().unwrap();
    let roaming = home.path().join("roaming");
    let local = home.path().join("local");
    std::fs::create_dir_all(&roaming).unwrap();
    std::fs::create_dir_all(&local).unwrap();
    used_folder(&roaming);
    used_folder(&local);
    let before = std::fs::read(roaming.join(DATABASE_FILE_NAME)).unwrap();
    let chosen = adopt_data_folder(&roaming, &local).unwrap();
    assert!(matches!(chosen, DataFolder::BothKept { .. }), "{chosen:?}");
    assert_eq!(chosen.path(), local);
    assert_eq!(
        std::fs::read(roaming.join(DATABASE_FILE_NAME)).unwrap(),
        before
    );
}

#[test]
fn where_roaming_and_local_are_one_folder_nothing_moves() {
    // Linux and macOS: Tauri's two folders are the same.
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("binomes");
    std::fs::create_dir_all(&folder).unwrap();
    used_folder(&folder);
    assert_eq!(
        adopt_data_folder(&folder, &folder).unwrap(),
        DataFolder::Local(folder.clone())
    );
    assert!(folder.join(DATABASE_FILE_NAME).exists());
}

#[test]
fn the_organiser_is_told_what_was_done_and_a_failed_move_loses_nothing() {
    use binome::actions::database::choose_data_folder;
    let home = tempfile::tempdir().unwrap();
    let roaming = home.path().join("roaming");
    std::fs::create_dir_all(&roaming).unwrap();
    used_folder(&roaming);
    // The local folder cannot be made (a file has its name): the data stays where it is.
    let blocked = home.path().join("local");
    std::fs::write(&blocked, "pas un dossier").unwrap();
    let chosen = choose_data_folder(&roaming, &blocked);
    assert_eq!(chosen.path, roaming);
    assert!(chosen
        .notice
        .unwrap()
        .contains("n'ont pas pu être déplacées"));
    assert!(roaming.join(DATABASE_FILE_NAME).exists());

    let local = home.path().join("local-ok");
    let chosen = choose_data_folder(&roaming, &local);
    assert_eq!(chosen.path, local);
    assert!(chosen.notice.unwrap().contains("ont été déplacées"));
    assert_eq!(
        choose_data_folder(&roaming, &local).notice,
        None,
        "told once"
    );
}
