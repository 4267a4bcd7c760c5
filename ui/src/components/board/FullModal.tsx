import { createModal } from "../../modal";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { displacingMove, personName, type BoardState, type DropIntent } from "../../board";
import type { Move } from "../../bindings/Move";

export const fullModal = createModal({ id: "full-modal", isOpenedByDefault: false });

type Full = Extract<DropIntent, { kind: "full" }>;

/** A student dropped on a full ambassador: swap with one of theirs, or replace them. */
export function FullModal({ board, intent, onMove }: { board: BoardState; intent: Full | null; onMove: (move: Move) => void }) {
  const ambassador = intent ? board.ambassadorById.get(intent.ambassador) : undefined;
  const moving = intent ? board.studentById.get(intent.student) : undefined;
  const former = intent ? board.pairOfStudent.get(intent.student) : undefined;
  const choose = (displaced: number, swap: boolean) => {
    if (!intent) return;
    fullModal.close();
    onMove(displacingMove(intent, displaced, swap));
  };
  return (
    <fullModal.Component title={`${personName(ambassador)} n'a plus de place`}>
      {intent ? (
        <>
          <p>
            {personName(ambassador)} accueille déjà {intent.occupants.length} étudiant(s) (capacité {ambassador?.capacity}).
            Pour lui confier {personName(moving)} :
          </p>
          <ul className="binomes-choices">
            {intent.occupants.map((occupant) => {
              const who = personName(board.studentById.get(occupant));
              return (
                <li key={occupant} className="binomes-actions fr-mb-1w">
                  {intent.canSwap ? (
                    <Button size="small" onClick={() => choose(occupant, true)} nativeButtonProps={{ "data-swap": String(occupant) }}>
                      Échanger avec {who} (qui va avec {personName(former ? board.ambassadorById.get(former.pair.ambassadorId) : undefined)})
                    </Button>
                  ) : null}
                  <Button
                    size="small"
                    priority="secondary"
                    onClick={() => choose(occupant, false)}
                    nativeButtonProps={{ "data-replace": String(occupant) }}
                  >
                    Remplacer {who} (qui redevient sans binôme)
                  </Button>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </fullModal.Component>
  );
}
