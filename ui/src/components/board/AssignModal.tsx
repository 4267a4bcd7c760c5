import { useEffect, useMemo, useRef, useState } from "react";
import { createModal } from "../../modal";
import type { Compatibility } from "../../bindings/Compatibility";
import { personName, type BoardState } from "../../board";
import { searchKey } from "../../people";

export const assignModal = createModal({ id: "assign-modal", isOpenedByDefault: false, ownFocus: true });

const SHOWN = 60;

/** "Affecter à…": the keyboard way to pair the selected student — every ambassador, best score first, searchable. */
export function AssignModal({
  board,
  student,
  compatibility,
  onChoose,
  onClosed,
}: {
  board: BoardState;
  student: number | null;
  compatibility: Compatibility[] | null;
  /** The move, started before the dialog closes. */
  onChoose: (ambassador: number) => void;
  /** Once the dialog is closed after a choice (where the focus goes next). */
  onClosed: () => void;
}) {
  const [query, setQuery] = useState("");
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
  // The first useful field when it opens (#18; the DSFR gives « Fermer »): the best ambassador
  // the rules allow with a place left, so that Enter pairs; the search is one Shift+Tab away.
  // Asked again once the list is read, if it opened before.
  const opened = useRef(false);
  useEffect(() => {
    const dialog = document.getElementById("assign-modal");
    if (!dialog) return;
    // Only once the list is read: the search field first would keep Escape (a search field
    // clears itself with it) from closing the dialog.
    const focusBest = () => {
      const best =
        dialog.querySelector<HTMLElement>("[data-choice][data-useful]:not(:disabled)") ??
        dialog.querySelector<HTMLElement>("[data-choice]:not(:disabled)");
      best?.focus();
    };
    const disclosed = () => {
      opened.current = true;
      // The DSFR focuses « Fermer » once the dialog has faded in (a focus before that is lost):
      // the choice is focused as soon as it can be, once — unless the organiser has gone to the
      // search field meanwhile (the list read late): a space typed there must not choose.
      const until = Date.now() + 2_000;
      const attempt = () => {
        const active = document.activeElement;
        if (active instanceof HTMLElement && dialog.contains(active) && !active.matches(".fr-btn--close, [data-choice]")) return;
        focusBest();
        const there = document.activeElement?.closest("#assign-modal [data-choice]");
        if (!there && Date.now() < until) window.setTimeout(attempt, 50);
      };
      attempt();
    };
    const concealed = () => {
      opened.current = false;
    };
    dialog.addEventListener("dsfr.disclose", disclosed);
    dialog.addEventListener("dsfr.conceal", concealed);
    if (opened.current && compatibility !== null && !dialog.querySelector("[data-choice]:focus, #assign-search:focus")) focusBest();
    // (Each time the list changes while the dialog is open and the focus is not yet in it.)
    return () => {
      dialog.removeEventListener("dsfr.disclose", disclosed);
      dialog.removeEventListener("dsfr.conceal", concealed);
    };
  }, [compatibility]);
  return (
    <assignModal.Component title={`Affecter ${name} à…`} size="large">
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
                    onClick={() => {
                      // The move first: the store saves it while the dialog closes.
                      onChoose(c.ambassador);
                      assignModal.close();
                      setQuery("");
                      onClosed();
                    }}
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
    </assignModal.Component>
  );
}
