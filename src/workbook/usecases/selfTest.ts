import { ContractSkip, same } from '../contract/assert';
import { PORT_CHECKS, type PortCheck } from '../contract/portContract';
import type { ContractTarget } from '../contract/target';
import { PortError, type SheetInfo } from '../port';

/**
 * 设置 → 自检 (issue 12): the port contract run inside the add-in, against the workbook it is in. Every check
 * works on scratch sheets named "KPI自检-<time>-<n>" that are removed after it (also after a failure); the active
 * sheet is given back; at the end the sheet list must be what it was. The result and a copyable report say which
 * Excel, platform and requirement sets it ran on, so that a report from a user's machine can be read elsewhere.
 */

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckResult {
  readonly id: string;
  readonly title: { readonly zh: string; readonly en: string };
  readonly status: CheckStatus;
  /** Why it failed or was skipped. */
  readonly message?: string;
  readonly durationMs: number;
}

export interface SelfTestEnvironment {
  readonly addinVersion: string;
  /** "Excel", or "预览 / preview" for the preview host. */
  readonly host: string;
  /** Office.context.diagnostics.platform ("PC", "Mac", "OfficeOnline"…), or the preview's "browser". */
  readonly platform: string;
  /** Office.context.diagnostics.version. */
  readonly excelVersion: string;
  /** ExcelApi 1.1…1.17 and whether each is supported; absent where there are no requirement sets (preview). */
  readonly requirementSets?: readonly { readonly version: string; readonly supported: boolean }[];
}

export interface SelfTestRun {
  readonly adapter: ContractTarget['adapter'];
  readonly environment: SelfTestEnvironment;
  /** ISO time the run started. */
  readonly startedAt: string;
  readonly results: readonly CheckResult[];
}

export interface SelfTestOptions {
  readonly checks?: readonly PortCheck[];
  /** Wall clock, for the scratch names and startedAt. */
  readonly now?: () => Date;
  /** Milliseconds, for durations (performance.now where there is one). */
  readonly clock?: () => number;
  /** Each result as it comes (the panel shows progress). */
  readonly onResult?: (result: CheckResult, index: number, total: number) => void;
  /**
   * Awaited between checks (default: a macrotask). The memory workbook answers in microtasks, so without it a whole
   * run never yields: the pane could not paint progress, and React counts the preview's re-renders on each write
   * as one chain of nested updates (it stops at 50).
   */
  readonly pause?: () => Promise<void>;
}

/** The id of the last result: the workbook is as it was (sheet list and markers), the scratch sheets gone. */
export const UNCHANGED_CHECK_ID = 'workbook.unchanged';
const UNCHANGED_TITLE = {
  zh: '自检后工作表与之前相同（临时表已删除）',
  en: 'the workbook is as before (scratch sheets removed)',
} as const;

export const SCRATCH_PREFIX = 'KPI自检-';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "KPI自检-20261207-001500", unique against the names in use (whatever their case). */
export function scratchBase(now: Date, taken: readonly string[]): string {
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const lower = taken.map((t) => t.toLowerCase());
  const clashes = (base: string) => lower.some((t) => t.startsWith(base.toLowerCase()));
  let base = `${SCRATCH_PREFIX}${stamp}`;
  for (let i = 2; clashes(base); i++) base = `${SCRATCH_PREFIX}${stamp}~${i}`;
  return base;
}

function messageOf(error: unknown): string {
  if (error instanceof PortError) return `PortError: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** What "as before" compares: each sheet's name, position, visibility and marker. */
function shape(sheets: readonly SheetInfo[]) {
  return sheets.map((s) => ({ ...s }));
}

export async function runSelfTest(
  target: ContractTarget,
  environment: SelfTestEnvironment,
  options: SelfTestOptions = {},
): Promise<SelfTestRun> {
  const checks = options.checks ?? PORT_CHECKS;
  const now = options.now ?? (() => new Date());
  const clock = options.clock ?? (() => (typeof performance === 'undefined' ? Date.now() : performance.now()));
  const started = now();
  const before = await target.port.listSheets();
  const activeBefore = target.inspect.active ? await target.inspect.active().catch(() => undefined) : undefined;
  const base = scratchBase(
    started,
    before.map((s) => s.name),
  );
  const results: CheckResult[] = [];
  const record = (result: Omit<CheckResult, 'durationMs'>, start: number) => {
    results.push({ ...result, durationMs: Math.round(clock() - start) });
    options.onResult?.(results[results.length - 1] as CheckResult, results.length - 1, checks.length + 1);
  };
  let n = 0;
  const scratch = () => `${base}-${++n}`;
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  for (const check of checks) {
    await pause();
    const start = clock();
    record({ id: check.id, title: check.title, ...(await runCheck(check, target, scratch)) }, start);
  }
  const start = clock();
  record(
    { id: UNCHANGED_CHECK_ID, title: UNCHANGED_TITLE, ...(await restoreAndCompare(target, before, activeBefore)) },
    start,
  );
  return { adapter: target.adapter, environment, startedAt: started.toISOString(), results };
}

type Outcome = { readonly status: CheckStatus; readonly message?: string };

/** One check: skipped when it needs what the target cannot do; its scratch sheets removed whatever happened. */
async function runCheck(check: PortCheck, target: ContractTarget, scratch: () => string): Promise<Outcome> {
  const missing = (check.needs ?? []).filter(
    (m) => target.cannot?.[m] !== undefined || (m !== 'calculation' && !target.inspect[m]),
  );
  if (missing.length > 0) {
    const reasons = missing.map((m) => target.cannot?.[m] ?? `inspect.${m} is not available on this adapter`);
    return { status: 'skipped', message: reasons.join('; ') };
  }
  const created: string[] = [];
  let outcome: Outcome = { status: 'passed' };
  try {
    await check.run({
      port: target.port,
      target,
      inspect: target.inspect,
      scratch: () => {
        const name = scratch();
        created.push(name);
        return name;
      },
    });
  } catch (error) {
    outcome =
      error instanceof ContractSkip
        ? { status: 'skipped', message: error.reason }
        : { status: 'failed', message: messageOf(error) };
  }
  try {
    await removeScratch(target, created);
  } catch (error) {
    const why = `cleanup: ${messageOf(error)}`;
    outcome = { status: 'failed', message: outcome.message ? `${outcome.message}; ${why}` : why };
  }
  return outcome;
}

/** Gives the user back the sheet they were on (checks activate their scratch sheets), then compares the list. */
async function restoreAndCompare(
  target: ContractTarget,
  before: readonly SheetInfo[],
  activeBefore: { readonly sheet: string; readonly cell?: string } | undefined,
): Promise<Outcome> {
  try {
    if (activeBefore && before.some((s) => s.name === activeBefore.sheet))
      await target.port.activate(activeBefore.sheet, activeBefore.cell);
    const after = await target.port.listSheets();
    if (same(shape(after), shape(before))) return { status: 'passed' };
    const names = (sheets: readonly SheetInfo[]) => sheets.map((s) => s.name).join(', ');
    return { status: 'failed', message: `sheets before: ${names(before)}; after: ${names(after)}` };
  } catch (error) {
    return { status: 'failed', message: messageOf(error) };
  }
}

/** Deletes those of a check's scratch sheets that exist (a check may have deleted or renamed some itself). */
async function removeScratch(target: ContractTarget, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const present = (await target.port.listSheets()).filter((s) => wanted.has(s.name.toLowerCase()));
  for (const sheet of present) await target.port.deleteSheet(sheet.name);
}

export interface SelfTestCounts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

export function countResults(results: readonly CheckResult[]): SelfTestCounts {
  const count = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

/** The copyable report: plain text, labels in both languages, titles in the pane's language. */
export function selfTestReport(run: SelfTestRun, language: 'zh' | 'en'): string {
  const env = run.environment;
  const sets = env.requirementSets
    ? env.requirementSets.map((s) => `${s.version}${s.supported ? '✓' : '✗'}`).join(' ')
    : '—';
  const c = countResults(run.results);
  const lines = [
    'KPI 加载项自检报告 / KPI add-in self-test report',
    `加载项版本 / Add-in version: ${env.addinVersion}`,
    `宿主 / Host: ${env.host}`,
    `Excel 版本 / Excel version: ${env.excelVersion}`,
    `平台 / Platform: ${env.platform}`,
    `ExcelApi: ${sets}`,
    `适配器 / Adapter: ${run.adapter}`,
    `开始时间 / Started: ${run.startedAt}`,
    `结果 / Result: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`,
    '',
    ...run.results.map(
      (r) => `[${r.status}] ${r.id} (${r.durationMs} ms) ${r.title[language]}${r.message ? `\n    ${r.message}` : ''}`,
    ),
  ];
  return lines.join('\n');
}
