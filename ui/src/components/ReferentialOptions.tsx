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
