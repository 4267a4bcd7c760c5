// The only module that talks to the Rust side. Every command is typed with the bindings that
// ts-rs generates from Rust (src/bindings/, committed; a Rust test fails when they are stale).
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import type { Ambassador } from "./bindings/Ambassador";
import type { AppInfo } from "./bindings/AppInfo";
import type { DemoSamples } from "./bindings/DemoSamples";
import type { Compatibility } from "./bindings/Compatibility";
import type { DraftsSummary } from "./bindings/DraftsSummary";
import type { Edition } from "./bindings/Edition";
import type { RememberedFigures } from "./bindings/RememberedFigures";
import type { Message } from "./bindings/Message";
import type { Audience } from "./bindings/Audience";
import type { KeptIn } from "./bindings/KeptIn";
import type { LogLine } from "./bindings/LogLine";
import type { MessageKind } from "./bindings/MessageKind";
import type { Owed } from "./bindings/Owed";
import type { Plan } from "./bindings/Plan";
import type { QueuedWave } from "./bindings/QueuedWave";
import type { SendProgress } from "./bindings/SendProgress";
import type { SmtpSettings } from "./bindings/SmtpSettings";
import type { SmtpView } from "./bindings/SmtpView";
import type { Templates } from "./bindings/Templates";
import type { TemplatesView } from "./bindings/TemplatesView";
import type { ExportOptions } from "./bindings/ExportOptions";
import type { ExportSummary } from "./bindings/ExportSummary";
import type { EditionSummary } from "./bindings/EditionSummary";
import type { Field } from "./bindings/Field";
import type { ImportReport } from "./bindings/ImportReport";
import type { IpcError } from "./bindings/IpcError";
import type { OriginalRow } from "./bindings/OriginalRow";
import type { BackupInfo } from "./bindings/BackupInfo";
import type { BoardChange } from "./bindings/BoardChange";
import type { Candidate } from "./bindings/Candidate";
import type { Restored } from "./bindings/Restored";
import type { BoardData } from "./bindings/BoardData";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { Move } from "./bindings/Move";
import type { PairEdit } from "./bindings/PairEdit";
import type { ReferentialLists } from "./bindings/ReferentialLists";
import type { Role } from "./bindings/Role";
import type { Rules } from "./bindings/Rules";
import type { RulesView } from "./bindings/RulesView";
import type { SynonymKind } from "./bindings/SynonymKind";
import type { NewEdition } from "./bindings/NewEdition";
import type { SeasonOverview } from "./bindings/SeasonOverview";
import type { DateView } from "./bindings/DateView";
import type { WhyDocument } from "./bindings/WhyDocument";
import type { Student } from "./bindings/Student";
import type { Unpaired } from "./bindings/Unpaired";
import type { FormValue } from "./bindings/FormValue";
import type { PersonForm } from "./bindings/PersonForm";
import type { PersonSaved } from "./bindings/PersonSaved";
import type { StoredDuplicate } from "./bindings/StoredDuplicate";
import type { TakeFromFile } from "./bindings/TakeFromFile";
import type { LearnedSynonym } from "./bindings/LearnedSynonym";

/** An error from the Rust side (its `message` is French), or a failure of the bridge itself. */
export class ApiError extends Error {
  readonly error: IpcError;
  constructor(error: IpcError) {
    super(errorMessage(error));
    this.error = error;
  }
  get cancelled(): boolean {
    return this.error.kind === "cancelled";
  }
  /** The database cannot be read: the window offers to restore a backup. */
  get damaged(): boolean {
    return this.error.kind === "damaged";
  }
}

export function errorMessage(error: IpcError): string {
  return error.kind === "cancelled" ? "Opération annulée." : error.message;
}

/** Turns whatever `invoke` rejected with into an `ApiError`. */
export function toApiError(raw: unknown): ApiError {
  if (raw instanceof ApiError) return raw;
  if (isIpcError(raw)) return new ApiError(raw);
  const detail = raw instanceof Error ? raw.message : String(raw);
  return new ApiError({ kind: "storage", message: `Erreur inattendue de l'application : ${detail}` });
}

function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== "object" || value === null || !("kind" in value)) return false;
  const kind = (value as { kind: unknown }).kind;
  if (kind === "cancelled") return true;
  return (
    ["notFound", "invalid", "conflict", "storage", "damaged"].includes(kind as string) &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toApiError(raw);
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  /** « Ouvrir le dossier »: the file manager on a file or folder the app wrote this session. */
  revealWritten: (path: string) => call<void>("reveal_written", { path }),
  listEditions: () => call<EditionSummary[]>("list_editions"),
  getEdition: (id: number) => call<EditionSummary>("get_edition", { id }),
  /** The window shows this edition (null: the list); the next start reopens it. */
  setOpenedEdition: (edition: number | null) => call<null>("set_opened_edition", { edition }),
  openedEdition: () => call<number | null>("opened_edition"),
  createEdition: (edition: NewEdition) => call<Edition>("create_edition", { edition }),
  updateEdition: (id: number, edition: NewEdition) => call<Edition>("update_edition", { id, edition }),
  deleteEdition: (id: number) => call<null>("delete_edition", { id }),
  setRetention: (id: number, months: number) => call<Edition>("set_retention", { id, months }),
  copyEditionSettings: (from: number, to: number) => call<null>("copy_edition_settings", { from, to }),
  openDemoEdition: () => call<Edition>("open_demo_edition"),
  exportDemoSamples: () => call<DemoSamples>("export_demo_samples"),
  listStudents: (edition: number) => call<Student[]>("list_students", { edition }),
  listAmbassadors: (edition: number) => call<Ambassador[]>("list_ambassadors", { edition }),
  originalRow: (edition: number, id: number) => call<OriginalRow>("original_row", { edition, id }),
  personForm: (edition: number, role: Role, id: number | null) => call<PersonForm>("person_form", { edition, role, id }),
  savePerson: (edition: number, role: Role, id: number | null, values: FormValue[]) =>
    call<PersonSaved>("save_person", { edition, role, id, values }),
  removePerson: (edition: number, role: Role, id: number) => call<PersonSaved>("remove_person", { edition, role, id }),
  probableDuplicates: (edition: number) => call<StoredDuplicate[]>("probable_duplicates", { edition }),
  mergePeople: (edition: number, role: Role, kept: number, other: number) =>
    call<PersonSaved>("merge_people", { edition, role, kept, other }),
  keepApart: (edition: number, role: Role, first: number, second: number) =>
    call<null>("keep_apart", { edition, role, first, second }),
  erasePerson: (edition: number, role: Role, id: number) => call<null>("erase_person", { edition, role, id }),
  exportPersonData: (edition: number, role: Role, id: number) => call<string>("export_person_data", { edition, role, id }),
  pickImportFile: (role: Role) => call<string>("pick_import_file", { role }),
  previewImport: (edition: number, role: Role, path: string, sheet: string | null) =>
    call<ImportReport>("preview_import", { edition, role, path, sheet }),
  applyImport: (edition: number, take: TakeFromFile[] = []) => call<ImportReport>("apply_import", { edition, take }),
  cancelImport: () => call<null>("cancel_import"),
  rememberSynonym: (kind: SynonymKind, text: string, code: string) =>
    call<null>("remember_synonym", { kind, text, code }),
  listReferentials: () => call<ReferentialLists>("list_referentials"),
  learnedSynonyms: () => call<LearnedSynonym[]>("learned_synonyms"),
  forgetSynonym: (kind: SynonymKind, key: string) => call<null>("forget_synonym", { kind, key }),
  suggestPairs: (edition: number) => call<BoardChange>("suggest_pairs", { edition }),
  listUnpaired: (edition: number) => call<Unpaired[]>("list_unpaired", { edition }),
  exportWorkbook: (edition: number, options: ExportOptions) =>
    call<ExportSummary>("export_workbook", { edition, options }),
  writeMessages: (edition: number, pairs: number[] | null = null) => call<DraftsSummary>("write_messages", { edition, pairs }),
  markNotified: (edition: number, pairs: number[]) => call<number>("mark_notified", { edition, pairs }),
  getTemplates: (edition: number) => call<TemplatesView>("get_templates", { edition }),
  setTemplates: (edition: number, templates: Templates) => call<null>("set_templates", { edition, templates }),
  previewMessages: (edition: number) => call<Message[]>("preview_messages", { edition }),
  previewKind: (edition: number, kind: MessageKind) => call<Message[]>("preview_kind", { edition, kind }),
  toNotify: (edition: number, finals: boolean) => call<Owed[]>("to_notify", { edition, finals }),
  planWave: (edition: number, audience: Audience) => call<Plan>("plan_wave", { edition, audience }),
  writeWave: (edition: number, audience: Audience) => call<DraftsSummary>("write_wave", { edition, audience }),
  confirmDrafts: (edition: number, ids: number[]) => call<number>("confirm_drafts", { edition, ids }),
  queueWave: (edition: number, audience: Audience) => call<QueuedWave>("queue_wave", { edition, audience }),
  unfinishedWaves: (edition: number) => call<string[]>("unfinished_waves", { edition }),
  notificationLog: (edition: number, person: [Role, number] | null = null) =>
    call<LogLine[]>("notification_log", { edition, person }),
  getSmtpSettings: (edition: number) => call<SmtpView>("get_smtp_settings", { edition }),
  setSmtpSettings: (edition: number, settings: SmtpSettings) => call<null>("set_smtp_settings", { edition, settings }),
  saveSmtpPassword: (edition: number, password: string) => call<KeptIn>("save_smtp_password", { edition, password }),
  sendTestMessage: (edition: number) => call<string>("send_test_message", { edition }),
  sendWave: (edition: number, wave: string) => call<SendProgress>("send_wave", { edition, wave }),
  pauseSending: (paused: boolean) => call<null>("pause_sending", { paused }),
  cancelSending: () => call<null>("cancel_sending"),
  getRules: (edition: number) => call<RulesView>("get_rules", { edition }),
  compatibility: (edition: number, student: number) => call<Compatibility[]>("compatibility", { edition, student }),
  seasonOverview: (edition: number) => call<SeasonOverview>("season_overview", { edition }),
  /** The pairs by agreed date (#17). */
  pairsByDate: (edition: number) => call<DateView>("pairs_by_date", { edition }),
  /** « Pourquoi ? » for a student or an ambassador, as its document says it. */
  whyDocument: (edition: number, role: Role, id: number) => call<WhyDocument>("why_document", { edition, role, id }),
  /** Asks where, then saves the « Pourquoi ? » document; the path written. */
  exportWhy: (edition: number, role: Role, id: number) => call<string>("export_why", { edition, role, id }),
  rememberFigures: (edition: number) => call<RememberedFigures>("remember_figures", { edition }),
  rememberedFigures: (edition: number) => call<RememberedFigures | null>("remembered_figures", { edition }),
  loadBoard: (edition: number) => call<BoardData>("load_board", { edition }),
  moveStudent: (edition: number, studentMove: Move) => call<BoardChange>("move_student", { edition, studentMove }),
  editPairs: (edition: number, pairs: number[], edit: PairEdit) => call<BoardChange>("edit_pairs", { edition, pairs, edit }),
  forbidPair: (edition: number, student: number, ambassador: number, reason: string | null) =>
    call<BoardChange>("forbid_pair", { edition, student, ambassador, reason }),
  undo: (edition: number) => call<BoardChange>("undo", { edition }),
  redo: (edition: number) => call<BoardChange>("redo", { edition }),
  history: (edition: number) => call<HistoryEntry[]>("history", { edition }),
  withdraw: (edition: number, role: Role, person: number, reason: string | null, date: string) =>
    call<BoardChange>("withdraw", { edition, role, person, reason, date }),
  replacementCandidates: (edition: number, ambassador: number) =>
    call<Candidate[]>("replacement_candidates", { edition, ambassador }),
  listBackups: () => call<BackupInfo[]>("list_backups"),
  restoreBackup: (file: string) => call<Restored>("restore_backup", { file }),
  setRules: (edition: number, rules: Rules) => call<null>("set_rules", { edition, rules }),
  rememberColumn: (role: Role, header: string, field: Field | null) =>
    call<null>("remember_column", { role, header, field }),
  forgetColumn: (role: Role, header: string) => call<null>("forget_column", { role, header }),
};

/** Calls `handler` with the paths of files dropped on the window; returns the unsubscribe function. */
export async function onFileDrop(handler: (paths: string[]) => void): Promise<() => void> {
  return getCurrentWebview().onDragDropEvent((event) => {
    if (event.payload.type === "drop") handler(event.payload.paths);
  });
}

/** Calls `handler` with the number of rows read so far while a file is being read. */
export async function onImportProgress(handler: (rows: number) => void): Promise<() => void> {
  return listen<number>("import-progress", (event) => handler(event.payload));
}

/** Calls `handler` with where a wave's sending stands, after each message. */
export async function onSendProgress(handler: (progress: SendProgress) => void): Promise<() => void> {
  return listen<SendProgress>("send-progress", (event) => handler(event.payload));
}
