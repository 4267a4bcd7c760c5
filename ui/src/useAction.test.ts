import { describe, expect, it } from "vitest";
import type { ApiError } from "./api";
import { runAction } from "./useAction";

function recorder(withBusy = true) {
  const log: string[] = [];
  const errors: ApiError[] = [];
  const report = {
    setBusy: withBusy ? (busy: boolean) => log.push(`busy ${busy}`) : undefined,
    setError: (message: string | null) => log.push(`error ${message}`),
    onError: (e: ApiError) => errors.push(e),
  };
  return { log, errors, report };
}

describe("running what a component asks the Rust side", () => {
  it("clears the error, is busy while the work runs, and gives its result", async () => {
    const { log, errors, report } = recorder();
    const result = await runAction(async () => {
      log.push("work");
      return 42;
    }, report);
    expect(result).toBe(42);
    expect(log).toEqual(["error null", "busy true", "work", "busy false"]);
    expect(errors).toEqual([]);
  });

  it("shows the French message of an IpcError, and tells onError", async () => {
    const { log, errors, report } = recorder();
    const result = await runAction(() => Promise.reject({ kind: "conflict", message: "Une édition s'appelle déjà « 2026 »." }), report);
    expect(result).toBe(undefined);
    expect(log).toEqual(["error null", "busy true", "error Une édition s'appelle déjà « 2026 ».", "busy false"]);
    expect(errors.map((e) => e.error.kind)).toEqual(["conflict"]);
  });

  it("shows nothing when the organiser cancelled, but still tells onError", async () => {
    const { log, errors, report } = recorder();
    await runAction(() => Promise.reject({ kind: "cancelled" }), report);
    expect(log).toEqual(["error null", "busy true", "busy false"]);
    expect(errors.map((e) => e.cancelled)).toEqual([true]);
  });

  it("words an unexpected failure as the app's", async () => {
    const { log, report } = recorder(false);
    await runAction(() => Promise.reject(new Error("boom")), report);
    // Without setBusy (`attempt`), busy is left alone.
    expect(log).toEqual(["error null", "error Erreur inattendue de l'application : boom"]);
  });
});
