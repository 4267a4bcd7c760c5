import { useState } from "react";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { maskFrenchDate, parseFrenchDate } from "../dates";
import { formatEventDate } from "../format";

/**
 * A date typed jj/mm/aaaa, in French whatever the system's language (see dates.ts): the DSFR
 * text field with its « Format attendu » hint, digits masked as they come, the date read back
 * in words (« vendredi 4 décembre 2026 ») so that a slip shows, and the error said on leaving
 * the field. `value` is the text; the form parses it with `parseFrenchDate` when it sends.
 */
export function DateField({
  id,
  label,
  hint,
  value,
  onChange,
  small,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (text: string) => void;
  small?: boolean;
}) {
  const [left, setLeft] = useState(false);
  const parsed = parseFrenchDate(value);
  const error = left ? parsed.error : null;
  const words = parsed.iso ? formatEventDate(parsed.iso) : null;
  return (
    <Input
      label={label}
      hintText={`${hint ? `${hint}. ` : ""}Format attendu : jj/mm/aaaa`}
      state={error ? "error" : words ? "info" : "default"}
      stateRelatedMessage={error ?? (words ? `Soit le ${words}.` : undefined)}
      className={small ? "binomes-date-field fr-mb-1w" : "binomes-date-field"}
      nativeInputProps={{
        id,
        value,
        inputMode: "numeric",
        autoComplete: "off",
        placeholder: "jj/mm/aaaa",
        maxLength: 10,
        "aria-invalid": error ? true : undefined,
        onChange: (event) => {
          const typed = event.target.value;
          // Deleting keeps what is left as it is; typing goes through the mask.
          onChange(typed.length < value.length ? typed : maskFrenchDate(typed));
        },
        onBlur: () => setLeft(true),
      }}
    />
  );
}
