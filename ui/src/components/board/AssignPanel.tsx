import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Compatibility } from "../../bindings/Compatibility";
import { personName, type BoardState } from "../../board";
import { searchKey } from "../../people";

const SHOWN = 60;

/** Where the panel stands: beside the side panel, level with its top (viewport pixels). */
type Place = { right: number; top: number; width: number; maxHeight: number };

function placeBesideSidePanel(): Place | null {
  const side = document.querySelector(".binomes-board__side");
  if (!side) return null;
  const rect = side.getBoundingClientRect();
  const gap = 16;
  const top = Math.max(rect.top, gap / 2);
  return {
    right: window.innerWidth - rect.left + gap,
    top,
    width: Math.max(240, Math.min(672, rect.left - 2 * gap)),
    maxHeight: window.innerHeight - top - gap / 2,
  };
}

/** "Affecter à…": the keyboard way to pair the selected student — every ambassador, best score
 * first, searchable. A panel beside the side panel that leaves the page as it is (a non-modal
 * dialog): a modal dialog makes the rest of the page inert and gives it back at its closing,
 * which restyles and lays out the whole page inside the choice's frame (#21, the move's p95).
 * Escape or « Fermer » closes it and gives the focus back to « Affecter à… »; a click or the focus
 * taken elsewhere closes it too. */
export function AssignPanel({
  board,
  student,
  compatibility,
  open,
  onChoose,
  onClose,
}: {
  board: BoardState;
  student: number | null;
  compatibility: Compatibility[] | null;
  open: boolean;
  /** The move (the panel closes with it). */
  onChoose: (ambassador: number) => void;
  /** Closed without a choice; `refocus`: the focus goes back to « Affecter à… ». */
  onClose: (refocus: boolean) => void;
}) {
  const [query, setQuery] = useState("");
  const [place, setPlace] = useState<Place | null>(null);
  const panel = useRef<HTMLElement>(null);
  const matches = useMemo(() => {
    const words = searchKey(query).split(/\s+/).filter((w) => w !== "");
    return (compatibility ?? []).filter((c) => {
      if (words.length === 0) return true;
      const a = board.ambassadorById.get(c.ambassador);
      if (!a) return false;
      const text = searchKey(
        [a.identity.firstName, a.identity.lastName, a.job, a.administration, a.place.commune, a.place.departement].join(" "),
      );
      return words.every((w) => text.includes(w));
    });
  }, [compatibility, query, board.ambassadorById]);
  const name = student === null ? "" : personName(board.studentById.get(student));

  // Placed when it opens and when the window changes size; its search emptied when it closes.
  const focusPending = useRef(false);
  useLayoutEffect(() => {
    focusPending.current = open;
    if (!open) {
      setQuery("");
      return;
    }
    const place = () => setPlace(placeBesideSidePanel());
    place();
    window.addEventListener("resize", place);
    return () => window.removeEventListener("resize", place);
  }, [open]);

  // A click anywhere else closes it, the focus left where the click put it.
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    if (!open) return;
    const away = (event: PointerEvent) => {
      const target = event.target;
      if (!(target instanceof Element)) return;
      if (panel.current?.contains(target) || target.closest("#assign")) return;
      close.current(false);
    };
    document.addEventListener("pointerdown", away, true);
    return () => document.removeEventListener("pointerdown", away, true);
  }, [open]);

  // The first useful field (#18): the best ambassador the rules allow with a place left, so that
  // Enter pairs; the search field is above the list. Until the list is read, the panel itself (so
  // that Escape closes it); once read, the best choice — unless the organiser has gone elsewhere
  // meanwhile (the search field: a space typed there must not choose).
  useEffect(() => {
    const here = panel.current;
    if (!open || !here || place === null || !focusPending.current) return;
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== here && here.contains(active)) {
      focusPending.current = false;
      return;
    }
    const best =
      here.querySelector<HTMLElement>("[data-choice][data-useful]:not(:disabled)") ??
      here.querySelector<HTMLElement>("[data-choice]:not(:disabled)");
    (best ?? here).focus({ preventScroll: true });
    if (best) focusPending.current = false;
  }, [open, compatibility, place]);

  if (!open || student === null) return null;
  return (
    <section
      ref={panel}
      id="assign-panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby="assign-title"
      tabIndex={-1}
      className="binomes-assign fr-p-2w"
      style={place ?? { visibility: "hidden" }}
      onBlur={(event) => {
        // The focus taken elsewhere (Tab past its end, Shift+Tab before its start): closed, the
        // focus left where it went.
        const to = event.relatedTarget;
        if (to instanceof Node && !event.currentTarget.contains(to)) onClose(false);
      }}
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        event.preventDefault();
        event.stopPropagation();
        onClose(true);
      }}
    >
      <div className="binomes-selection__head">
        <h2 id="assign-title" className="fr-h6 fr-mb-1w">
          Affecter {name} à…
        </h2>
        <Button
          size="small"
          priority="tertiary no outline"
          iconId="fr-icon-close-line"
          title="Fermer"
          onClick={() => onClose(true)}
          nativeButtonProps={{ id: "assign-close" }}
        />
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="assign-search">
          Rechercher un ambassadeur
          <span className="fr-hint-text">Nom, métier, administration, commune ou département. Classés par points.</span>
        </label>
        <input
          className="fr-input"
          id="assign-search"
          type="search"
          value={query}
          autoComplete="off"
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {compatibility === null ? (
        <p>Chargement…</p>
      ) : (
        <>
          <p className="fr-text--sm" aria-live="polite">
            {matches.length} ambassadeur(s){matches.length > SHOWN ? ` — les ${SHOWN} premiers affichés, affinez la recherche` : ""}.
          </p>
          <ul className="binomes-choices" id="assign-list">
            {matches.slice(0, SHOWN).map((c) => {
              const a = board.ambassadorById.get(c.ambassador);
              const places = c.placesLeft === 0 ? "complet" : `${c.placesLeft} place(s)`;
              const detail = c.evaluation
                ? `${c.evaluation.score} pts · ${places}`
                : `hors des règles : ${c.barrier ?? ""} · ${places}`;
              return (
                <li key={c.ambassador}>
                  <button
                    type="button"
                    className="binomes-choice"
                    data-choice={c.ambassador}
                    data-useful={c.evaluation !== null && c.placesLeft > 0 && !c.current ? "" : undefined}
                    disabled={c.current}
                    onClick={() => onChoose(c.ambassador)}
                  >
                    <span>
                      <strong>{personName(a)}</strong> — {a?.job ?? "?"}, {a?.administration ?? "?"},{" "}
                      {a?.place.commune ?? a?.place.departement ?? "?"}
                    </span>
                    <span className={c.evaluation ? "binomes-choice__score" : "binomes-choice__barrier"}>
                      {c.current ? "binôme actuel" : detail}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
