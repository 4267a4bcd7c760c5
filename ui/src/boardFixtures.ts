// A small edition for the board's unit tests (board.test.ts, components/board/boardState.test.ts).
import type { Ambassador } from "./bindings/Ambassador";
import type { BoardData } from "./bindings/BoardData";
import type { ExplainedPair } from "./bindings/ExplainedPair";
import type { Student } from "./bindings/Student";
import { boardFrom } from "./board";

const place = (departement: string | null) => ({ postalCode: null, commune: null, inseeCode: null, departement });
const identity = (firstName: string, lastName: string, email: string | null = null) => ({
  civility: null,
  firstName,
  lastName,
  email,
  phone: null,
});

export function student(id: number, name: string, departement = "69", wishedJobs = ["Data scientist"]): Student {
  return {
    id,
    editionId: 1,
    identity: identity(name, "Élève", `${name.toLowerCase()}@example.fr`),
    place: place(departement),
    school: null,
    level: null,
    curriculum: null,
    wishedJobs,
    wishedAdministration: null,
    mobility: "region",
    applicationState: null,
    comments: null,
    sourceRow: null,
  };
}

export function ambassador(id: number, name: string, capacity: number, departement = "69", job = "Data scientist"): Ambassador {
  return {
    id,
    editionId: 1,
    identity: identity(name, "Agent"),
    place: place(departement),
    job,
    jobTitle: null,
    administration: "Armées",
    structureType: null,
    service: null,
    capacity,
    preferredLevels: [],
    comments: null,
    sourceRow: null,
  };
}

export function pair(id: number, studentId: number, ambassadorId: number, score = 100, wishRank: number | null = 1): ExplainedPair {
  return {
    pair: { id, editionId: 1, studentId, ambassadorId, status: "proposed", origin: "suggested", locked: false, note: null, agreedDate: null },
    score,
    reasons: [],
    wishRank,
    distanceKm: 10,
  };
}

// Alice with Xavier (capacity 1, full), Bruno with Yasmine (capacity 2, one place left),
// Chloé unpaired, Zoé an ambassador in Paris with no one.
export function data() {
  return {
    students: [student(1, "Alice"), student(2, "Bruno"), student(3, "Chloé", "75", ["Designer UX"])],
    ambassadors: [ambassador(10, "Xavier", 1), ambassador(11, "Yasmine", 2), ambassador(12, "Zoé", 1, "75", "Designer UX")],
    pairs: [pair(100, 1, 10, 120), pair(101, 2, 11, 40, 2)],
    history: { undo: null, redo: null },
    withdrawals: [] as BoardData["withdrawals"],
    excluded: [] as BoardData["excluded"],
    states: [
      { code: "accepte", label: "accepté" },
      { code: "en_instruction", label: "en instruction" },
    ],
    retainedStates: ["accepte"],
    departements: [
      { code: "69", name: "Rhône", region: "84", regionName: "Auvergne-Rhône-Alpes" },
      { code: "75", name: "Paris", region: "11", regionName: "Île-de-France" },
    ],
  };
}

export function board() {
  return boardFrom(data());
}
