//! TypeScript bindings for every type that crosses the IPC boundary, generated from Rust with
//! ts-rs and committed under `ui/src/bindings/`. The test below fails when they are stale;
//! `UPDATE_BINDINGS=1 cargo test -p binomes-desktop bindings` rewrites them.

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use binome::actions::messages::TemplatesView;
    use binome::actions::rules::RulesView;
    use binome::export::{ExportOptions, ExportSummary};
    use binome::import::ImportReport;
    use binome::messages::{DraftsSummary, Message};
    use binome::model::{Ambassador, Edition, EditionSummary, NewEdition, Role, Student};
    use binome::suggest::{Compatibility, ExplainedPair};
    use ts_rs::{Config, TS};

    use crate::commands::app::AppInfo;
    use crate::commands::demo::DemoSamples;
    use crate::error::IpcError;
    use binome::actions::people::OriginalRow;
    use binome::actions::referentials::ReferentialLists;

    fn export_all(dir: &Path) {
        let cfg = Config::new().with_out_dir(dir).with_large_int("number");
        Edition::export_all(&cfg).unwrap();
        EditionSummary::export_all(&cfg).unwrap();
        NewEdition::export_all(&cfg).unwrap();
        Student::export_all(&cfg).unwrap();
        Ambassador::export_all(&cfg).unwrap();
        AppInfo::export_all(&cfg).unwrap();
        DemoSamples::export_all(&cfg).unwrap();
        IpcError::export_all(&cfg).unwrap();
        ImportReport::export_all(&cfg).unwrap();
        OriginalRow::export_all(&cfg).unwrap();
        Role::export_all(&cfg).unwrap();
        ReferentialLists::export_all(&cfg).unwrap();
        ExplainedPair::export_all(&cfg).unwrap();
        ExportOptions::export_all(&cfg).unwrap();
        ExportSummary::export_all(&cfg).unwrap();
        DraftsSummary::export_all(&cfg).unwrap();
        TemplatesView::export_all(&cfg).unwrap();
        RulesView::export_all(&cfg).unwrap();
        Compatibility::export_all(&cfg).unwrap();
        Message::export_all(&cfg).unwrap();
        binome::actions::board::BoardData::export_all(&cfg).unwrap();
        binome::actions::board::DepartementEntry::export_all(&cfg).unwrap();
        binome::actions::board::BoardChange::export_all(&cfg).unwrap();
        binome::store::HistoryEntry::export_all(&cfg).unwrap();
        binome::store::Move::export_all(&cfg).unwrap();
        binome::suggest::Candidate::export_all(&cfg).unwrap();
        binome::season::SeasonOverview::export_all(&cfg).unwrap();
        binome::actions::suggest::RememberedFigures::export_all(&cfg).unwrap();
        binome::store::BackupInfo::export_all(&cfg).unwrap();
        binome::store::Restored::export_all(&cfg).unwrap();
        binome::store::PairEdit::export_all(&cfg).unwrap();
        binome::actions::people::PersonForm::export_all(&cfg).unwrap();
        binome::actions::people::PersonSaved::export_all(&cfg).unwrap();
        binome::actions::people::StoredDuplicate::export_all(&cfg).unwrap();
        binome::import::form::FormValue::export_all(&cfg).unwrap();
        binome::model::TakeFromFile::export_all(&cfg).unwrap();
        binome::messages::Owed::export_all(&cfg).unwrap();
        binome::actions::messages::Plan::export_all(&cfg).unwrap();
        binome::actions::messages::Audience::export_all(&cfg).unwrap();
        binome::actions::messages::QueuedWave::export_all(&cfg).unwrap();
        binome::actions::messages::LogLine::export_all(&cfg).unwrap();
        binome::actions::sending::SendProgress::export_all(&cfg).unwrap();
        binome::messages::smtp::KeptIn::export_all(&cfg).unwrap();
        crate::commands::messages::SmtpView::export_all(&cfg).unwrap();
        binome::actions::referentials::LearnedSynonym::export_all(&cfg).unwrap();
        binome::import::RecognizedValue::export_all(&cfg).unwrap();
        binome::season::DateView::export_all(&cfg).unwrap();
        binome::actions::why::WhyDocument::export_all(&cfg).unwrap();
    }

    fn files(dir: &Path) -> BTreeMap<PathBuf, String> {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "ts"))
                    .map(|p| {
                        let content = std::fs::read_to_string(&p).unwrap_or_default();
                        (PathBuf::from(p.file_name().unwrap()), content)
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn bindings_are_up_to_date() {
        let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            let _ = std::fs::remove_dir_all(&committed);
            export_all(&committed);
            return;
        }
        let fresh = tempfile::tempdir().unwrap();
        export_all(fresh.path());
        assert_eq!(
            files(fresh.path()),
            files(&committed),
            "ui/src/bindings is stale: run `UPDATE_BINDINGS=1 cargo test -p binomes-desktop bindings`"
        );
    }
}
