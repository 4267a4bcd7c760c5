// Pure helpers of the « Messages » tab (unit-tested in notify.test.ts).
import type { MessageKind } from "./bindings/MessageKind";
import type { Owed } from "./bindings/Owed";
import type { Role } from "./bindings/Role";
import type { SendProgress } from "./bindings/SendProgress";
import type { Template } from "./bindings/Template";
import type { Templates } from "./bindings/Templates";

/** A person's key in a selection: "student:12", "ambassador:3". */
export const personKey = (role: Role, person: number): string => `${role}:${person}`;

/** The people chosen in « À prévenir », as the engine wants them; null when all are. */
export function chosenPeople(owed: Owed[], chosen: Set<string>): Array<[Role, number]> | null {
  if (chosen.size === 0 || owed.every((o) => chosen.has(personKey(o.role, o.person)))) return null;
  return owed.filter((o) => chosen.has(personKey(o.role, o.person))).map((o) => [o.role, o.person]);
}

/** The French word for a role. */
export const roleLabel = (role: Role): string => (role === "student" ? "étudiant" : "ambassadeur");

/** Counts of « À prévenir » by kind, in French: « 3 nouveaux binômes, 2 changements ». */
export function owedSummary(owed: Owed[]): string {
  if (owed.length === 0) return "Personne n'est à prévenir : chacun sait où il en est.";
  const names: Record<MessageKind, [string, string]> = {
    newPair: ["nouveau binôme", "nouveaux binômes"],
    change: ["changement", "changements"],
    cancellation: ["annulation", "annulations"],
    noPair: ["« pas de binôme »", "« pas de binôme »"],
    noStudent: ["« pas d'étudiant »", "« pas d'étudiant »"],
    reminder: ["rappel", "rappels"],
    thanks: ["remerciement", "remerciements"],
  };
  const counts = new Map<MessageKind, number>();
  for (const o of owed) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, n]) => `${n} ${names[kind][n > 1 ? 1 : 0]}`);
  return `${owed.length} personne${owed.length > 1 ? "s" : ""} à prévenir : ${parts.join(", ")}.`;
}

/** Where a sending stands, in French. */
export function progressText(p: SendProgress): string {
  const parts = [`${p.done} / ${p.total} traités`, `${p.sent} envoyé${p.sent > 1 ? "s" : ""}`];
  if (p.refused) parts.push(`${p.refused} refusé${p.refused > 1 ? "s" : ""} par le serveur`);
  if (p.failed) parts.push(`${p.failed} non envoyé${p.failed > 1 ? "s" : ""} (à reprendre)`);
  if (p.uncertain) parts.push(`${p.uncertain} interrompu${p.uncertain > 1 ? "s" : ""} (peut-être reçu${p.uncertain > 1 ? "s" : ""})`);
  const state = p.stopped ?? (p.finished ? "Envoi terminé." : p.paused ? "En pause." : p.current ? `Envoi à ${p.current}…` : "");
  return `${parts.join(", ")}. ${state}`.trim();
}

/** The templates of a kind, per role (the keys of `Templates`). */
export const TEMPLATE_KEYS: Record<MessageKind, Partial<Record<Role, keyof Templates>>> = {
  newPair: { student: "student", ambassador: "ambassador" },
  change: { student: "changeStudent", ambassador: "changeAmbassador" },
  cancellation: { student: "cancellationStudent", ambassador: "cancellationAmbassador" },
  noPair: { student: "noPair" },
  noStudent: { ambassador: "noStudent" },
  reminder: { student: "reminderStudent", ambassador: "reminderAmbassador" },
  thanks: { student: "thanksStudent", ambassador: "thanksAmbassador" },
};

/** The template of a kind for a role, if the kind goes to that role. */
export function templateOf(templates: Templates, kind: MessageKind, role: Role): Template | null {
  const key = TEMPLATE_KEYS[kind][role];
  return key ? (templates[key] as Template) : null;
}

/** The templates with one of them changed. */
export function withTemplate(templates: Templates, kind: MessageKind, role: Role, template: Template): Templates {
  const key = TEMPLATE_KEYS[kind][role];
  return key ? { ...templates, [key]: template } : templates;
}
