//! Students and ambassadors of an edition, and the source rows they came from.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::columns::{Columns, NamedRow};
use super::{Store, StoreError};
use crate::model::{
    Ambassador, AmbassadorId, EditionId, Identity, Mobility, Place, SourceRow, SourceRowId,
    Student, StudentId,
};

/// The columns a student's data fills (all but `id` and `edition_id`), in parameter order ?2…?19.
const STUDENT_FIELDS: &str = "civility, last_name, first_name, email, phone,
    postal_code, commune, insee_code, departement, school, level, curriculum, wished_jobs,
    wished_administration, mobility, application_state, comments, source_row_id";
const STUDENT_VALUES: &str =
    "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19";

/// The columns an ambassador's data fills, in parameter order ?2…?18.
const AMBASSADOR_FIELDS: &str = "civility, last_name, first_name, email, phone,
    postal_code, commune, insee_code, departement, job, job_title, administration, structure_type,
    service, capacity, comments, source_row_id";
const AMBASSADOR_VALUES: &str =
    "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18";

/// Whether a write creates a person in an edition or replaces the data of an existing one
/// (keeping its id, hence its pairs and notes).
#[derive(Debug, Clone, Copy)]
pub(super) enum Write {
    Insert(EditionId),
    Update(i64),
}

impl Write {
    fn key(self) -> i64 {
        match self {
            Write::Insert(edition) => edition.0,
            Write::Update(id) => id,
        }
    }
}

/// An edition's students and ambassadors, by id.
pub type PeopleById = (
    HashMap<StudentId, Student>,
    HashMap<AmbassadorId, Ambassador>,
);

impl Store {
    /// The students of an edition, sorted by name.
    pub fn list_students(&self, edition: EditionId) -> Result<Vec<Student>, StoreError> {
        students_of(&self.conn, edition)
    }

    /// The ambassadors of an edition, sorted by name.
    pub fn list_ambassadors(&self, edition: EditionId) -> Result<Vec<Ambassador>, StoreError> {
        ambassadors_of(&self.conn, edition)
    }

    /// The students and the ambassadors of an edition, by id: what pairs refer to.
    pub fn people_by_id(&self, edition: EditionId) -> Result<PeopleById, StoreError> {
        people_by_id(&self.conn, edition)
    }

    /// An imported row exactly as it came, with the header of its file.
    pub fn source_row(
        &self,
        id: SourceRowId,
    ) -> Result<Option<(Vec<String>, SourceRow)>, StoreError> {
        let found = self
            .conn
            .query_row(
                "SELECT b.headers, r.id, r.batch_id, r.row_number, r.cells, r.rejected_reason
                 FROM source_row r JOIN import_batch b ON b.id = r.batch_id WHERE r.id = ?1",
                [id],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get::<_, String>(4)?,
                        row.get(5)?,
                    ))
                },
            )
            .optional()?;
        let Some((headers, id, batch_id, row_number, cells, rejected_reason)) = found else {
            return Ok(None);
        };
        let headers = json_list("import_batch", "headers", &headers)?;
        let cells = json_list("source_row", "cells", &cells)?;
        Ok(Some((
            headers,
            SourceRow {
                id,
                batch_id,
                row_number,
                cells,
                rejected_reason,
            },
        )))
    }
}

pub(super) fn students_of(
    conn: &Connection,
    edition: EditionId,
) -> Result<Vec<Student>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, edition_id, {STUDENT_FIELDS} FROM student WHERE edition_id = ?1
         ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id"
    ))?;
    let columns = Columns::of(&stmt);
    let rows = stmt.query_map([edition], |row| Ok(student_from_row(&columns.row(row))))?;
    rows.map(|r| r?).collect()
}

pub(super) fn ambassadors_of(
    conn: &Connection,
    edition: EditionId,
) -> Result<Vec<Ambassador>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, edition_id, {AMBASSADOR_FIELDS} FROM ambassador WHERE edition_id = ?1
         ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id"
    ))?;
    let columns = Columns::of(&stmt);
    let rows = stmt.query_map([edition], |row| Ok(ambassador_from_row(&columns.row(row))))?;
    rows.map(|r| r?).collect()
}

pub(super) fn people_by_id(
    conn: &Connection,
    edition: EditionId,
) -> Result<PeopleById, StoreError> {
    let students = students_of(conn, edition)?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let ambassadors = ambassadors_of(conn, edition)?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    Ok((students, ambassadors))
}

/// "Prénom Nom" of a student, for the history.
pub(super) fn student_name(conn: &Connection, id: StudentId) -> Result<String, StoreError> {
    name_in(conn, "student", id.0)?.ok_or(StoreError::StudentNotFound { student: id })
}

/// "Prénom Nom" of an ambassador, for the history.
pub(super) fn ambassador_name(conn: &Connection, id: AmbassadorId) -> Result<String, StoreError> {
    name_in(conn, "ambassador", id.0)?.ok_or(StoreError::AmbassadorNotFound { ambassador: id })
}

fn name_in(conn: &Connection, table: &str, id: i64) -> Result<Option<String>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) FROM {table} WHERE id = ?1"
    ))?;
    Ok(stmt.query_row([id], |r| r.get(0)).optional()?)
}

/// One student of an edition, if it is there.
pub(super) fn student_by_id(
    conn: &Connection,
    edition: EditionId,
    id: StudentId,
) -> Result<Option<Student>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, edition_id, {STUDENT_FIELDS} FROM student WHERE id = ?1 AND edition_id = ?2"
    ))?;
    let columns = Columns::of(&stmt);
    stmt.query_row(params![id, edition], |row| {
        Ok(student_from_row(&columns.row(row)))
    })
    .optional()?
    .transpose()
}

/// One ambassador of an edition, if it is there.
pub(super) fn ambassador_by_id(
    conn: &Connection,
    edition: EditionId,
    id: AmbassadorId,
) -> Result<Option<Ambassador>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, edition_id, {AMBASSADOR_FIELDS} FROM ambassador WHERE id = ?1 AND edition_id = ?2"
    ))?;
    let columns = Columns::of(&stmt);
    stmt.query_row(params![id, edition], |row| {
        Ok(ambassador_from_row(&columns.row(row)))
    })
    .optional()?
    .transpose()
}

pub(super) fn write_student(
    conn: &Connection,
    write: Write,
    s: &Student,
    source: Option<SourceRowId>,
) -> Result<StudentId, StoreError> {
    let (who, place) = (&s.identity, &s.place);
    let sql = match write {
        Write::Insert(_) => format!(
            "INSERT INTO student (edition_id, {STUDENT_FIELDS}) VALUES (?1, {STUDENT_VALUES})"
        ),
        Write::Update(_) => {
            format!("UPDATE student SET ({STUDENT_FIELDS}) = ({STUDENT_VALUES}) WHERE id = ?1")
        }
    };
    conn.prepare_cached(&sql)?.execute(params![
        write.key(),
        who.civility,
        who.last_name,
        who.first_name,
        who.email,
        who.phone,
        place.postal_code,
        place.commune,
        place.insee_code,
        place.departement,
        s.school,
        s.level,
        s.curriculum,
        serde_json::to_string(&s.wished_jobs).expect("a list of strings serialises"),
        s.wished_administration,
        s.mobility.as_str(),
        s.application_state,
        s.comments,
        source,
    ])?;
    Ok(match write {
        Write::Insert(_) => StudentId(conn.last_insert_rowid()),
        Write::Update(id) => StudentId(id),
    })
}

pub(super) fn write_ambassador(
    conn: &Connection,
    write: Write,
    a: &Ambassador,
    source: Option<SourceRowId>,
) -> Result<AmbassadorId, StoreError> {
    let (who, place) = (&a.identity, &a.place);
    let sql = match write {
        Write::Insert(_) => format!(
            "INSERT INTO ambassador (edition_id, {AMBASSADOR_FIELDS}) VALUES (?1, {AMBASSADOR_VALUES})"
        ),
        Write::Update(_) => format!(
            "UPDATE ambassador SET ({AMBASSADOR_FIELDS}) = ({AMBASSADOR_VALUES}) WHERE id = ?1"
        ),
    };
    conn.prepare_cached(&sql)?.execute(params![
        write.key(),
        who.civility,
        who.last_name,
        who.first_name,
        who.email,
        who.phone,
        place.postal_code,
        place.commune,
        place.insee_code,
        place.departement,
        a.job,
        a.job_title,
        a.administration,
        a.structure_type,
        a.service,
        a.capacity,
        a.comments,
        source,
    ])?;
    Ok(match write {
        Write::Insert(_) => AmbassadorId(conn.last_insert_rowid()),
        Write::Update(id) => AmbassadorId(id),
    })
}

fn identity_and_place(row: &NamedRow<'_>) -> rusqlite::Result<(Identity, Place)> {
    Ok((
        Identity {
            civility: row.get("civility")?,
            last_name: row.get("last_name")?,
            first_name: row.get("first_name")?,
            email: row.get("email")?,
            phone: row.get("phone")?,
        },
        Place {
            postal_code: row.get("postal_code")?,
            commune: row.get("commune")?,
            insee_code: row.get("insee_code")?,
            departement: row.get("departement")?,
        },
    ))
}

/// Outer error: SQLite; inner: a stored value this build cannot read.
fn student_from_row(row: &NamedRow<'_>) -> Result<Student, StoreError> {
    let (identity, place) = identity_and_place(row)?;
    let mobility: String = row.get("mobility")?;
    let wished_jobs: String = row.get("wished_jobs")?;
    Ok(Student {
        id: row.get("id")?,
        edition_id: row.get("edition_id")?,
        identity,
        place,
        school: row.get("school")?,
        level: row.get("level")?,
        curriculum: row.get("curriculum")?,
        wished_jobs: json_list("student", "wished_jobs", &wished_jobs)?,
        wished_administration: row.get("wished_administration")?,
        mobility: Mobility::parse(&mobility).ok_or(StoreError::Corrupt {
            table: "student",
            column: "mobility",
            value: mobility.clone(),
        })?,
        application_state: row.get("application_state")?,
        comments: row.get("comments")?,
        source_row: row.get("source_row_id")?,
    })
}

fn ambassador_from_row(row: &NamedRow<'_>) -> Result<Ambassador, StoreError> {
    let (identity, place) = identity_and_place(row)?;
    Ok(Ambassador {
        id: row.get("id")?,
        edition_id: row.get("edition_id")?,
        identity,
        place,
        job: row.get("job")?,
        job_title: row.get("job_title")?,
        administration: row.get("administration")?,
        structure_type: row.get("structure_type")?,
        service: row.get("service")?,
        capacity: row.get("capacity")?,
        comments: row.get("comments")?,
        source_row: row.get("source_row_id")?,
    })
}

fn json_list(
    table: &'static str,
    column: &'static str,
    value: &str,
) -> Result<Vec<String>, StoreError> {
    serde_json::from_str(value).map_err(|_| StoreError::Corrupt {
        table,
        column,
        value: value.to_string(),
    })
}
