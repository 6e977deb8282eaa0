import { TEMPLATE_MARKER_TYPE, claims } from '../../domain/grid/ownSheets';
import type { SheetProblem } from '../../domain/grid/problems';
import { PortError, listedOf, type SheetInfo, type Unsubscribe, type WorkbookPort } from '../port';
import { activePlan, type ActivePlan } from './activePlan';
import { applyFix, mergeReports, validateAll, validateWorkbook, type ValidationReport } from './validateWorkbook';
import { watchChanges, type WatchOptions } from './watchChanges';

/** What the 校验 section shows: the plan in use, the template sheets to choose from, the problems found. */
export interface ValidationView {
  readonly active?: ActivePlan;
  /** Template sheets (by marker, readable or damaged) in tab order. */
  readonly templateSheets: readonly string[];
  /** Every check so far merged: a check of some sheets replaces only those sheets' problems. */
  readonly report?: ValidationReport;
}

/**
 * The 校验 section's flows over the port, one session per open section: checking one sheet, some or all, applying a
 * fix, and live re-validation as staff type. Runs are serialised (a live re-validation never overlaps a manual
 * check) and each returns the view as it now stands; the section's hook only holds that view for React.
 *
 * Round trips in Excel: open 2 (+1 with a 指标库 sheet); check all 2 (the plan read in the same batch); check a sheet
 * or the sheets that changed 1; a fix 1, then 1 to re-check its sheet.
 */
export interface ValidationSession {
  /** The view as it stands (after a failed step: what was found before the failure, e.g. the sheet list). */
  current(): ValidationView;
  open(): Promise<ValidationView>;
  checkAll(): Promise<ValidationView>;
  checkSheets(sheets: readonly string[]): Promise<ValidationView>;
  fix(problem: SheetProblem): Promise<ValidationView>;
  /**
   * Re-validates the sheets that change, once per quiet period (watchChanges), after the first check: until then
   * nothing is shown that could be refreshed. A change to the 指标库 sheet re-reads the plan and checks all. Rejects
   * with PortError('unsupported') where the workbook cannot report changes (manual checks still work).
   */
  watch(
    onChecked: (view: ValidationView, sheets: readonly string[]) => void,
    onError: (error: unknown) => void,
    options?: WatchOptions,
  ): Promise<Unsubscribe>;
}

/** The template sheets of a listing (by marker, readable or damaged: checking a damaged one says what is wrong). */
export function templateSheetNames(sheets: readonly SheetInfo[]): string[] {
  return sheets.filter((s) => claims(listedOf(s), TEMPLATE_MARKER_TYPE)).map((s) => s.name);
}

export function validationSession(port: WorkbookPort): ValidationSession {
  let view: ValidationView = { templateSheets: [] };
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs tasks one after the other; each rejects with its own error, which does not stop the next. */
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task);
    queue = next.catch(() => undefined);
    return next;
  };

  const adoptReport = (next: ValidationReport): ValidationView => {
    const report = mergeReports(view.report, next);
    view = { ...view, report, ...(next.scope === 'all' ? { templateSheets: report.checked } : {}) };
    return view;
  };
  /** The plan in use: as last read, or read now (a change to the 指標库 sheet forgets it). */
  const plan = async (): Promise<ActivePlan> => {
    if (view.active) return view.active;
    const active = await activePlan(port);
    view = { ...view, active };
    return active;
  };
  const checkAll = async (): Promise<ValidationView> => {
    // The plan is read again with everything else (one batch): the 指标库 sheet may have been edited since.
    const { active, report } = await validateAll(port);
    view = { ...view, active };
    return adoptReport(report);
  };
  const checkSheets = async (sheets: readonly string[]): Promise<ValidationView> => {
    if (view.active?.sheet !== undefined && sheets.includes(view.active.sheet)) return checkAll();
    try {
      return adoptReport(await validateWorkbook(port, (await plan()).plan, { sheets }));
    } catch (e) {
      // A sheet renamed or deleted since it changed: check everything instead of guessing.
      if (e instanceof PortError && e.code === 'sheetMissing') return checkAll();
      throw e;
    }
  };

  return {
    current: () => view,
    open: () =>
      serial(async () => {
        const sheets = await port.listSheets();
        view = { ...view, templateSheets: templateSheetNames(sheets) };
        // A plan that cannot be read (its sheet refused, its reader not loaded) leaves the sheet list in the view.
        view = { ...view, active: await activePlan(port, sheets) };
        return view;
      }),
    checkAll: () => serial(checkAll),
    checkSheets: (sheets) => serial(() => checkSheets(sheets)),
    fix: (problem) =>
      serial(async () => {
        await applyFix(port, problem);
        return checkSheets([problem.sheet]);
      }),
    watch: (onChecked, onError, options) =>
      watchChanges(
        port,
        (changed) =>
          void serial(async () => {
            const planSheet = view.active?.sheet;
            const planChanged = planSheet !== undefined && changed.includes(planSheet);
            if (planChanged) {
              const { active: _forgotten, ...rest } = view; // read again when next needed
              view = rest;
            }
            if (!view.report) return; // nothing shown yet: nothing to refresh
            try {
              onChecked(await (planChanged ? checkAll() : checkSheets(changed)), changed);
            } catch (e) {
              onError(e);
            }
          }),
        options,
      ),
  };
}
