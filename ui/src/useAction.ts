import { useCallback, useLayoutEffect, useRef, useState } from "react";
import { toApiError, type ApiError } from "./api";

export type Action = {
  /** A `run` is under way: the buttons that start one are disabled meanwhile. */
  busy: boolean;
  /** The French message of the last failure, shown in an `ErrorAlert`; null once cleared. */
  error: string | null;
  /** Clears the error, runs `work` with `busy` on, and shows its failure unless the organiser
   * cancelled (a dialog closed). Resolves to the work's result, or `undefined` if it failed. */
  run: <T>(work: () => Promise<T>) => Promise<T | undefined>;
  /** As `run`, without `busy`: for work that does not hold the other buttons (a dialog, a save). */
  attempt: <T>(work: () => Promise<T>) => Promise<T | undefined>;
  /** Shows what a call failed with (e.g. a read's `.then(…, fail)`), cancelled or not. */
  fail: (raw: unknown) => void;
  /** Shows a message of the window's own (a move refused without asking the Rust side). */
  showError: (message: string) => void;
  clearError: () => void;
};

/** Where `runAction` reports. */
export type ActionReport = {
  setBusy?: (busy: boolean) => void;
  setError: (message: string | null) => void;
  onError?: (error: ApiError) => void;
};

/** `run` and `attempt` without React (tested in useAction.test.ts): the error cleared, `busy` on
 * while `work` runs if reported, a failure shown unless cancelled, `onError` told of every one. */
export async function runAction<T>(work: () => Promise<T>, report: ActionReport): Promise<T | undefined> {
  report.setError(null);
  report.setBusy?.(true);
  try {
    return await work();
  } catch (e) {
    const apiError = toApiError(e);
    if (!apiError.cancelled) report.setError(apiError.message);
    report.onError?.(apiError);
    return undefined;
  } finally {
    report.setBusy?.(false);
  }
}

/** The busy flag and error message of what a component asks the Rust side, and the one way to
 * ask. `onError`, if given, also hears of each failure of `run` or `attempt`, cancellations
 * included. The functions returned keep their identity from one render to the next. */
export function useAction(onError?: (error: ApiError) => void): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onErrorRef = useRef(onError);
  useLayoutEffect(() => {
    onErrorRef.current = onError;
  });

  const run = useCallback(
    <T>(work: () => Promise<T>) => runAction(work, { setBusy, setError, onError: (e) => onErrorRef.current?.(e) }),
    [],
  );
  const attempt = useCallback(
    <T>(work: () => Promise<T>) => runAction(work, { setError, onError: (e) => onErrorRef.current?.(e) }),
    [],
  );
  const fail = useCallback((raw: unknown) => setError(toApiError(raw).message), []);
  const showError = useCallback((message: string) => setError(message), []);
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, run, attempt, fail, showError, clearError };
}
