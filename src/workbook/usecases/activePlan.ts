import { builtinPlan, withEnglishNames } from '../../domain/plan/builtin';
import { PLAN_MARKER_TYPE, claims, listedMarkerOf, pickListed } from '../../domain/grid/ownSheets';
import type { Plan } from '../../domain/plan/schema';
import type { SheetProblem } from '../../domain/grid/problems';
import type { SheetData } from '../../domain/grid/sheet';
import { PortError, listedOf, type SheetInfo, type WorkbookPort } from '../port';

export type PlanSource = 'builtin' | 'sheet';

export interface ActivePlan {
  readonly plan: Plan;
  /** `sheet`: the workbook's 指标库 sheet; `builtin`: the built-in plan (no such sheet, or the sheet is invalid). */
  readonly source: PlanSource;
  /** The 指标库 sheet, when the workbook has one (also when it was invalid and the built-in plan is used instead). */
  readonly sheet?: string;
  /** The sheet's problems, each with its cell. With errors among them, `source` is 'builtin': nothing is guessed. */
  readonly problems: readonly SheetProblem[];
}

/**
 * The plan in use (SPEC §2): the workbook's 指标库 sheet (found by its marker, whatever its name) when it has
 * one, read and validated; otherwise, or when the sheet is invalid, the built-in plan, flagged as such with the
 * sheet's problems. Round trips in Excel: 2 to list the sheets, plus 1 to read the 指标库 sheet.
 *
 * `sheets`: the sheet list when the caller has just read it (saves the 2 round trips of listing).
 */
export async function activePlan(port: WorkbookPort, sheets?: readonly SheetInfo[]): Promise<ActivePlan> {
  const list = sheets ?? (await port.listSheets());
  // A damaged 指标库 marker is read all the same: the sheet's problems say so, rather than the plan silently
  // falling back to the built-in one.
  const planSheet = pickListed(list, listedOf, PLAN_MARKER_TYPE);
  if (!planSheet) return { plan: builtinPlan(), source: 'builtin', problems: [] };
  const [data] = await port.readSheets([planSheet.name], { numberFormats: true });
  return fromPlanSheet(data ?? { name: planSheet.name, values: [] });
}

/**
 * The plan in use again, from what the caller found before (`known`), for an action about to use it: the 指标库
 * sheet found then is read by name (1 round trip) and used while it still is the plan sheet; when it is gone or
 * no longer one, the full activePlan (2–3). Where `known` had no 指标库 sheet nothing is read and the built-in plan
 * is returned: the caller confirms it from the next sheet list it gets (a 指标库 sheet may have been added since),
 * as insertTemplateInUse does from its write's own listing.
 */
export async function refreshPlan(port: WorkbookPort, known: ActivePlan): Promise<ActivePlan> {
  if (known.sheet === undefined) return { plan: builtinPlan(), source: 'builtin', problems: [] };
  try {
    const [data] = await port.readSheets([known.sheet], { numberFormats: true });
    if (data && claims(listedMarkerOf(data.values), PLAN_MARKER_TYPE)) return fromPlanSheet(data);
  } catch (error) {
    if (!(error instanceof PortError && error.code === 'sheetMissing')) throw error;
  }
  return activePlan(port);
}

/**
 * The plan in use among sheets already read (e.g. by readAllSheets): no round trip of its own. The 指标库 is chosen
 * as a listing chooses it (pickListed over column A), so that the pane and 一键汇总 always agree on it.
 */
export async function activePlanOf(sheets: readonly SheetData[]): Promise<ActivePlan> {
  const planSheet = pickListed(sheets, (s) => listedMarkerOf(s.values), PLAN_MARKER_TYPE);
  return planSheet ? fromPlanSheet(planSheet) : { plan: builtinPlan(), source: 'builtin', problems: [] };
}

/** Reads a 指标库 sheet. The reader (and zod, which validates it) is loaded only for a workbook that has one. */
async function fromPlanSheet(sheet: SheetData): Promise<ActivePlan> {
  const { readPlanSheet } = await import(/* webpackChunkName: "plan-reader" */ '../../domain/plan/readPlanSheet');
  const read = readPlanSheet(sheet);
  if (read.plan)
    return { plan: withEnglishNames(read.plan), source: 'sheet', sheet: sheet.name, problems: read.problems };
  return { plan: builtinPlan(), source: 'builtin', sheet: sheet.name, problems: read.problems };
}
