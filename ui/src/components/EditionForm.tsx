import { Input } from "@codegouvfr/react-dsfr/Input";

export type EditionDraft = { name: string; date: string };

/** The fields of an edition: its name and its official day. */
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
      <Input
        label="Jour J (facultatif)"
        hintText="La journée officielle d'immersion"
        nativeInputProps={{
          id: "edition-date",
          type: "date",
          value: draft.date,
          onChange: (event) => onChange({ ...draft, date: event.target.value }),
        }}
      />
      {/* Lets Enter submit the form. */}
      <button type="submit" hidden />
    </form>
  );
}
