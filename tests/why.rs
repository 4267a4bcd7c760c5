//! « Pourquoi ? » as a document (#17, CRPA art. L311-3-1): for a student or an ambassador, the
//! rules and weights, their values, their pair and its points criterion by criterion, or why
//! they have none — written as an HTML page, read back from the file; and `binome pourquoi`.

mod common;

use common::RunToEnd as _;
mod messaging;

use messaging::{ambassador, small_edition, student};

use std::process::Command;

use binome::actions::{board, why};
use binome::model::Role;

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_students_document_gives_the_rules_their_values_and_their_pairs_points() {
    let dir = tempfile::tempdir().unwrap();
    let (store, edition) = small_edition(dir.path());
    let zoe = student(&store, edition, "Zoé");
    let out = dir.path().join("pourquoi-zoe.html");
    let document = why::export_why(&store, edition, Role::Student, zoe.0, &out).unwrap();
    assert_eq!(document.file_name, "pourquoi-zoe-martin.html");
    let html = read(&out);
    assert_eq!(html, document.html);
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"),
        "{html}"
    );
    // What the window shows is the page's own text, without its head and style.
    assert!(html.contains(&document.body));
    assert!(document.body.starts_with("<h1>") && !document.body.contains("<style>"));
    for wanted in [
        "Zoé MARTIN",
        "Vis mon job 2026",
        "article L311-3-1",
        "R311-3-1-2",
        // The rules and the weights, as the edition sets them.
        "calcul exact",
        "<td>métier = 1er souhait</td><td class=\"n\">",
        // Her values.
        // As the référentiel recognised what she wrote (« Développeur »).
        "1. Concepteur-développeur",
        "partout en France",
        // Her pair, its status and where to write.
        "Claire DURAND",
        "Statut du binôme : « proposé »",
        "vismonjob@numerique.gouv.fr",
    ] {
        assert!(html.contains(wanted), "« {wanted} » in {html}");
    }
    // The points, criterion by criterion, and the total the board shows for this pair.
    let pair = board::explained_pairs(&store, edition)
        .unwrap()
        .into_iter()
        .find(|p| p.pair.student_id == zoe)
        .unwrap();
    assert!(pair.score > 0);
    for reason in &pair.reasons {
        assert!(html.contains(reason.as_str()), "« {reason} » in {html}");
    }
    assert!(
        html.contains(&format!(
            "<th scope=\"row\">Total</th><td class=\"n\"><strong>{}</strong>",
            pair.score
        )),
        "{html}"
    );
}

#[test]
fn an_ambassadors_document_lists_each_student_and_a_person_without_a_pair_is_told_why() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = small_edition(dir.path());
    let claire = ambassador(&store, edition, "Claire");
    let html = why::why_document(&store, edition, Role::Ambassador, claire.0)
        .unwrap()
        .html;
    assert!(html.contains("Vous accueillez 2 étudiant(s)"), "{html}");
    assert!(html.contains("<h3>Zoé MARTIN</h3>"), "{html}");
    assert!(html.contains("<h3>Léo BERNARD</h3>"), "{html}");
    assert_eq!(html.matches("<th scope=\"row\">Total</th>").count(), 2);
    assert!(html.contains("<dt>Étudiants que vous pouviez accueillir</dt><dd>2</dd>"));

    // Marc withdraws: Inès is left without a pair and told why; Marc, that he withdrew.
    let marc = ambassador(&store, edition, "Marc");
    let ines = student(&store, edition, "Inès");
    store
        .withdraw(edition, Role::Ambassador, marc.0, None, "2026-10-12")
        .unwrap();
    let html = why::why_document(&store, edition, Role::Student, ines.0)
        .unwrap()
        .html;
    assert!(html.contains("Vous n'avez pas de binôme."), "{html}");
    assert!(html.contains("Juriste"), "{html}");
    // Nothing in it says otherwise (it began « Votre binôme a été proposé… »).
    assert!(
        !html.contains("Votre binôme") && !html.contains("Pourquoi ce binôme"),
        "{html}"
    );
    let html = why::why_document(&store, edition, Role::Ambassador, marc.0)
        .unwrap()
        .html;
    assert!(html.contains("Vous vous êtes retiré(e)"), "{html}");
}

#[test]
fn what_a_sign_up_form_holds_is_written_as_text_not_markup() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = small_edition(dir.path());
    let odd = dir.path().join("autres.csv");
    std::fs::write(
        &odd,
        "Nom;Prénom;Email;Métier que vous souhaitez découvrir (1er choix);Code postal\r\n\
         <script>alert(1)</script>;Sam & Lou;sam@etu.example;Juriste \"<b>\";75001\r\n",
    )
    .unwrap();
    common::import_file(&mut store, edition, &odd, Role::Student, None).unwrap();
    let sam = student(&store, edition, "Sam & Lou");
    let html = why::why_document(&store, edition, Role::Student, sam.0)
        .unwrap()
        .html;
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(html.contains("Sam &amp; Lou &lt;SCRIPT&gt;"), "{html}");
    assert!(html.contains("&quot;&lt;b&gt;&quot;"), "{html}");
}

#[test]
fn binome_pourquoi_writes_the_document_of_the_person_with_that_email() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = small_edition(dir.path());
    drop(store);
    let db = dir.path().join("b.sqlite3");
    let out = dir.path().join("pourquoi.html");
    let run = Command::new(env!("CARGO_BIN_EXE_binome"))
        .args(["pourquoi", "--db"])
        .arg(&db)
        .args(["--email", " Claire@Etat.example ", "--out"])
        .arg(&out)
        .run_to_end();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let said = String::from_utf8(run.stdout).unwrap();
    assert!(
        said.starts_with("Vis mon job 2026\tClaire DURAND"),
        "{said}"
    );
    let html = read(&out);
    assert!(html.contains("Vous accueillez 2 étudiant(s)"), "{html}");

    // Nobody with that address: one French line, non-zero, no file.
    let missing = dir.path().join("personne.html");
    let run = Command::new(env!("CARGO_BIN_EXE_binome"))
        .args(["pourquoi", "--db"])
        .arg(&db)
        .args(["--email", "personne@example.fr", "--out"])
        .arg(&missing)
        .run_to_end();
    assert!(!run.status.success());
    let error = String::from_utf8(run.stderr).unwrap();
    assert_eq!(error.lines().count(), 1, "{error}");
    assert!(
        error.starts_with("binome : Personne n'est inscrit avec l'adresse « personne@example.fr »"),
        "{error}"
    );
    assert!(!missing.exists());
}
