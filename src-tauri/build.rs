fn main() {
    // Every command the UI may call is listed here; `capabilities/default.json` grants exactly
    // these, so a command added without being allowed fails loudly in the end-to-end tests.
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "app_info",
            "list_editions",
            "get_edition",
            "create_edition",
            "update_edition",
            "delete_edition",
            "open_demo_edition",
            "export_demo_samples",
            "list_students",
            "list_ambassadors",
            "original_row",
            "pick_import_file",
            "preview_import",
            "apply_import",
            "cancel_import",
            "remember_synonym",
            "list_referentials",
            "suggest_pairs",
            "list_pairs",
            "list_unpaired",
            "export_workbook",
            "get_rules",
            "compatibility",
            "set_pair_locked",
            "set_pair_status",
            "validate_proposed",
            "set_rules",
            "write_messages",
            "mark_notified",
            "get_templates",
            "set_templates",
            "preview_messages",
            "remember_column",
            "forget_column",
        ]),
    ))
    .expect("tauri build script");
}
