//! What the message tests share: a small edition, and a real SMTP server on localhost.
#![allow(dead_code)]

pub mod server;

use std::path::Path;

use binome::model::{AmbassadorId, EditionId, Role, StudentId};
use binome::Store;

use super::common;

/// Three students, two ambassadors (Claire hosts two, Marc one), in CSV as French Excel saves it.
pub fn small_edition(dir: &Path) -> (Store, EditionId) {
    let students = dir.join("étudiants.csv");
    std::fs::write(
        &students,
        "Nom;Prénom;Email;Métier que vous souhaitez découvrir (1er choix);Code postal;École\r\n\
         Martin;Zoé;zoe@etu.example;Développeur;75001;IUT de Paris\r\n\
         Bernard;Léo;leo@etu.example;Développeur;75003;Université Paris Cité\r\n\
         Petit;Inès;ines@etu.example;Juriste;69001;Lycée du Parc\r\n",
    )
    .unwrap();
    let ambassadors = dir.join("ambassadeurs.csv");
    std::fs::write(
        &ambassadors,
        "Nom;Prénom;Email;Métier;Code postal;Administration;Combien d'étudiants pouvez-vous accueillir ?\r\n\
         Durand;Claire;claire@etat.example;Développeur;75002;Ministère du Travail;2\r\n\
         Roux;Marc;marc@etat.example;Juriste;69002;Direction régionale des finances publiques;1\r\n",
    )
    .unwrap();
    let mut store = Store::open(&dir.join("b.sqlite3")).unwrap();
    let edition = store
        .create_edition(&binome::model::NewEdition {
            name: "Vis mon job 2026".into(),
            event_date: Some("2026-11-24".into()),
        })
        .unwrap()
        .id;
    common::import_file(&mut store, edition, &students, Role::Student, None).unwrap();
    common::import_file(&mut store, edition, &ambassadors, Role::Ambassador, None).unwrap();
    binome::actions::suggest::suggest(&mut store, edition).unwrap();
    (store, edition)
}

pub fn student(store: &Store, edition: EditionId, first: &str) -> StudentId {
    store
        .list_students(edition)
        .unwrap()
        .into_iter()
        .find(|s| s.identity.first_name == first)
        .unwrap()
        .id
}

pub fn ambassador(store: &Store, edition: EditionId, first: &str) -> AmbassadorId {
    store
        .list_ambassadors(edition)
        .unwrap()
        .into_iter()
        .find(|a| a.identity.first_name == first)
        .unwrap()
        .id
}
