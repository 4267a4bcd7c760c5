import { Input } from "@codegouvfr/react-dsfr/Input";
import { DateField } from "./DateField";

/** `date` is the text of the field, jj/mm/aaaa (see dates.ts). */
export type EditionDraft = { name: string; date: string; retention: string };

/** The fields of an edition: its name, its official day, and how long its data is kept. */
export function EditionForm({
  draft,
  onChange,
  onSubmit,
  error,
}: {
  draft: EditionDraft;
  onChange: (draft: EditionDraft) => void;
  onSubmit: () => void;
  error: string | null;
}) {
  return (
    <form
      id="edition-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <Input
        label="Nom de l'édition"
        hintText="Par exemple : Vis mon job 2026"
        state={error ? "error" : "default"}
        stateRelatedMessage={error ?? undefined}
        nativeInputProps={{
          id: "edition-name",
          value: draft.name,
          required: true,
          autoComplete: "off",
          onChange: (event) => onChange({ ...draft, name: event.target.value }),
        }}
      />
      <DateField
        id="edition-date"
        label="Jour J (facultatif)"
        hint="La journée officielle d'immersion"
        value={draft.date}
        onChange={(date) => onChange({ ...draft, date })}
      />
      <Input
        label="Conservation des données personnelles (en mois après le jour J)"
        hintText="Au-delà, Binômes vous rappelle de supprimer l'édition. Par défaut : 12 mois."
        nativeInputProps={{
          id: "edition-retention",
          type: "number",
          min: 1,
          max: 120,
          value: draft.retention,
          onChange: (event) => onChange({ ...draft, retention: event.target.value }),
        }}
      />
      {/* Lets Enter submit the form. */}
      <button type="submit" hidden />
    </form>
  );
}
