import type { FormulaMode } from '../../domain/calc/formulas';
import { PLAN_COLUMNS, buildPlanSheet } from '../../domain/plan/planSheet';
import {
  PLAN_MARKER_TYPE,
  INDICATOR_CODE,
  findKeysRow,
  isTemplateFor,
  normaliseCode,
  templateMarkerOf,
} from '../../domain/grid/ownSheets';
import { departmentRole, type DepartmentRole } from '../../domain/plan/departments';
import type { Campaign, Plan } from '../../domain/plan/schema';
import { sanitizeSheetName } from '../../domain/grid/sheetSpec';
import { literalOf, type CellValue, type LiteralValue } from '../../domain/grid/cells';
import { CELLS, COLUMN, COLUMN_KEYS, ROWS, type ColumnKey } from '../../domain/template/layout';
import {
  buildTemplate,
  reapplyValuesWithReport,
  templateSheetName,
  type PreviousValues,
  type TemplateRequest,
  type UnplacedValue,
} from '../../domain/template/template';
import { columnLetters, parseCell } from '../../domain/grid/address';
import { PortError, type SheetInfo, type WorkbookPort } from '../port';
import { type SheetData } from '../../domain/grid/sheet';
import { activePlan, refreshPlan, type ActivePlan } from './activePlan';
import { exclusively } from './workbookBusy';

/**
 * Use cases of the 模板 section (and of ribbon commands): insert a department's template, re-apply it in place
 * for the same campaign, department and month (keeping every value already entered), insert the plan as a
 * 指标库 sheet. Only the port and the domain: no UI, no Office. The three buttons' use cases (…InUse) are writing
 * actions: one at a time with 一键汇总 and each other (workbookBusy), refused with a WorkbookBusyError otherwise.
 */

/** The template a request is for, as markers name it (grid/ownSheets isTemplateFor). */
const templateOf = (r: Omit<TemplateRequest, 'plan' | 'mode'>) => ({ ...r, campaign: r.campaignId });

/** The first cell staff type into on a freshly built template (1–N月累计完成 of the first indicator). */
export const FIRST_INPUT_CELL = `${COLUMN.actual}${ROWS.firstIndicator}`;

export type InsertTemplateResult =
  /** A new sheet, active, with `selected` selected. */
  | { readonly outcome: 'inserted'; readonly sheet: string; readonly selected: string }
  /** The template of the same campaign, department and period was rebuilt in place; `kept` values were put back. */
  | {
      readonly outcome: 'reapplied';
      readonly sheet: string;
      readonly selected: string;
      readonly kept: number;
      /** Values that have no place in the rebuilt sheet (e.g. an indicator no longer in the plan): not written, listed. */
      readonly unplaced: readonly UnplacedValue[];
    }
  /**
   * That template exists but its structure is broken (keys row or code column missing or duplicated): its values
   * cannot be read back reliably, so it was left untouched rather than overwritten.
   */
  | { readonly outcome: 'unreadable'; readonly sheet: string };

/**
 * Inserts the template of one campaign for one department and month: a new sheet with a unique name, activated,
 * its first input cell selected. When the workbook already has that template (found by its marker, whatever its
 * name), it is re-applied in place instead: the sheet keeps its name and tab position, the plan's current names
 * and targets are written, and every value already entered is put back (rows matched by indicator code); values
 * without a place are reported, never dropped silently.
 *
 * Round trips in Excel: 2 for a new sheet — one insertSheet, whose write batch also brings back every other
 * sheet's marker. Which outcome it is can only be known from those markers, so the new sheet is added
 * optimistically: when they show the template already exists, the new sheet is deleted (1) and the existing one
 * re-applied (1 to read it, 3 to rewrite it). With `listed` (a sheet list the caller has just read) that shows
 * the template, the re-apply starts at once (4).
 */
export async function insertTemplate(
  port: WorkbookPort,
  request: TemplateRequest,
  /** The sheet list when the caller has just read it (e.g. for activePlan): an existing template is found at once. */
  listed?: readonly SheetInfo[],
): Promise<InsertTemplateResult> {
  const known = listed?.find((s) => isTemplateFor(s.marker, templateOf(request)));
  if (known) {
    try {
      return await reapply(port, request, known.name);
    } catch (error) {
      // The list was stale (the sheet has been deleted or renamed since): look again, as without a list.
      if (!(error instanceof PortError && error.code === 'sheetMissing')) throw error;
    }
  }
  const { name, others } = await insertNew(port, request);
  return keepOrReapply(port, request, name, others);
}

/**
 * After an optimistic insert: the new sheet stays, unless the other sheets' markers show the template was there
 * already — then the new sheet, a duplicate, is deleted and the existing one re-applied.
 */
async function keepOrReapply(
  port: WorkbookPort,
  request: TemplateRequest,
  name: string,
  others: readonly SheetInfo[],
): Promise<InsertTemplateResult> {
  const existing = others.find((s) => isTemplateFor(s.marker, templateOf(request)));
  if (!existing) return { outcome: 'inserted', sheet: name, selected: FIRST_INPUT_CELL };
  await port.deleteSheet(name);
  return reapply(port, request, existing.name);
}

/** The template as a new sheet (named uniquely, active, H7 selected), with the other sheets as they were. */
function insertNew(port: WorkbookPort, request: TemplateRequest) {
  return port.insertSheet((existingSheetNames) => buildTemplate({ ...request, existingSheetNames }), {
    select: FIRST_INPUT_CELL,
  });
}

/** What the 插入模板 button chose: the plan and its year are the workbook's, as insertTemplateInUse finds them. */
export type TemplateChoice = Omit<TemplateRequest, 'plan' | 'year'>;

export interface InsertInUseResult {
  /** The plan in use, as read for this insert (for the pane to show). */
  readonly active: ActivePlan;
  readonly result: InsertTemplateResult | { readonly outcome: 'campaignMissing' };
}

/**
 * The 插入模板 button: the template of `choice`, built from the plan in use as the workbook has it now. `known`
 * is the plan the pane found when it opened: its 指标库 sheet is re-read by name (1 round trip; refreshPlan),
 * then the insert (2). Where the pane found no 指标库 sheet the built-in plan is used at once, and confirmed from
 * the insert's own listing: should a 指标库 sheet have been added since, the new sheet is rebuilt from it
 * (or removed again, when that plan has no such campaign). So 3 round trips with a 指标库 sheet, 2 without, where
 * listing, reading the plan and inserting one after the other take 5.
 */
export async function insertTemplateInUse(
  port: WorkbookPort,
  choice: TemplateChoice,
  known?: ActivePlan,
): Promise<InsertInUseResult> {
  return exclusively('templates', () => insertTemplateInUseNow(port, choice, known));
}

async function insertTemplateInUseNow(
  port: WorkbookPort,
  choice: TemplateChoice,
  known?: ActivePlan,
): Promise<InsertInUseResult> {
  const active = known ? await refreshPlan(port, known) : await activePlan(port);
  const has = (plan: Plan) => plan.campaigns.some((c) => c.id === choice.campaignId);
  const requestFor = (plan: Plan): TemplateRequest => ({ ...choice, plan, year: plan.year });
  if (!has(active.plan)) return { active, result: { outcome: 'campaignMissing' } };
  // A 指标库 sheet found on opening was read again just now; where none was found, the built-in plan is assumed
  // and settled from the insert's own listing (a 指标库 sheet may have been added since) before anything is decided.
  const assumed = known !== undefined && known.sheet === undefined;
  if (!assumed) return { active, result: await insertTemplate(port, requestFor(active.plan)) };

  const { name, others } = await insertNew(port, requestFor(active.plan));
  const fresh = await activePlan(port, others); // no round trip when there still is no 指标库 sheet
  if (!has(fresh.plan)) {
    await port.deleteSheet(name);
    return { active: fresh, result: { outcome: 'campaignMissing' } };
  }
  const request = requestFor(fresh.plan);
  const result = await keepOrReapply(port, request, name, others);
  if (result.outcome !== 'inserted' || JSON.stringify(fresh.plan) === JSON.stringify(active.plan))
    return { active: fresh, result };
  // Built from the built-in plan, but the workbook's 指标库 is another: rebuilt from it (nothing entered yet).
  const rebuilt = await reapply(port, request, name);
  return { active: fresh, result: rebuilt.outcome === 'reapplied' ? result : rebuilt };
}

/** Rebuilds the template on the sheet that holds it, putting back what was entered (see insertTemplate). */
async function reapply(port: WorkbookPort, request: TemplateRequest, sheet: string): Promise<InsertTemplateResult> {
  const entered = await readEntered(port, sheet);
  if (!entered) return { outcome: 'unreadable', sheet };
  return { outcome: 'reapplied', sheet, ...(await rewrite(port, request, sheet, entered)) };
}

/** What was entered on a template sheet; undefined (and the sheet shown) when its structure is too broken to tell. */
async function readEntered(port: WorkbookPort, sheet: string): Promise<EnteredValues | undefined> {
  const [data] = await port.readSheets([sheet]);
  const entered = data ? readEnteredValues(data) : undefined;
  if (!entered) await port.activate(sheet);
  return entered;
}

/** Writes the template of `request` over `sheet` (in place), with the values entered put back by code. */
async function rewrite(
  port: WorkbookPort,
  request: TemplateRequest,
  sheet: string,
  entered: EnteredValues,
): Promise<{ selected: string; kept: number; unplaced: readonly UnplacedValue[] }> {
  const selected = FIRST_INPUT_CELL;
  const fresh = buildTemplate({
    ...request,
    ...(entered.reporter !== undefined ? { reporter: entered.reporter } : {}),
    ...(entered.phone !== undefined ? { phone: entered.phone } : {}),
  });
  const { spec, placed, unplaced } = reapplyValuesWithReport({ ...fresh, name: sheet }, entered.byCode);
  await port.writeSheet(spec, { replace: true, select: selected });
  return { selected, kept: placed, unplaced };
}

/** A template sheet of the workbook, as the 模板 section lists them for updating. */
export interface TemplateSheet {
  readonly name: string;
  readonly campaignId: string;
  readonly department: string;
  readonly year: number;
  readonly month: number;
  /** The department's role its marker records (a 配合部门's share sheet: 'contributor'), if any. */
  readonly role?: DepartmentRole;
}

/** The template sheets among listed sheets (by their markers, whatever their names), in tab order. */
export function templateSheets(sheets: readonly SheetInfo[]): TemplateSheet[] {
  return sheets.flatMap((s): TemplateSheet[] => {
    const m = templateMarkerOf(s.marker);
    const role = departmentRole(m?.role);
    return m
      ? [
          {
            name: s.name,
            campaignId: m.campaign,
            department: m.department,
            year: m.year,
            month: m.month,
            ...(role ? { role } : {}),
          },
        ]
      : [];
  });
}

export interface UpdateTemplateRequest {
  readonly plan: Plan;
  /** The template sheet to update. */
  readonly sheet: string;
  /** The report month it is to have (of the plan's year). */
  readonly month: number;
  readonly mode: FormulaMode;
}

export type UpdateTemplateResult =
  | {
      readonly outcome: 'updated';
      readonly sheet: string;
      /** Its name before, when it had the default name of its old month and was renamed to the new month's. */
      readonly renamedFrom?: string;
      readonly selected: string;
      readonly kept: number;
      readonly unplaced: readonly UnplacedValue[];
    }
  /** The sheet is no longer there, or no longer one of the add-in's templates. */
  | { readonly outcome: 'notATemplate'; readonly sheet: string }
  /** Its campaign is not in the plan in use (e.g. a 指标库 edited for another year). */
  | { readonly outcome: 'campaignMissing'; readonly sheet: string; readonly campaignId: string }
  /** Another sheet already is the template of that campaign, department and month: two would be a conflict. */
  | { readonly outcome: 'periodTaken'; readonly sheet: string; readonly other: string }
  | { readonly outcome: 'unreadable'; readonly sheet: string };

/**
 * Updates an existing template sheet in place to another report month and/or formula mode, and to the targets of
 * the plan in use (SPEC §2: a plan edited for another year gives that year): the month's headers, 序时进度 and
 * marker change, every value already entered is kept (rows matched by indicator code) — the 1–N月累计 figures
 * are year-to-date, so last month's are where this month's start. A sheet still named after its old month
 * ("招大引强-投资促进中心-6月") is renamed after the new one; a name the office chose is kept. Refused, with
 * nothing changed, when another sheet already holds that campaign, department and month.
 *
 * Round trips in Excel: 2 (list) + 1 (read) + 3 (rewrite in place) + 1 (rename, only then).
 */
export async function updateTemplate(
  port: WorkbookPort,
  request: UpdateTemplateRequest,
  listed?: readonly SheetInfo[],
): Promise<UpdateTemplateResult> {
  const sheets = listed ?? (await port.listSheets());
  const key = request.sheet.toLowerCase();
  const current = templateSheets(sheets).find((s) => s.name.toLowerCase() === key);
  if (!current) return { outcome: 'notATemplate', sheet: request.sheet };
  const campaign = request.plan.campaigns.find((c) => c.id === current.campaignId);
  if (!campaign) return { outcome: 'campaignMissing', sheet: current.name, campaignId: current.campaignId };
  const target = {
    plan: request.plan,
    campaignId: current.campaignId,
    department: current.department,
    year: request.plan.year,
    month: request.month,
    mode: request.mode,
    // The role it was made for: a 配合部门's share sheet stays one whatever the plan says now.
    ...(current.role ? { role: current.role } : {}),
  };
  const other = sheets.find((s) => s.name.toLowerCase() !== key && isTemplateFor(s.marker, templateOf(target)));
  if (other) return { outcome: 'periodTaken', sheet: current.name, other: other.name };

  const entered = await readEntered(port, current.name);
  if (!entered) return { outcome: 'unreadable', sheet: current.name };
  const written = await rewrite(port, target, current.name, entered);
  // Renamed only once rewritten (a failed rewrite leaves no July name on a June sheet), and only when the name is
  // the add-in's own for its old month, "… (2)" included: a name the office chose is the office's.
  let name = current.name;
  if (current.month !== request.month && isDefaultName(current.name, campaign, current.department, current.month)) {
    const others = sheets.filter((s) => s.name.toLowerCase() !== key).map((s) => s.name);
    const wanted = templateSheetName(campaign, current.department, request.month, others);
    try {
      await port.renameSheet(current.name, wanted);
      name = wanted;
    } catch (error) {
      // A sheet took that name meanwhile: the template is updated all the same, under its old name.
      if (!(error instanceof PortError && error.code === 'nameClash')) throw error;
    }
  }
  return {
    outcome: 'updated',
    sheet: name,
    ...(name !== current.name ? { renamedFrom: current.name } : {}),
    ...written,
  };
}

/**
 * What the 模板 section shows when it opens: the workbook's template sheets and the plan in use (2–3 round trips).
 * A plan that cannot be read (its sheet refused, its reader not loaded) is `error`, beside the list.
 */
export async function openTemplates(port: WorkbookPort): Promise<{
  readonly templates: readonly TemplateSheet[];
  readonly active?: ActivePlan;
  readonly error?: unknown;
}> {
  const listed = await port.listSheets();
  const templates = templateSheets(listed);
  try {
    return { templates, active: await activePlan(port, listed) };
  } catch (error) {
    return { templates, error };
  }
}

/** What the 更新已有模板 button chose: a template sheet, and the month and formulas it is to have. */
export type UpdateChoice = Omit<UpdateTemplateRequest, 'plan'>;

export interface UpdateInUseResult {
  /** The plan in use, as read for this update. */
  readonly active: ActivePlan;
  readonly result: UpdateTemplateResult;
  /** The workbook's template sheets after the update (renamed, moved to the new month, or no longer one). */
  readonly templates: readonly TemplateSheet[];
}

/**
 * The 更新已有模板 button: the plan as the 指标库 sheet is now, from the same listing the update uses, then the update
 * (updateTemplate). Round trips in Excel: 2 (list) + 1 (指标库, when there is one) + 1 (read) + 3 (rewrite) + 1 (rename,
 * only then).
 */
export async function updateTemplateInUse(port: WorkbookPort, choice: UpdateChoice): Promise<UpdateInUseResult> {
  return exclusively('templates', () => updateTemplateInUseNow(port, choice));
}

async function updateTemplateInUseNow(port: WorkbookPort, choice: UpdateChoice): Promise<UpdateInUseResult> {
  const listed = await port.listSheets();
  const active = await activePlan(port, listed);
  const result = await updateTemplate(port, { ...choice, plan: active.plan }, listed);
  const templates = templateSheets(listed).flatMap((t): TemplateSheet[] => {
    if (t.name !== choice.sheet) return [t];
    if (result.outcome === 'notATemplate') return [];
    if (result.outcome !== 'updated') return [t];
    return [{ ...t, name: result.sheet, year: active.plan.year, month: choice.month }];
  });
  return { active, result, templates };
}

/**
 * The 插入指标库 button: the plan shown, inserted as a 指标库 sheet (or the existing one shown), then that sheet read
 * by name as the plan in use — what the sheet says is the plan now, not what was written. Round trips in Excel: 4
 * to insert (or 3 to show the existing one), 1 to read it.
 */
export async function insertPlanSheetInUse(
  port: WorkbookPort,
  plan: Plan,
): Promise<{ readonly active: ActivePlan; readonly result: InsertPlanSheetResult }> {
  return exclusively('templates', async () => {
    const result = await insertPlanSheet(port, plan);
    const active = await refreshPlan(port, { plan, source: 'sheet', sheet: result.sheet, problems: [] });
    return { result, active };
  });
}

/** Whether `name` is the name templateSheetName gives that template, with or without a " (n)" made it unique. */
function isDefaultName(name: string, campaign: Campaign, department: string, month: number): boolean {
  const base = templateSheetName(campaign, department, month);
  if (name === base) return true;
  const suffix = / \(\d+\)$/.exec(name)?.[0];
  return suffix !== undefined && name === base.slice(0, 31 - suffix.length) + suffix;
}

export interface EnteredValues {
  /** The input cells of each indicator row, by indicator code. */
  readonly byCode: ReadonlyMap<string, PreviousValues>;
  readonly reporter?: string;
  readonly phone?: string;
}

const INPUT_FIELDS = ['actual', 'prior', 'reason', 'note'] as const satisfies readonly (keyof PreviousValues &
  ColumnKey)[];

/**
 * What a department entered on a template, read back by structure (the keys row gives the columns, the code
 * column the rows), so that inserted rows and columns do not misplace anything. Codes are read as validation reads
 * them (normaliseCode). Undefined when the structure is too broken to read reliably (no keys row, or the code or
 * actual column missing or duplicated).
 */
export function readEnteredValues(sheet: Pick<SheetData, 'values'>): EnteredValues | undefined {
  const { values } = sheet;
  const keys = findKeysRow(values, COLUMN_KEYS, ['code', 'actual']);
  const codeColumn = keys?.columns.code;
  if (!keys || codeColumn === undefined || keys.columns.actual === undefined) return undefined;
  const columns = keys.columns;
  const byCode = new Map<string, PreviousValues>();
  for (let row = keys.row + 1; row <= values.length; row++) {
    const cells = values[row - 1] ?? [];
    const code = normaliseCode(cells[codeColumn - 1] ?? null);
    if (!INDICATOR_CODE.test(code) || byCode.has(code)) continue;
    const entry: Partial<Record<(typeof INPUT_FIELDS)[number], LiteralValue>> = {};
    for (const field of INPUT_FIELDS) {
      const column = columns[field];
      const value = column === undefined ? null : literal(cells[column - 1]);
      if (value !== null) entry[field] = value;
    }
    byCode.set(code, entry);
  }
  // The heading cells move with the keys row (inserted rows) and with their key's column (inserted columns).
  const heading = (address: string): string | undefined => {
    const at = parseCell(address);
    const key = COLUMN_KEYS[at.column - 1];
    const column = key === undefined ? undefined : columns[key];
    if (column === undefined) return undefined;
    const v = literal(values[at.row + keys.row - ROWS.keys - 1]?.[column - 1]);
    return v === null || typeof v === 'boolean' ? undefined : String(v);
  };
  const reporter = heading(CELLS.reporter);
  const phone = heading(CELLS.phone);
  return { byCode, ...(reporter !== undefined ? { reporter } : {}), ...(phone !== undefined ? { phone } : {}) };
}

/** A cell as a value to write back: an error value keeps its text (so that validation still reports it). */
function literal(v: CellValue | undefined): LiteralValue {
  const value = literalOf(v);
  return value === '' ? null : value;
}

export type InsertPlanSheetResult =
  | { readonly outcome: 'inserted'; readonly sheet: string }
  /** The workbook already has a 指标库 sheet (found by its marker): it was activated, not replaced (it may hold edits). */
  | { readonly outcome: 'exists'; readonly sheet: string };

/** Inserts the plan as a 指标库 sheet an office can edit, and activates it. Round trips in Excel: 2 + 2 (or 2 + 1). */
export async function insertPlanSheet(port: WorkbookPort, plan: Plan): Promise<InsertPlanSheetResult> {
  const sheets = await port.listSheets();
  const existing = sheets.find((s) => s.marker?.type === PLAN_MARKER_TYPE);
  if (existing) {
    // Shown on a visible cell: its A1 is the hidden marker row, whose text the formula bar would show.
    await port.activate(existing.name, PLAN_FIRST_TARGET_CELL);
    return { outcome: 'exists', sheet: existing.name };
  }
  const spec = buildPlanSheet(
    plan,
    sanitizeSheetName(
      '指标库',
      sheets.map((s) => s.name),
    ),
  );
  await port.writeSheet(spec, { select: PLAN_FIRST_TARGET_CELL });
  return { outcome: 'inserted', sheet: spec.name };
}

/** The first figure an office edits on a 指标库 sheet: 确保目标 of the first indicator (below the header row 4). */
export const PLAN_FIRST_TARGET_CELL = `${columnLetters(PLAN_COLUMNS.findIndex(([key]) => key === 'target') + 1)}5`;
