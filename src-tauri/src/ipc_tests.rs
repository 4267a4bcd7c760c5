//! The commands through the real IPC layer (Tauri's mock runtime): arguments as the UI sends
//! them, answers and errors as the UI receives them. The store is a real SQLite file.

use serde_json::{json, Value};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindowBuilder;

use crate::{build, AppState};

struct Harness {
    _dir: tempfile::TempDir,
    window: tauri::WebviewWindow<tauri::test::MockRuntime>,
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let app = build(
        mock_builder(),
        AppState::new(Some(dir.path().to_path_buf())),
    )
    .build(mock_context(noop_assets()))
    .unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Harness { _dir: dir, window }
}

impl Harness {
    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.window,
            InvokeRequest {
                cmd: cmd.into(),
                callback: tauri::ipc::CallbackFn(0),
                error: tauri::ipc::CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: tauri::ipc::InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|body| body.deserialize::<Value>().unwrap())
    }
}

#[test]
fn editions_round_trip_through_ipc_in_camel_case() {
    let h = harness();
    let created = h
        .invoke(
            "create_edition",
            json!({ "edition": { "name": "Vis mon job 2026", "eventDate": "2026-11-24" } }),
        )
        .unwrap();
    assert_eq!(created["name"], "Vis mon job 2026");
    assert_eq!(created["eventDate"], "2026-11-24");
    let id = created["id"].as_i64().unwrap();

    let listed = h.invoke("list_editions", json!({})).unwrap();
    assert_eq!(listed[0]["edition"]["id"], id);
    assert_eq!(listed[0]["students"], 0);

    h.invoke(
        "update_edition",
        json!({ "id": id, "edition": { "name": "Vis mon job 2026 bis", "eventDate": null } }),
    )
    .unwrap();
    let one = h.invoke("get_edition", json!({ "id": id })).unwrap();
    assert_eq!(one["edition"]["name"], "Vis mon job 2026 bis");
    assert_eq!(one["edition"]["eventDate"], Value::Null);

    // The native confirmation, answered: deleting is confirmed by the shell, not the window.
    let answers = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(answers.path(), "oui\n").unwrap();
    std::env::set_var(crate::dialog::ANSWERS_ENV, answers.path());
    let deleted = h.invoke("delete_edition", json!({ "id": id }));
    std::env::remove_var(crate::dialog::ANSWERS_ENV);
    deleted.unwrap();
    assert_eq!(h.invoke("list_editions", json!({})).unwrap(), json!([]));
}

#[test]
fn errors_reach_the_ui_tagged_and_in_french() {
    let h = harness();
    h.invoke(
        "create_edition",
        json!({ "edition": { "name": "2026", "eventDate": null } }),
    )
    .unwrap();
    let taken = h
        .invoke(
            "create_edition",
            json!({ "edition": { "name": "2026", "eventDate": null } }),
        )
        .unwrap_err();
    assert_eq!(
        taken,
        json!({ "kind": "conflict", "message": "Une édition s'appelle déjà « 2026 »." })
    );

    let bad_date = h
        .invoke(
            "create_edition",
            json!({ "edition": { "name": "2027", "eventDate": "24/11/2027" } }),
        )
        .unwrap_err();
    assert_eq!(bad_date["kind"], "invalid");
    assert!(bad_date["message"]
        .as_str()
        .unwrap()
        .contains("n'est pas une date valide"));

    let missing = h.invoke("get_edition", json!({ "id": 999 })).unwrap_err();
    assert_eq!(missing["kind"], "notFound");
    assert_eq!(
        missing["message"],
        "L'édition n° 999 n'existe pas (ou plus)."
    );
}

#[test]
fn the_demo_edition_opens_with_its_people_and_app_info_names_the_data_folder() {
    let h = harness();
    let demo = h.invoke("open_demo_edition", json!({})).unwrap();
    assert_eq!(demo["isDemo"], true);
    let id = demo["id"].as_i64().unwrap();
    let students = h.invoke("list_students", json!({ "edition": id })).unwrap();
    assert_eq!(students.as_array().unwrap().len(), 240);
    assert!(students[0]["identity"]["lastName"].is_string());
    assert_eq!(students[0]["wishedJobs"].as_array().unwrap().len(), 3);
    let ambassadors = h
        .invoke("list_ambassadors", json!({ "edition": id }))
        .unwrap();
    assert_eq!(ambassadors.as_array().unwrap().len(), 180);

    let info = h.invoke("app_info", json!({})).unwrap();
    assert!(info["databasePath"]
        .as_str()
        .unwrap()
        .ends_with("binomes.sqlite3"));
    assert_eq!(info["schemaVersion"], binome::store::SCHEMA_VERSION);
}

#[test]
fn the_window_reads_only_files_the_organiser_chose_or_dropped() {
    use tauri::Manager;
    let h = harness();
    let edition = h
        .invoke(
            "create_edition",
            json!({ "edition": { "name": "2026", "eventDate": null } }),
        )
        .unwrap()["id"]
        .clone();
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../assets/samples/etudiants-excel-windows.csv");
    let ask = |h: &Harness| {
        h.invoke(
            "preview_import",
            json!({ "edition": edition, "role": "student", "path": sample.display().to_string(), "sheet": null }),
        )
    };
    // A path the page sends on its own: refused, nothing read.
    let refused = ask(&h).unwrap_err();
    assert_eq!(refused["kind"], "invalid");
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("n'a pas été choisi"),
        "{refused}"
    );
    // Once chosen (the dialog) or dropped on the window, it is read.
    h.window
        .app_handle()
        .state::<AppState>()
        .allow_files([sample.clone()]);
    let report = ask(&h).unwrap();
    assert!(report["rows_read"].as_u64().unwrap() > 200, "{report}");
}

#[test]
fn messages_owed_planned_queued_and_logged_with_the_arguments_the_ui_sends() {
    let h = harness();
    let demo = h.invoke("open_demo_edition", json!({})).unwrap();
    let edition = demo["id"].as_i64().unwrap();
    h.invoke("suggest_pairs", json!({ "edition": edition }))
        .unwrap();
    let owed = h
        .invoke("to_notify", json!({ "edition": edition, "finals": false }))
        .unwrap();
    let first = owed
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["role"] == "student" && o["email"].is_string())
        .unwrap()
        .clone();
    assert_eq!(first["kind"], "newPair");
    // The audience as ui/src/notify.ts builds it: a tagged object, people as [role, id].
    let audience =
        json!({ "type": "owed", "people": [["student", first["person"]]], "finals": false });
    let plan = h
        .invoke(
            "plan_wave",
            json!({ "edition": edition, "audience": audience }),
        )
        .unwrap();
    assert_eq!(plan["messages"].as_array().unwrap().len(), 1);
    assert!(plan["messages"][0]["body"]
        .as_str()
        .unwrap()
        .contains("L311-3-1"));
    let queued = h
        .invoke(
            "queue_wave",
            json!({ "edition": edition, "audience": audience }),
        )
        .unwrap();
    assert_eq!(queued["queued"], 1);
    let log = h
        .invoke(
            "notification_log",
            json!({ "edition": edition, "person": ["student", first["person"]] }),
        )
        .unwrap();
    assert_eq!(log[0]["notification"]["delivery"], "queued");
    assert_eq!(log[0]["state"], "en attente d'envoi");
    assert_eq!(
        h.invoke("unfinished_waves", json!({ "edition": edition }))
            .unwrap(),
        json!([queued["wave"]])
    );
    let preview = h
        .invoke(
            "preview_kind",
            json!({ "edition": edition, "kind": "noPair" }),
        )
        .unwrap();
    assert!(!preview.as_array().unwrap().is_empty());

    // The SMTP settings round trip; sending with no server says what to do, in French.
    let smtp = h
        .invoke("get_smtp_settings", json!({ "edition": edition }))
        .unwrap();
    assert_eq!(smtp["settings"]["port"], 587);
    assert_eq!(smtp["settings"]["security"], "startTls");
    let mut settings = smtp["settings"].clone();
    settings["perMinute"] = json!(30);
    h.invoke(
        "set_smtp_settings",
        json!({ "edition": edition, "settings": settings }),
    )
    .unwrap();
    let again = h
        .invoke("get_smtp_settings", json!({ "edition": edition }))
        .unwrap();
    assert_eq!(again["settings"]["perMinute"], 30);
    let refused = h
        .invoke(
            "send_wave",
            json!({ "edition": edition, "wave": queued["wave"] }),
        )
        .unwrap_err();
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("Aucun serveur d'envoi n'est configuré"),
        "{refused}"
    );
    // Pause and cancel with nothing under way change nothing.
    h.invoke("pause_sending", json!({ "paused": true }))
        .unwrap();
    h.invoke("cancel_sending", json!({})).unwrap();
}

#[test]
fn the_edition_left_open_and_the_memorised_figures_go_through_ipc_as_the_ui_sends_them() {
    let h = harness();
    assert_eq!(h.invoke("opened_edition", json!({})).unwrap(), Value::Null);
    let created = h
        .invoke(
            "create_edition",
            json!({ "edition": { "name": "Vis mon job 2026", "eventDate": null } }),
        )
        .unwrap();
    let id = created["id"].as_i64().unwrap();
    h.invoke("set_opened_edition", json!({ "edition": id }))
        .unwrap();
    assert_eq!(h.invoke("opened_edition", json!({})).unwrap(), json!(id));
    h.invoke("set_opened_edition", json!({ "edition": null }))
        .unwrap();
    assert_eq!(h.invoke("opened_edition", json!({})).unwrap(), Value::Null);

    assert_eq!(
        h.invoke("remembered_figures", json!({ "edition": id }))
            .unwrap(),
        Value::Null
    );
    let kept = h
        .invoke("remember_figures", json!({ "edition": id }))
        .unwrap();
    assert_eq!(kept["students"], 0);
    assert!(kept["satisfaction"]["wish"].is_array(), "{kept}");
    assert!(kept["at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        h.invoke("remembered_figures", json!({ "edition": id }))
            .unwrap(),
        kept
    );
}

#[test]
fn the_follow_up_by_date_and_the_why_document_go_through_ipc_as_the_ui_sends_them() {
    let h = harness();
    let demo = h.invoke("open_demo_edition", json!({})).unwrap();
    let edition = demo["id"].as_i64().unwrap();
    h.invoke("suggest_pairs", json!({ "edition": edition }))
        .unwrap();
    let board = h
        .invoke("load_board", json!({ "edition": edition }))
        .unwrap();
    let pair = &board["pairs"][0]["pair"];
    let (id, student, ambassador) = (
        pair["id"].as_i64().unwrap(),
        pair["studentId"].as_i64().unwrap(),
        pair["ambassadorId"].as_i64().unwrap(),
    );
    // A follow-up status and an agreed date, as the selection panel sends them.
    let changed = h
        .invoke(
            "edit_pairs",
            json!({ "edition": edition, "pairs": [id], "edit": { "status": "confirmed", "agreedDate": "2026-11-26" } }),
        )
        .unwrap();
    assert_eq!(changed["pairs"][0]["pair"]["status"], "confirmed");
    let view = h
        .invoke("pairs_by_date", json!({ "edition": edition }))
        .unwrap();
    assert_eq!(view["days"][0]["date"], "2026-11-26");
    assert_eq!(view["days"][0]["label"], "jeudi 26 novembre 2026");
    assert_eq!(view["days"][0]["pairs"][0]["pair"], id);
    assert_eq!(view["days"][0]["pairs"][0]["statusLabel"], "confirmé");
    assert!(!view["undated"].as_array().unwrap().is_empty());

    // « Pourquoi ? » for the ambassador, shown then saved where the organiser chose.
    let document = h
        .invoke(
            "why_document",
            json!({ "edition": edition, "role": "ambassador", "id": ambassador }),
        )
        .unwrap();
    assert!(document["fileName"]
        .as_str()
        .unwrap()
        .starts_with("pourquoi-"));
    assert!(document["html"]
        .as_str()
        .unwrap()
        .contains("Statut du binôme : « confirmé »"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pourquoi.html");
    let answers = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(answers.path(), format!("{}\n", out.display())).unwrap();
    std::env::set_var(crate::dialog::ANSWERS_ENV, answers.path());
    let saved = h.invoke(
        "export_why",
        json!({ "edition": edition, "role": "student", "id": student }),
    );
    std::env::remove_var(crate::dialog::ANSWERS_ENV);
    assert_eq!(saved.unwrap(), json!(out.display().to_string()));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("article L311-3-1"), "{html}");
}

#[test]
fn ouvrir_le_dossier_shows_only_what_the_app_wrote() {
    use tauri::Manager;
    let h = harness();
    // A path the app never wrote (a compromised page asking to open any place) is refused
    // before the file manager is asked anything.
    let refused = h
        .invoke("reveal_written", json!({ "path": "/etc/passwd" }))
        .unwrap_err();
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("Binômes n'a pas écrit ce fichier"),
        "{refused}"
    );
    let state = h.window.state::<AppState>();
    let written = std::path::Path::new("/tmp/Binômes - Vis mon job 2026 - 2026-12-04.xlsx");
    assert!(!state.was_written(written));
    state.remember_written(written);
    assert!(state.was_written(written));
}
