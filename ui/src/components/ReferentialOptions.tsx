import type { ReferentialEntry } from "../bindings/ReferentialEntry";

/** The entries of a referential as a list's options: the label, and its group when it has one. */
export function ReferentialOptions({ entries }: { entries: ReferentialEntry[] }) {
  return (
    <>
      {entries.map((entry) => (
        <option key={entry.code} value={entry.code}>
          {entry.label}
          {entry.group ? ` (${entry.group})` : ""}
        </option>
      ))}
    </>
  );
}

/** A list that rattaches a value as written to an entry of a referential: acts once an entry is
 * chosen, and shows `placeholder` again (the choice is the parent's to keep). */
export function RattachSelect({
  label,
  placeholder,
  entries,
  busy,
  onChoose,
  unknown,
}: {
  label: string;
  placeholder: string;
  entries: ReferentialEntry[];
  busy: boolean;
  onChoose: (code: string) => void;
  /** The value, when it is one the referential does not know (`data-unknown`). */
  unknown?: string;
}) {
  return (
    <select
      className="fr-select"
      aria-label={label}
      data-unknown={unknown}
      value=""
      disabled={busy}
      onChange={(event) => {
        if (event.target.value !== "") onChoose(event.target.value);
      }}
    >
      <option value="">{placeholder}</option>
      <ReferentialOptions entries={entries} />
    </select>
  );
}

/** How many rows of the file hold a value, and the first of them: « 12 (3, 8, 15…) ». */
export function rowsOf(value: { count: number; rows: number[] }): string {
  return `${value.count} (${value.rows.join(", ")}${value.count > value.rows.length ? "…" : ""})`;
}
