import { PortError, type PortErrorCode } from '../port';
import type { WorkbookConsolidation } from './consolidate';
import type { WritingAction } from './workbookBusy';

/**
 * The outcome of the last 一键汇总, from the ribbon or the task pane, for the 汇总 panel to show when it is opened
 * (a ribbon run has no UI of its own). Ribbon commands and the task pane share one page (the shared runtime) but
 * are separate webpack entries, each with its own module instances: the record therefore lives on `globalThis`,
 * and an error is kept as plain data (a PortError of one entry is not `instanceof` the other's class).
 */

export type RunSource = 'ribbon' | 'pane';

/**
 * Why a run did not complete: a workbook refusal (as a PortError's code), a 指标库 sheet with errors, or another
 * writing action in flight (workbookBusy: the run did not start; such a refusal is never recorded as the last run).
 */
export type RunFailure =
  | { readonly kind: 'port'; readonly code: PortErrorCode; readonly detail?: string }
  | { readonly kind: 'planInvalid'; readonly sheet: string; readonly problems: number }
  | { readonly kind: 'busy'; readonly running: WritingAction };

export type LastRun =
  | { readonly source: RunSource; readonly at: number; readonly ok: true; readonly outcome: WorkbookConsolidation }
  | { readonly source: RunSource; readonly at: number; readonly ok: false; readonly failure: RunFailure };

/** A ribbon 一键汇总 refused because a writing action was in flight (the pane, which the ribbon opens, says so). */
export interface RibbonRefusal {
  readonly at: number;
  readonly running: WritingAction;
}

interface Slot {
  run: LastRun | undefined;
  refusal?: RibbonRefusal;
  readonly listeners: Set<() => void>;
}

const KEY = Symbol.for('kpi-campaign-addin.lastConsolidation');

function slot(): Slot {
  const g = globalThis as unknown as Record<symbol, Slot | undefined>;
  let s = g[KEY];
  if (!s) {
    s = { run: undefined, listeners: new Set() };
    g[KEY] = s;
  }
  return s;
}

export function lastRun(): LastRun | undefined {
  return slot().run;
}

export function recordRun(run: LastRun): void {
  const s = slot();
  s.run = run;
  for (const listener of [...s.listeners]) listener();
}

/** The last ribbon click refused (kept apart from lastRun: a refusal must not hide the last run's result). */
export function ribbonRefusal(): RibbonRefusal | undefined {
  return slot().refusal;
}

export function recordRibbonRefusal(refusal: RibbonRefusal): void {
  const s = slot();
  s.refusal = refusal;
  for (const listener of [...s.listeners]) listener();
}

/** The pane has shown `refusal`: it is taken from the record (unless a newer one has replaced it). */
export function takeRibbonRefusal(refusal: RibbonRefusal): void {
  const s = slot();
  if (s.refusal !== refusal) return;
  s.refusal = undefined;
  for (const listener of [...s.listeners]) listener();
}

export function subscribeLastRun(listener: () => void): () => void {
  const s = slot();
  s.listeners.add(listener);
  return () => {
    s.listeners.delete(listener);
  };
}

/** The failure as the error the task pane describes (PortError of this entry's module instance). */
export function failureError(failure: Extract<RunFailure, { kind: 'port' }>): PortError {
  return new PortError(failure.code, failure.detail);
}

/** Anything a run threw (in the entry that ran it), as plain data (an unexpected error keeps its message as the detail). */
export function asRunFailure(error: unknown): RunFailure {
  if (error instanceof PortError)
    return { kind: 'port', code: error.code, ...(error.detail ? { detail: error.detail } : {}) };
  const detail = error instanceof Error ? error.message || error.name : error === undefined ? undefined : String(error);
  return { kind: 'port', code: 'unknown', ...(detail ? { detail } : {}) };
}
