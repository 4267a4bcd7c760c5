//! Students and ambassadors of an edition, and the source rows they came from.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::columns::{Columns, NamedRow};
use super::{Store, StoreError};
use crate::model::{
    Ambassador, AmbassadorId, EditionId, Identity, Mobility, Place, Role, SourceRow, SourceRowId,
    Student, StudentId,
};

/// The columns a student's data fills (all but `id` and `edition_id`), in parameter order ?2…?19.
const STUDENT_FIELDS: &str = "civility, last_name, first_name, email, phone,
    postal_code, commune, insee_code, departement, school, level, curriculum, wished_jobs,
    wished_administration, mobility, application_state, comments, source_row_id";
const STUDENT_VALUES: &str =
    "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19";

/// The columns an ambassador's data fills, in parameter order ?2…?19.
const AMBASSADOR_FIELDS: &str = "civility, last_name, first_name, email, phone,
    postal_code, commune, insee_code, departement, job, job_title, administration, structure_type,
    service, capacity, comments, preferred_levels, source_row_id";
const AMBASSADOR_VALUES: &str =
    "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19";

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

    /// A student of the edition, if there is one with that id in it.
    pub fn student(
        &self,
        edition: EditionId,
        id: StudentId,
    ) -> Result<Option<Student>, StoreError> {
        student_by_id(&self.conn, edition, id)
    }

    /// An ambassador of the edition, if there is one with that id in it.
    pub fn ambassador(
        &self,
        edition: EditionId,
        id: AmbassadorId,
    ) -> Result<Option<Ambassador>, StoreError> {
        ambassador_by_id(&self.conn, edition, id)
    }

    /// An imported row of the edition exactly as it came, with the header of its file.
    pub fn source_row(
        &self,
        edition: EditionId,
        id: SourceRowId,
    ) -> Result<Option<(Vec<String>, SourceRow)>, StoreError> {
        let found = self
            .conn
            .query_row(
                "SELECT b.headers, r.id, r.batch_id, r.row_number, r.cells, r.rejected_reason
                 FROM source_row r JOIN import_batch b ON b.id = r.batch_id
                 WHERE r.id = ?1 AND b.edition_id = ?2",
                params![id, edition],
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

/// What the store does alike for students and ambassadors: their table, their columns, and how
/// their own data (beyond identity and place) is bound and read.
pub(super) trait StoredPerson: Sized {
    const TABLE: &'static str;
    /// Every column but `id` and `edition_id`, in parameter order from ?2.
    const FIELDS: &'static str;
    const VALUES: &'static str;
    fn id(&self) -> i64;
    fn source(&self) -> Option<SourceRowId>;
    fn identity(&self) -> &Identity;
    fn place(&self) -> &Place;
    /// Binds the columns after identity and place, from parameter 11 on (`source` last).
    fn bind_own(
        &self,
        stmt: &mut rusqlite::Statement<'_>,
        source: Option<SourceRowId>,
    ) -> rusqlite::Result<()>;
    /// Outer error: SQLite; inner: a stored value this build cannot read.
    fn from_row(row: &NamedRow<'_>) -> Result<Self, StoreError>;
}

/// Every person of one kind in an edition, sorted by name.
fn all_of<P: StoredPerson>(conn: &Connection, edition: EditionId) -> Result<Vec<P>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, edition_id, {} FROM {} WHERE edition_id = ?1
         ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id",
        P::FIELDS,
        P::TABLE
    ))?;
    let columns = Columns::of(&stmt);
    let rows = stmt.query_map([edition], |row| Ok(P::from_row(&columns.row(row))))?;
    rows.map(|r| r?).collect()
}

/// One person of an edition, if it is there.
fn one_of<P: StoredPerson>(
    conn: &Connection,
    edition: EditionId,
    id: i64,
) -> Result<Option<P>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, edition_id, {} FROM {} WHERE id = ?1 AND edition_id = ?2",
        P::FIELDS,
        P::TABLE
    ))?;
    let columns = Columns::of(&stmt);
    stmt.query_row(params![id, edition], |row| {
        Ok(P::from_row(&columns.row(row)))
    })
    .optional()?
    .transpose()
}

/// Creates a person in an edition, or replaces the data of an existing one; returns the id.
pub(super) fn write_person<P: StoredPerson>(
    conn: &Connection,
    write: Write,
    person: &P,
    source: Option<SourceRowId>,
) -> Result<i64, StoreError> {
    let (table, fields, values) = (P::TABLE, P::FIELDS, P::VALUES);
    let sql = match write {
        Write::Insert(_) => {
            format!("INSERT INTO {table} (edition_id, {fields}) VALUES (?1, {values})")
        }
        Write::Update(_) => format!("UPDATE {table} SET ({fields}) = ({values}) WHERE id = ?1"),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let (who, place) = (person.identity(), person.place());
    stmt.raw_bind_parameter(1, write.key())?;
    stmt.raw_bind_parameter(2, &who.civility)?;
    stmt.raw_bind_parameter(3, &who.last_name)?;
    stmt.raw_bind_parameter(4, &who.first_name)?;
    stmt.raw_bind_parameter(5, &who.email)?;
    stmt.raw_bind_parameter(6, &who.phone)?;
    stmt.raw_bind_parameter(7, &place.postal_code)?;
    stmt.raw_bind_parameter(8, &place.commune)?;
    stmt.raw_bind_parameter(9, &place.insee_code)?;
    stmt.raw_bind_parameter(10, &place.departement)?;
    person.bind_own(&mut stmt, source)?;
    stmt.raw_execute()?;
    Ok(match write {
        Write::Insert(_) => conn.last_insert_rowid(),
        Write::Update(id) => id,
    })
}

impl StoredPerson for Student {
    const TABLE: &'static str = "student";
    const FIELDS: &'static str = STUDENT_FIELDS;
    const VALUES: &'static str = STUDENT_VALUES;

    fn id(&self) -> i64 {
        self.id.0
    }

    fn source(&self) -> Option<SourceRowId> {
        self.source_row
    }

    fn identity(&self) -> &Identity {
        &self.identity
    }

    fn place(&self) -> &Place {
        &self.place
    }

    fn bind_own(
        &self,
        stmt: &mut rusqlite::Statement<'_>,
        source: Option<SourceRowId>,
    ) -> rusqlite::Result<()> {
        stmt.raw_bind_parameter(11, &self.school)?;
        stmt.raw_bind_parameter(12, &self.level)?;
        stmt.raw_bind_parameter(13, &self.curriculum)?;
        stmt.raw_bind_parameter(
            14,
            serde_json::to_string(&self.wished_jobs).expect("a list of strings serialises"),
        )?;
        stmt.raw_bind_parameter(15, &self.wished_administration)?;
        stmt.raw_bind_parameter(16, self.mobility.as_str())?;
        stmt.raw_bind_parameter(17, &self.application_state)?;
        stmt.raw_bind_parameter(18, &self.comments)?;
        stmt.raw_bind_parameter(19, source)
    }

    fn from_row(row: &NamedRow<'_>) -> Result<Student, StoreError> {
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
}

impl StoredPerson for Ambassador {
    const TABLE: &'static str = "ambassador";
    const FIELDS: &'static str = AMBASSADOR_FIELDS;
    const VALUES: &'static str = AMBASSADOR_VALUES;

    fn id(&self) -> i64 {
        self.id.0
    }

    fn source(&self) -> Option<SourceRowId> {
        self.source_row
    }

    fn identity(&self) -> &Identity {
        &self.identity
    }

    fn place(&self) -> &Place {
        &self.place
    }

    fn bind_own(
        &self,
        stmt: &mut rusqlite::Statement<'_>,
        source: Option<SourceRowId>,
    ) -> rusqlite::Result<()> {
        stmt.raw_bind_parameter(11, &self.job)?;
        stmt.raw_bind_parameter(12, &self.job_title)?;
        stmt.raw_bind_parameter(13, &self.administration)?;
        stmt.raw_bind_parameter(14, &self.structure_type)?;
        stmt.raw_bind_parameter(15, &self.service)?;
        stmt.raw_bind_parameter(16, self.capacity)?;
        stmt.raw_bind_parameter(17, &self.comments)?;
        stmt.raw_bind_parameter(
            18,
            serde_json::to_string(&self.preferred_levels).expect("a list of strings serialises"),
        )?;
        stmt.raw_bind_parameter(19, source)
    }

    fn from_row(row: &NamedRow<'_>) -> Result<Ambassador, StoreError> {
        let (identity, place) = identity_and_place(row)?;
        let preferred_levels: String = row.get("preferred_levels")?;
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
            preferred_levels: json_list("ambassador", "preferred_levels", &preferred_levels)?,
            comments: row.get("comments")?,
            source_row: row.get("source_row_id")?,
        })
    }
}

pub(super) fn students_of(
    conn: &Connection,
    edition: EditionId,
) -> Result<Vec<Student>, StoreError> {
    all_of(conn, edition)
}

pub(super) fn ambassadors_of(
    conn: &Connection,
    edition: EditionId,
) -> Result<Vec<Ambassador>, StoreError> {
    all_of(conn, edition)
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
    one_of(conn, edition, id.0)
}

/// One ambassador of an edition, if it is there.
pub(super) fn ambassador_by_id(
    conn: &Connection,
    edition: EditionId,
    id: AmbassadorId,
) -> Result<Option<Ambassador>, StoreError> {
    one_of(conn, edition, id.0)
}

pub(super) fn write_student(
    conn: &Connection,
    write: Write,
    s: &Student,
    source: Option<SourceRowId>,
) -> Result<StudentId, StoreError> {
    write_person(conn, write, s, source).map(StudentId)
}

pub(super) fn write_ambassador(
    conn: &Connection,
    write: Write,
    a: &Ambassador,
    source: Option<SourceRowId>,
) -> Result<AmbassadorId, StoreError> {
    write_person(conn, write, a, source).map(AmbassadorId)
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

/// A person of one kind, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonKey {
    pub role: Role,
    pub id: i64,
}

/// A person's row as the history keeps it: their data and which values were changed by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PersonRow {
    person: AnyPerson,
    hand_edited: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
enum AnyPerson {
    Student(Student),
    Ambassador(Ambassador),
}

impl PersonRow {
    pub(super) fn key(&self) -> PersonKey {
        match &self.person {
            AnyPerson::Student(s) => PersonKey {
                role: Role::Student,
                id: s.id.0,
            },
            AnyPerson::Ambassador(a) => PersonKey {
                role: Role::Ambassador,
                id: a.id.0,
            },
        }
    }

    pub(super) fn edition(&self) -> EditionId {
        match &self.person {
            AnyPerson::Student(s) => s.edition_id,
            AnyPerson::Ambassador(a) => a.edition_id,
        }
    }
}

/// A person of the edition with their marks, if they are there.
pub(super) fn person_row(
    conn: &Connection,
    edition: EditionId,
    key: PersonKey,
) -> Result<Option<PersonRow>, StoreError> {
    let person = match key.role {
        Role::Student => one_of::<Student>(conn, edition, key.id)?.map(AnyPerson::Student),
        Role::Ambassador => one_of::<Ambassador>(conn, edition, key.id)?.map(AnyPerson::Ambassador),
    };
    let Some(person) = person else {
        return Ok(None);
    };
    Ok(Some(PersonRow {
        person,
        hand_edited: hand_edited(conn, key)?,
    }))
}

/// Puts a person's row back as the history kept it: their data replaced when they are there
/// (`exists`), or the person created again with their id.
pub(super) fn put_person_row(
    conn: &Connection,
    row: &PersonRow,
    exists: bool,
) -> Result<(), StoreError> {
    let key = row.key();
    let write = if exists {
        Write::Update(key.id)
    } else {
        Write::Insert(row.edition())
    };
    let id = match &row.person {
        AnyPerson::Student(s) => write_person(conn, write, s, s.source_row)?,
        AnyPerson::Ambassador(a) => write_person(conn, write, a, a.source_row)?,
    };
    if id != key.id {
        conn.execute(
            &format!("UPDATE {} SET id = ?1 WHERE id = ?2", key.role.as_str()),
            params![key.id, id],
        )?;
    }
    set_hand_edited(conn, key.role, key.id, &row.hand_edited)
}

/// Removes a person; their pairs, forbidden pairs and withdrawal go with them.
pub(super) fn delete_person(conn: &Connection, key: PersonKey) -> Result<(), StoreError> {
    conn.execute(
        &format!("DELETE FROM {} WHERE id = ?1", key.role.as_str()),
        [key.id],
    )?;
    // No foreign key can say which table a "kept apart" id is in.
    conn.execute(
        "DELETE FROM kept_apart WHERE role = ?1 AND (first_id = ?2 OR second_id = ?2)",
        params![key.role.as_str(), key.id],
    )?;
    Ok(())
}

/// The values of a person changed by hand (field paths).
pub(super) fn hand_edited(conn: &Connection, key: PersonKey) -> Result<Vec<String>, StoreError> {
    let table = key.role.as_str();
    let json: Option<String> = conn
        .query_row(
            &format!("SELECT hand_edited FROM {table} WHERE id = ?1"),
            [key.id],
            |r| r.get(0),
        )
        .optional()?;
    match json {
        Some(json) => json_list(table, "hand_edited", &json),
        None => Ok(Vec::new()),
    }
}

/// The people of an edition with values changed by hand, and which.
pub(super) fn hand_edited_of_edition(
    conn: &Connection,
    edition: EditionId,
    role: Role,
) -> Result<HashMap<i64, Vec<String>>, StoreError> {
    let table = role.as_str();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, hand_edited FROM {table} WHERE edition_id = ?1 AND hand_edited <> '[]'"
    ))?;
    let rows = stmt.query_map([edition], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut found = HashMap::new();
    for row in rows {
        let (id, json) = row?;
        found.insert(id, json_list(table, "hand_edited", &json)?);
    }
    Ok(found)
}

pub(super) fn set_hand_edited(
    conn: &Connection,
    role: Role,
    id: i64,
    paths: &[String],
) -> Result<(), StoreError> {
    let json = serde_json::to_string(paths).expect("a list of strings serialises");
    conn.execute(
        &format!(
            "UPDATE {} SET hand_edited = ?1 WHERE id = ?2",
            role.as_str()
        ),
        params![json, id],
    )?;
    Ok(())
}
