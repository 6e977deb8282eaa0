import {
  BULLETIN_MARKER_TYPE,
  DETAIL_MARKER_TYPE,
  HISTORY_MARKER_TYPE,
  SUMMARY_MARKER_TYPE,
  claims,
  listedMarkerOf,
  markerOf,
  pickListed,
  type MarkerType,
} from '../../domain/grid/ownSheets';
import { monthBulletin, type MonthBulletin } from '../../domain/bulletin/monthBulletin';
import { runHistory, type RunHistory } from '../../domain/bulletin/runHistory';
import { HISTORY_SHEET } from '../../domain/bulletin/historySheet';
import { bulletinSettings, type BulletinSettings } from '../../domain/bulletin/settings';
import { bulletinWithSections, type BulletinSection } from '../../domain/bulletin/bulletinSheet';
import { summaryInputs } from '../../domain/bulletin/summaryInputs';
import { consolidate, type Consolidation, type Source } from '../../domain/consolidation/consolidate';
import type { LightCounts } from '../../domain/consolidation/aggregate';
import { SUBMISSION_STATES, type SubmissionState } from '../../domain/consolidation/matrix';
import type { ConsolidationProblem } from '../../domain/consolidation/problems';
import { mergePicks, picksOfMarker } from '../../domain/consolidation/picks';
import type { SourcePick, SourceState } from '../../domain/consolidation/sources';
import { detailSheet, summarySheet } from '../../domain/consolidation/outputs';
import { DETAIL_SHEET, SUMMARY_SHEET } from '../../domain/consolidation/sheetParts';
import { SUMMARY_TITLE_CELL } from '../../domain/consolidation/summarySections';
import type { Plan } from '../../domain/plan/schema';
import type { Period } from '../../domain/validation/period';
import { type SheetData } from '../../domain/grid/sheet';
import { cellAddress, parseCell } from '../../domain/grid/address';
import type { SheetSpec } from '../../domain/grid/sheetSpec';
import type { FileProblem, FileProblemCode, ParsedFile } from '../files/readXlsx';
import { resolveLocale, type MessageParams } from '../../domain/i18n/messages';
import type { BulletinLanguage } from '../../domain/bulletin/bulletinText';
import { PortError, type WorkbookPort } from '../port';
import { OUTPUT_READS } from './outputSheets';

/**
 * 一键汇总 (SPEC §8) over the port: every sheet of the workbook read in one batch, the department workbooks the
 * office imported (parsed beforehand, off the main thread), one pure consolidation, 历史 read from that same read
 * and merged (bulletin/runHistory), then 汇总, 明细, 历史 and the month's 通报 written in one call, 汇总 first since
 * 明细's and 通报's formulas refer to it. No other sheet is written. The outcome says where the 通报's sections and
 * 汇总's 督办清单 begin (from the specs written), so that the pane's links need one activate and nothing else. The
 * same use case serves the task pane and the ribbon button.
 *
 * Round trips in Excel: one readAllSheets and one writeSheets, nothing else — their cost does not depend on the
 * number of sheets (see the sync-budget test).
 */

export const CONSOLIDATION_STAGES = ['read', 'parse', 'compute', 'write'] as const;
/** 读取工作表 → 解析文件 → 汇总计算 → 写入汇总表. */
export type ConsolidationStage = (typeof CONSOLIDATION_STAGES)[number];

export interface ConsolidateWorkbookRequest {
  readonly plan: Plan;
  /** Department workbooks, parsed with parseFiles; their problems are listed, never thrown. */
  readonly files?: readonly ParsedFile[];
  /** Default: the latest period among the sources (the domain's rule), not after `reportMonth` where one is. */
  readonly period?: Period;
  /** The month being reported now (runConsolidation: defaultReportMonth of today). */
  readonly reportMonth?: number;
  /**
   * Picks the office made now (以此为准); those of earlier runs are read from the 汇总 sheet's marker and kept, a new
   * pick replacing the one for the same department, campaign and period.
   */
  readonly picks?: readonly SourcePick[];
  /** Called as each stage starts (index 0–3); the use case then yields once, so that a progress bar can paint. */
  readonly onStage?: (stage: ConsolidationStage, index: number) => void;
  /**
   * The UI's language (a BCP 47 tag: the pane's locale, the ribbon's Office display language): the 通报 is written in
   * it — Chinese for zh-*, English otherwise (SPEC §10). Default Chinese.
   */
  readonly language?: string;
}

export type LeftOutState = Exclude<SourceState, 'included'>;

export interface ConsolidationCounts {
  /** Sheets of this workbook read (all of them, templates or not). */
  readonly workbookSheets: number;
  readonly files: number;
  /**
   * Files with a problem: not read at all or in part, or with a problem the run found in their sheets — the files the
   * pane's list marks, so that the count agrees with the problem list.
   */
  readonly filesWithProblems: number;
  /** Template sheets found, in the workbook and in the files. */
  readonly sources: number;
  readonly used: number;
  readonly leftOut: Readonly<Record<LeftOutState, number>>;
  readonly lights: LightCounts;
  /** Expected submissions (department × campaign the plan expects) … */
  readonly expected: number;
  /** … by state. */
  readonly matrix: Readonly<Record<SubmissionState, number>>;
  /** … of which 已更正: an earlier submission superseded by a correction (or by the office's pick). */
  readonly corrected: number;
  /** … of which 已报 with a value still to be verified (待核实, SPEC §6). */
  readonly doubtful: number;
  readonly errors: number;
  readonly warnings: number;
  /** Source values found, and how many of them the summary uses. */
  readonly details: number;
  readonly detailsUsed: number;
}

export interface WorkbookConsolidation {
  /** The consolidation; its problems include the imported files' problems (first), as the 明细 sheet lists them. */
  readonly result: Consolidation;
  readonly counts: ConsolidationCounts;
  readonly summarySheet: string;
  readonly detailSheet: string;
  /** 历史 after the run: the periods recorded from sources, those kept, whether the sheet was rewritten, its name. */
  readonly history: Pick<RunHistory, 'recomputed' | 'kept' | 'state'> & { readonly sheet: string };
  /** The month's trend, light runs, 督办清单 and scores from that history (absent without a period). */
  readonly bulletin?: MonthBulletin;
  /** Counted submissions saved after the deadline (逾期), where the save time is known (imported files). */
  readonly overdue: readonly { readonly department: string; readonly campaignId: string }[];
  /**
   * Where the pane's links lead, from the specs of this same write (no round trip of their own): the 通报 written
   * (absent without a period) with each section's heading cell, and 汇总's 督办清单 heading (absent without one).
   */
  readonly sections: {
    readonly bulletin?: { readonly sheet: string; readonly cells: Readonly<Record<BulletinSection, string>> };
    readonly supervision?: { readonly sheet: string; readonly cell: string };
  };
}

/** The states of a sheet left out of a run, in the order they are counted and listed. */
export const LEFT_OUT_STATES: readonly LeftOutState[] = [
  'otherPeriod',
  'conflict',
  'structure',
  'noPeriod',
  'superseded',
];

/** Message keys of file problems (in the task pane's catalogue; the 明细 sheet lists them in Chinese). */
export const FILE_PROBLEM_KEYS = {
  fileTooLarge: 'consolidation.file.fileTooLarge',
  fileUnreadable: 'consolidation.file.fileUnreadable',
  fileEmpty: 'consolidation.file.fileEmpty',
  fileEncrypted: 'consolidation.file.fileEncrypted',
  fileNotSpreadsheet: 'consolidation.file.fileNotSpreadsheet',
  fileTextFormat: 'consolidation.file.fileTextFormat',
  fileExpandsTooMuch: 'consolidation.file.fileExpandsTooMuch',
  fileCompressionRatio: 'consolidation.file.fileCompressionRatio',
  tooManyCells: 'consolidation.file.tooManyCells',
  tooManyRows: 'consolidation.file.tooManyRows',
  fileTimeout: 'consolidation.file.fileTimeout',
  sheetMissing: 'consolidation.file.sheetMissing',
  sheetTooLarge: 'consolidation.file.sheetTooLarge',
  noTemplates: 'consolidation.file.noTemplates',
} as const satisfies Record<FileProblemCode | 'noTemplates', string>;

/** Codes whose figures are bytes (shown in KB/MB); other figures are counts. */
const BYTE_FIGURES: ReadonlySet<FileProblemCode> = new Set(['fileTooLarge', 'fileExpandsTooMuch']);

function figure(code: FileProblemCode, n: number | undefined): string {
  if (n === undefined) return '';
  if (!BYTE_FIGURES.has(code)) return n.toLocaleString('en');
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** A file problem's message parameters: the file, the sheet, the detail and the figures it names. */
export function fileProblemParams(file: string, p: FileProblem): MessageParams {
  return {
    file,
    sheet: p.sheet ?? '',
    detail: p.detail ?? '',
    count: figure(p.code, p.count),
    limit: figure(p.code, p.limit),
  };
}

/** Lets the UI paint between stages (the computation itself is synchronous). */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Announces a stage and yields once, so that a progress bar can paint before the stage's work. */
export type Stage = (stage: ConsolidationStage) => Promise<void>;

export function stager(onStage: ConsolidateWorkbookRequest['onStage']): Stage {
  return async (s) => {
    if (!onStage) return;
    onStage(s, CONSOLIDATION_STAGES.indexOf(s));
    await nextTask();
  };
}

/** 一键汇总 with a given plan: every sheet read (2 round trips in Excel), then consolidateSheets (1). */
export async function consolidateWorkbook(
  port: WorkbookPort,
  request: ConsolidateWorkbookRequest,
): Promise<WorkbookConsolidation> {
  const stage = stager(request.onStage);
  await stage('read');
  const sheets = await port.readAllSheets({ numberFormats: true, lean: OUTPUT_READS });
  return consolidateSheets(port, sheets, request, stage);
}

/**
 * The rest of 一键汇总 once every sheet of the workbook has been read: the imported files added, one pure
 * consolidation, 历史 merged, 汇总, 明细 and 历史 written in one writeSheets (1 round trip after a recent
 * readAllSheets). Refuses, before writing anything, to overwrite a 汇总, 明细 or 历史 sheet that is not the add-in's
 * own.
 */
export async function consolidateSheets(
  port: WorkbookPort,
  sheets: readonly SheetData[],
  request: ConsolidateWorkbookRequest,
  stage: Stage = stager(request.onStage),
): Promise<WorkbookConsolidation> {
  const { plan } = request;
  refuseForeignOutputs(sheets);

  await stage('parse');
  const files = uniqueNames(request.files ?? []);
  // A sheet of this workbook has no save time of its own; a file's is its workbook's (or its file system date).
  const sources: Source[] = [
    ...sheets.map((sheet): Source => ({ origin: { kind: 'sheet', sheet: sheet.name }, sheet })),
    ...files.flatMap((f) =>
      f.sheets.map((sheet): Source => ({
        origin: { kind: 'file', file: f.file, sheet: sheet.name },
        sheet,
        ...(f.savedAt !== undefined ? { savedAt: f.savedAt } : {}),
      })),
    ),
  ];
  const kept = previousPicks(sheets);
  const picks = mergePicks(kept.picks, request.picks ?? []);

  await stage('compute');
  const consolidated = consolidate(plan, sources, {
    ...(request.period ? { period: request.period } : {}),
    ...(request.reportMonth !== undefined ? { reportMonth: request.reportMonth } : {}),
    picks,
  });
  // 历史 from the same read: the run's period and the workbook's other months recomputed, the rest kept.
  const history = runHistory({ plan, sheets, sources, result: consolidated, picks });
  const result: Consolidation = {
    ...consolidated,
    problems: [...fileProblems(files, consolidated), ...kept.problems, ...history.problems, ...consolidated.problems],
  };
  const language = resolveLocale(request.language ?? 'zh-CN') === 'zh-CN' ? 'zh' : 'en';
  const { settings, bulletin, notice } = monthOutputs(plan, sheets, result, history, language);
  if (history.spec) refuseForeign(sheets, history.spec.name, HISTORY_MARKER_TYPE);
  if (notice) refuseForeign(sheets, notice.spec.name, BULLETIN_MARKER_TYPE);
  // One write: 汇总 first (明细's and 通报's formulas refer to it), then 明细, 历史 and 通报.
  const extras = summaryInputs(result, bulletin, settings);
  const summary = summarySheet(result, plan, extras);
  const specs = [
    summary,
    detailSheet(result, plan.settings?.timeliness?.utcOffsetMinutes),
    ...(history.spec ? [history.spec] : []),
    ...(notice ? [notice.spec] : []),
  ];
  const supervisionCell = sectionCell(summary, (v) => typeof v === 'string' && v.startsWith('督办清单'));

  await stage('write');
  await port.writeSheets(specs, { replace: true, select: SUMMARY_TITLE_CELL });

  return {
    result,
    counts: countsOf(result, sheets.length, files),
    summarySheet: SUMMARY_SHEET,
    detailSheet: DETAIL_SHEET,
    history: {
      recomputed: history.recomputed,
      kept: history.kept,
      state: history.state,
      sheet: history.spec?.name ?? HISTORY_SHEET,
    },
    ...(bulletin ? { bulletin } : {}),
    overdue: extras.overdue ?? [],
    sections: {
      ...(notice ? { bulletin: { sheet: notice.spec.name, cells: notice.sections } } : {}),
      ...(supervisionCell !== undefined ? { supervision: { sheet: summary.name, cell: supervisionCell } } : {}),
    },
  };
}

/**
 * The month's bulletin under the plan's own settings block and weights (指标库 v3; the SPEC's defaults where it has
 * none), and its 通报 sheet under the name a previous run gave it (found by its marker).
 */
function monthOutputs(
  plan: Plan,
  sheets: readonly SheetData[],
  result: Consolidation,
  history: RunHistory,
  language: BulletinLanguage,
): {
  readonly settings: BulletinSettings;
  readonly bulletin?: MonthBulletin;
  readonly notice?: ReturnType<typeof bulletinWithSections>;
} {
  const settings = bulletinSettings(plan.settings);
  const indicators = plan.campaigns.flatMap((c) =>
    c.indicators.map((i) => ({ code: i.code, kind: i.kind, weight: i.weight ?? 1 })),
  );
  if (!result.period) return { settings };
  const bulletin = monthBulletin(history.records, result.period, indicators, settings);
  const bulletinName = pickListed(sheets, (s) => listedMarkerOf(s.values), BULLETIN_MARKER_TYPE)?.name;
  const notice = bulletinWithSections(
    { result, bulletin, history: history.records },
    { language, timeliness: settings.timeliness, ...(bulletinName !== undefined ? { name: bulletinName } : {}) },
  );
  return { settings, bulletin, notice };
}

/** The first section heading (a row's first cell in the 'section' style) whose value `is`: its cell, e.g. A58. */
function sectionCell(spec: SheetSpec, is: (value: unknown) => boolean): string | undefined {
  for (const block of spec.blocks) {
    const at = parseCell(block.at);
    const r = block.rows.findIndex((row) => row[0]?.style === 'section' && is(row[0].value));
    if (r >= 0) return cellAddress(at.column, at.row + r);
  }
  return undefined;
}

/**
 * 汇总, 明细 and 历史 are regenerated in place — but only the add-in's own: a sheet of that name the office made itself
 * is never overwritten (SPEC §8: no other sheet is modified). Refused before anything is written.
 */
function refuseForeignOutputs(sheets: readonly SheetData[]): void {
  const ours: Readonly<Record<string, string>> = {
    [SUMMARY_SHEET]: SUMMARY_MARKER_TYPE,
    [DETAIL_SHEET]: DETAIL_MARKER_TYPE,
  };
  for (const sheet of sheets) {
    const type = Object.entries(ours).find(([name]) => name.toLowerCase() === sheet.name.toLowerCase())?.[1];
    if (type === undefined) continue;
    const marker = markerOf(sheet.values);
    if (marker?.type !== type && !isEmpty(sheet)) throw new PortError('nameClash', sheet.name);
  }
}

const isEmpty = (sheet: SheetData): boolean => sheet.values.every((row) => row.every((v) => v === null || v === ''));

/**
 * 历史 likewise: written under the name of the workbook's 历史 (found by its marker, also a damaged one, which the
 * rewrite repairs), or as 历史 where there is none yet — refused when a sheet of the office's own has that name.
 */
/** An office's own sheet under the name an add-in sheet is to be written to is never overwritten. */
function refuseForeign(sheets: readonly SheetData[], name: string, type: MarkerType): void {
  const sheet = sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (sheet && !claims(listedMarkerOf(sheet.values), type) && !isEmpty(sheet))
    throw new PortError('nameClash', sheet.name);
}

/**
 * The picks (以此为准) the last run kept in 汇总's marker — so that every run, the ribbon's too, keeps them — and a
 * notice when some of them cannot be read.
 */
function previousPicks(sheets: readonly SheetData[]): {
  readonly picks: readonly SourcePick[];
  readonly problems: readonly ConsolidationProblem[];
} {
  const summary = sheets.find((s) => s.name === SUMMARY_SHEET);
  const marker = summary ? markerOf(summary.values) : undefined;
  const { picks, unreadable } = picksOfMarker(marker?.type === SUMMARY_MARKER_TYPE ? marker : undefined);
  const problems: ConsolidationProblem[] =
    unreadable > 0
      ? [
          {
            severity: 'warning',
            key: 'consolidation.picksUnreadable',
            params: { count: unreadable },
            field: 'submission',
            origin: { kind: 'sheet', sheet: SUMMARY_SHEET },
            cell: 'A1',
          },
        ]
      : [];
  return { picks, problems };
}

/** Two imported files of the same name would be indistinguishable in the detail: the second becomes "name (2)". */
function uniqueNames(files: readonly ParsedFile[]): ParsedFile[] {
  const seen = new Set<string>();
  return files.map((f) => {
    let name = f.file;
    for (let i = 2; seen.has(name.toLowerCase()); i++) name = `${f.file} (${i})`;
    seen.add(name.toLowerCase());
    return name === f.file ? f : { ...f, file: name };
  });
}

/** Every file problem, and a file that held no template at all (the wrong file sent?), as listed problems. */
function fileProblems(files: readonly ParsedFile[], result: Consolidation): ConsolidationProblem[] {
  const withTemplates = new Set(result.sources.flatMap((s) => (s.origin.kind === 'file' ? [s.origin.file] : [])));
  return [...files]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .flatMap((f): ConsolidationProblem[] => {
      const own = f.problems.map((p): ConsolidationProblem => ({
        severity: 'error',
        key: FILE_PROBLEM_KEYS[p.code],
        params: fileProblemParams(f.file, p),
        field: 'submission',
        origin: { kind: 'file', file: f.file, sheet: p.sheet ?? '' },
      }));
      const unread = f.sheets.length === 0 && own.length > 0; // already said why
      if (withTemplates.has(f.file) || unread) return own;
      return [
        ...own,
        {
          severity: 'warning',
          key: FILE_PROBLEM_KEYS.noTemplates,
          params: { file: f.file, sheets: f.sheets.length },
          field: 'submission',
          origin: { kind: 'file', file: f.file, sheet: '' },
        },
      ];
    });
}

function countsOf(result: Consolidation, workbookSheets: number, files: readonly ParsedFile[]): ConsolidationCounts {
  const expectedCells = result.matrix.rows.flat().filter((c) => c.expected);
  const count = <T>(items: readonly T[], pick: (x: T) => string, keys: readonly string[]): Record<string, number> =>
    Object.fromEntries(keys.map((k) => [k, items.filter((x) => pick(x) === k).length]));
  return {
    workbookSheets,
    files: files.length,
    filesWithProblems: files.filter(
      (f) =>
        f.problems.length > 0 ||
        result.problems.some((p) => p.severity === 'error' && p.origin?.kind === 'file' && p.origin.file === f.file),
    ).length,
    sources: result.sources.length,
    used: result.sources.filter((s) => s.state === 'included').length,
    leftOut: count(result.sources, (s) => s.state, LEFT_OUT_STATES) as Record<LeftOutState, number>,
    lights: result.counts,
    expected: expectedCells.length,
    matrix: count(expectedCells, (c) => c.state, SUBMISSION_STATES) as Record<SubmissionState, number>,
    corrected: expectedCells.filter((c) => c.corrected).length,
    doubtful: expectedCells.filter((c) => c.doubtful).length,
    errors: result.problems.filter((p) => p.severity === 'error').length,
    warnings: result.problems.filter((p) => p.severity === 'warning').length,
    details: result.details.length,
    detailsUsed: result.details.filter((d) => d.used).length,
  };
}

/**
 * A summary workbook's tabs in reading order (the files page and the command line, whose workbook may have held 历史
 * before the run): the other sheets (the 指标库) first, then 汇总, 明细, 历史, 通报.
 */
export function summaryTabOrder(
  sheetNames: readonly string[],
  outcome: Pick<WorkbookConsolidation, 'summarySheet' | 'detailSheet' | 'history' | 'sections'>,
): string[] {
  const outputs = [outcome.summarySheet, outcome.detailSheet, outcome.history.sheet, outcome.sections.bulletin?.sheet];
  const named = outputs.filter((n): n is string => n !== undefined);
  const lower = new Set(named.map((n) => n.toLowerCase()));
  return [...sheetNames.filter((n) => !lower.has(n.toLowerCase())), ...named];
}
