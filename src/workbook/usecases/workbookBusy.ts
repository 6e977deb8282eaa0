/**
 * One workbook-writing action at a time, across the task pane and the ribbon (issue 12, observation 7).
 *
 * 一键汇总 reads every sheet and writes 汇总 and 明细 over several round trips (a large 明细 spans several write
 * batches); 插入模板, 更新已有模板 and 插入指标库 rewrite sheets over several round trips too. Two of them at once
 * would interleave their batches: two runs writing the same 汇总, or a run reading a template half rewritten and
 * leaving a department's values out of the summary without a word. So a second writing action is refused — and
 * told so — while one is in flight, never queued (a queued run would write a summary of a workbook the office has
 * since changed, after the office has moved on) and never interleaved. Validation's fixes are one writeCells, a
 * single batch Excel applies whole, and are not guarded.
 *
 * Ribbon commands and the task pane share one JavaScript context (the shared runtime) but are separate webpack
 * entries, each with its own instance of this module: the state therefore lives on `globalThis` (as lastRun's
 * record does), and the error a refusal throws is recognised by its name, not by `instanceof`.
 */

/** What is writing: 一键汇总 (pane or ribbon), or a 模板 section action (a template, its update, the 指标库 sheet). */
export type WritingAction = 'consolidation' | 'templates';

/** Thrown, before anything is read or written, when another writing action is in flight. */
export class WorkbookBusyError extends Error {
  constructor(readonly running: WritingAction) {
    super(`the workbook is busy: ${running} is running`);
    this.name = 'WorkbookBusyError';
  }
}

/** Whether `e` is a refusal, thrown by this entry's module instance or another's. */
export function isWorkbookBusy(e: unknown): e is WorkbookBusyError {
  return (
    e instanceof Error &&
    e.name === 'WorkbookBusyError' &&
    ((e as Partial<WorkbookBusyError>).running === 'consolidation' ||
      (e as Partial<WorkbookBusyError>).running === 'templates')
  );
}

interface Slot {
  running: WritingAction | undefined;
}

const KEY = Symbol.for('kpi-campaign-addin.workbookBusy');

function slot(): Slot {
  const g = globalThis as unknown as Record<symbol, Slot | undefined>;
  let s = g[KEY];
  if (!s) {
    s = { running: undefined };
    g[KEY] = s;
  }
  return s;
}

/** The writing action in flight, if any. */
export function writingNow(): WritingAction | undefined {
  return slot().running;
}

/**
 * Runs `task` as the only writing action: refused with a WorkbookBusyError, before `task` starts, while another is
 * in flight. The slot is taken synchronously (no await before it), so two clicks in the same tick cannot both pass,
 * and it is released when `task` settles, whether it succeeded or failed.
 */
export async function exclusively<T>(action: WritingAction, task: () => Promise<T>): Promise<T> {
  const s = slot();
  if (s.running !== undefined) throw new WorkbookBusyError(s.running);
  s.running = action;
  try {
    return await task();
  } finally {
    s.running = undefined;
  }
}
