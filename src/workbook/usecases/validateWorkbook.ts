import type { Plan } from '../../domain/plan/schema';
import { isTemplateSheet, validateWorkbookSheets } from '../../domain/validation/validateSheet';
import { type SheetProblem } from '../../domain/grid/problems';
import { type SheetData } from '../../domain/grid/sheet';
import type { WorkbookPort } from '../port';
import { activePlanOf, type ActivePlan } from './activePlan';
import { OUTPUT_READS } from './outputSheets';

/** One sheet's problems, with counts by severity. */
export interface SheetReport {
  readonly sheet: string;
  readonly problems: readonly SheetProblem[];
  readonly errors: number;
  readonly warnings: number;
}

export interface ValidationReport {
  /** The sheets read: every sheet of the workbook, or the ones asked for. A later partial report replaces these. */
  readonly read: readonly string[];
  /** 'all' when every sheet was read (the report stands alone), else 'some'. */
  readonly scope: 'all' | 'some';
  /** The template sheets checked, in tab order. */
  readonly checked: readonly string[];
  /** The sheets with problems, in tab order (a sheet without problems has no entry). */
  readonly sheets: readonly SheetReport[];
  readonly errors: number;
  readonly warnings: number;
}

export interface ValidateOptions {
  /** Check only this sheet (1 round trip in Excel). */
  readonly sheet?: string;
  /** Check only these sheets, in one batch (1 round trip in Excel), e.g. the sheets that just changed. */
  readonly sheets?: readonly string[];
}

/**
 * Validates the entered values of the workbook's template sheets (SPEC §7) without changing anything: every sheet
 * is read in one readAllSheets (2 round trips in Excel, whatever the number of sheets), or only the named sheets in
 * one readSheets (1 round trip). Templates are recognised by their marker, not by their name.
 */
export async function validateWorkbook(
  port: WorkbookPort,
  plan: Plan,
  options: ValidateOptions = {},
): Promise<ValidationReport> {
  const names = options.sheets ?? (options.sheet !== undefined ? [options.sheet] : undefined);
  const scope = names === undefined ? 'all' : 'some';
  const unique = names === undefined ? undefined : [...new Set(names)];
  const sheets: readonly SheetData[] =
    unique === undefined
      ? await port.readAllSheets({ numberFormats: true, lean: OUTPUT_READS })
      : unique.length === 0
        ? []
        : await port.readSheets(unique, { numberFormats: true });
  return reportOf(scope, sheets, plan);
}

/**
 * 校验全部 with the plan as it is now: one readAllSheets (2 round trips in Excel, whatever the number of sheets)
 * serves both the 指标库 sheet, read and validated as activePlan does, and every template. Saves activePlan's 3
 * round trips, and the templates are always checked against the same plan state they were read with.
 */
export async function validateAll(
  port: WorkbookPort,
): Promise<{ readonly active: ActivePlan; readonly report: ValidationReport }> {
  const sheets = await port.readAllSheets({ numberFormats: true, lean: OUTPUT_READS });
  const active = await activePlanOf(sheets);
  return { active, report: reportOf('all', sheets, active.plan) };
}

function reportOf(scope: 'all' | 'some', sheets: readonly SheetData[], plan: Plan): ValidationReport {
  // The same rules whole or in part: a sheet without a template marker is skipped, a damaged marker is reported.
  // (A partial check sees duplicate submissions only among the sheets it read.)
  const { problems } = validateWorkbookSheets(sheets, plan);
  const withProblems = new Set(problems.map((p) => p.sheet));
  const checked = sheets.filter((s) => isTemplateSheet(s) || withProblems.has(s.name)).map((s) => s.name);
  const order = sheets.map((s) => s.name);
  return summarise(scope, order, checked, groupBySheet(problems, order));
}

/** Problems grouped by sheet, in the given sheet order (a sheet not in it comes last, in order of appearance). */
export function groupBySheet(problems: readonly SheetProblem[], order: readonly string[]): SheetReport[] {
  const bySheet = new Map<string, SheetProblem[]>();
  for (const name of order) bySheet.set(name, []);
  for (const p of problems) {
    const list = bySheet.get(p.sheet);
    if (list) list.push(p);
    else bySheet.set(p.sheet, [p]);
  }
  return [...bySheet]
    .filter(([, list]) => list.length > 0)
    .map(([sheet, list]) => ({
      sheet,
      problems: list,
      errors: list.filter((p) => p.severity === 'error').length,
      warnings: list.filter((p) => p.severity === 'warning').length,
    }));
}

function summarise(
  scope: 'all' | 'some',
  read: readonly string[],
  checked: readonly string[],
  sheets: readonly SheetReport[],
): ValidationReport {
  return {
    read,
    scope,
    checked,
    sheets,
    errors: sheets.reduce((n, s) => n + s.errors, 0),
    warnings: sheets.reduce((n, s) => n + s.warnings, 0),
  };
}

/**
 * A report after re-validating some sheets: the sheets `next` read are replaced (their problems gone, or new),
 * the rest of `previous` stays. A full report replaces everything.
 */
export function mergeReports(previous: ValidationReport | undefined, next: ValidationReport): ValidationReport {
  if (!previous || next.scope === 'all') return next;
  const replaced = new Set(next.read);
  const order = [...previous.read, ...next.read.filter((n) => !previous.read.includes(n))];
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i < 0 ? order.length : i;
  };
  const checked = [...previous.checked.filter((n) => !replaced.has(n)), ...next.checked].sort(
    (a, b) => rank(a) - rank(b),
  );
  const sheets = [...previous.sheets.filter((s) => !replaced.has(s.sheet)), ...next.sheets].sort(
    (a, b) => rank(a.sheet) - rank(b.sheet),
  );
  return summarise(previous.scope, order, checked, sheets);
}

/** A problem with a suggested fix. */
export type FixableProblem = SheetProblem & { readonly fix: NonNullable<SheetProblem['fix']> };

export function isFixable(problem: SheetProblem): problem is FixableProblem {
  return problem.fix !== undefined;
}

/**
 * Applies a problem's suggested fix, only ever on the user's request: writes the suggested number into its cell
 * (one writeCells: 1 round trip in Excel). Calling it for a problem without a fix is a programming error.
 */
export async function applyFix(port: WorkbookPort, problem: SheetProblem): Promise<void> {
  if (!isFixable(problem)) throw new TypeError(`problem ${problem.key} at ${problem.sheet}!${problem.cell} has no fix`);
  const { cell, value, numberFormat } = problem.fix;
  await port.writeCells([{ sheet: problem.sheet, address: cell, value, ...(numberFormat ? { numberFormat } : {}) }]);
}
