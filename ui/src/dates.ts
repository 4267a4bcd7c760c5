// Dates as the organiser types and reads them, jj/mm/aaaa, whatever the system's language: a
// native <input type="date"> follows the system locale (mm/dd/yyyy, an English calendar, typed
// digits ignored under WebKitGTK), so the date fields are text fields with this mask and parser
// (see ARCHITECTURE.md, "Choices"). Tested in dates.test.ts.

/** What a date field holds: the ISO date to send, or why the text is not one. */
export type ParsedDate = { iso: string | null; error: null } | { iso: null; error: string };

/** "2026-12-04" → "04/12/2026"; nothing or a non-ISO text → "" or the text unchanged. */
export function isoToFrench(iso: string | null | undefined): string {
  if (!iso) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/**
 * As the organiser types: digits only, slashes put in after the day and the month
 * ("04122026" → "04/12/2026"); a slash typed after one digit pads it ("4/" → "04/").
 */
export function maskFrenchDate(typed: string): string {
  // A date pasted as a computer writes it (2026-12-04) is turned round, not read as digits.
  if (/^\s*\d{4}-\d{2}-\d{2}\s*$/.test(typed)) return isoToFrench(typed.trim());
  // A day or month of one digit closed by a separator: pad it, so "4/12/2026" reads right.
  const parts = typed.split(/[/.\-\s]+/);
  let digits = "";
  parts.forEach((part, i) => {
    const only = part.replace(/\D/g, "");
    const closed = i < parts.length - 1 && i < 2;
    digits += closed && only.length === 1 ? `0${only}` : only;
  });
  digits = digits.slice(0, 8);
  if (digits.length <= 2) return digits + (typed.length > 0 && /[/.\-\s]$/.test(typed) && digits.length === 2 ? "/" : "");
  if (digits.length <= 4) {
    const text = `${digits.slice(0, 2)}/${digits.slice(2)}`;
    return digits.length === 4 && /[/.\-\s]$/.test(typed) ? `${text}/` : text;
  }
  return `${digits.slice(0, 2)}/${digits.slice(2, 4)}/${digits.slice(4)}`;
}

/** "04/12/2026" → 2026-12-04; "" → no date; anything else → a French error naming what is wrong. */
export function parseFrenchDate(text: string): ParsedDate {
  const trimmed = text.trim();
  if (trimmed === "") return { iso: null, error: null };
  const match = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$/.exec(trimmed);
  if (!match) return { iso: null, error: "Saisissez une date au format jj/mm/aaaa, par exemple 04/12/2026." };
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return { iso: null, error: `Le mois ${match[2]} n'existe pas : saisissez un mois de 01 à 12.` };
  if (year < 1900 || year > 2200) return { iso: null, error: `L'année ${match[3]} est hors des années possibles.` };
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) {
    return { iso: null, error: `Le ${match[1]}/${match[2]}/${match[3]} n'existe pas : ce mois a ${days} jours.` };
  }
  const pad = (n: number) => String(n).padStart(2, "0");
  return { iso: `${year}-${pad(month)}-${pad(day)}`, error: null };
}
