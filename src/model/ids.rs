//! Typed identifiers, so a student id can never be passed where an ambassador id is expected.
//! They are SQLite row ids; serde writes a newtype as its inner number, and TypeScript sees a
//! plain number (well below 2^53).

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "number"))]
        pub struct $name(pub i64);

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type!(
    /// An edition of the operation (one year, usually).
    EditionId,
    /// A student of an edition.
    StudentId,
    /// An ambassador of an edition.
    AmbassadorId,
    /// A pair (binôme).
    PairId,
    /// One import of one file.
    BatchId,
    /// One row of an imported file, kept as it came.
    SourceRowId,
);
