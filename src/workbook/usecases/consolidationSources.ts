import { picksOfMarker } from '../../domain/consolidation/picks';
import { SUMMARY_SHEET } from '../../domain/consolidation/sheetParts';
import {
  defaultPeriod,
  judgeClaims,
  periodClaims,
  type ClaimState,
  type Origin,
  type SourceClaim,
  type SourcePick,
} from '../../domain/consolidation/sources';
import {
  SUMMARY_MARKER_TYPE,
  TEMPLATE_MARKER_TYPE,
  claims,
  markerOf,
  templateMarkerOf,
  type MarkerPayload,
} from '../../domain/grid/ownSheets';
import type { Plan } from '../../domain/plan/schema';
import type { Period } from '../../domain/validation/period';
import { recogniseByHeader } from '../../domain/validation/validateSheet';
import { LIMITS, tooLargeProblem } from '../files/limits';
import type { ParsedFile } from '../files/readXlsx';
import { listedOf, type SheetInfo, type WorkbookPort } from '../port';
import { activePlan } from './activePlan';

/**
 * What the 汇总 section shows before 一键汇总: the templates the workbook's sheet list and the imported files show
 * by their markers (cheap: no sheet is read in full), the report periods among them, and what a run for a period
 * would do with each — by the domain's own rules (defaultPeriod, sourceStates), so that the preview and the run agree.
 * The run reads every cell and decides for good.
 */

/** A template found before consolidating: a sheet of this workbook, or a sheet of an imported file. */
export interface DetectedSource extends SourceClaim {
  readonly id: string;
  readonly origin: Origin;
  /** Where a file's save time came from (the workbook's own property, or the file system's date). */
  readonly savedAtSource?: 'document' | 'file';
}

/** An imported file as far as it has been read. */
export interface FileSources {
  readonly name: string;
  readonly parsed?: ParsedFile;
}

function detected(
  origin: Origin,
  marker: MarkerPayload | undefined,
  saved?: Pick<ParsedFile, 'savedAt' | 'savedAtSource'>,
): DetectedSource {
  const m = templateMarkerOf(marker);
  return {
    id: origin.kind === 'sheet' ? `s:${origin.sheet}` : `f:${origin.file}:${origin.sheet}`,
    origin,
    ...(saved?.savedAt !== undefined ? { savedAt: saved.savedAt } : {}),
    ...(saved?.savedAtSource !== undefined ? { savedAtSource: saved.savedAtSource } : {}),
    // A damaged marker claims nothing: the source is listed, its state unknown until a run reads it.
    ...(m ? { department: m.department, campaignId: m.campaign, period: { year: m.year, month: m.month } } : {}),
  };
}

/**
 * The templates among the listed sheets and the imported files (a damaged template marker is listed too). A file's
 * sheets are read in full already: with the plan, a template whose marker row was deleted is listed by what its
 * headings say (issue 12, observation 4c; by nothing when they are ambiguous). A sheet of this workbook is listed by
 * its marker only (no cell is read before a run, which finds such a sheet and reports it).
 */
export function detectSources(
  sheets: readonly SheetInfo[],
  files: readonly FileSources[],
  plan?: Plan,
): DetectedSource[] {
  const fromSheets = sheets.flatMap((s) =>
    claims(listedOf(s), TEMPLATE_MARKER_TYPE) ? [detected({ kind: 'sheet', sheet: s.name }, s.marker)] : [],
  );
  const fromFiles = files.flatMap((f) =>
    (f.parsed?.sheets ?? []).flatMap((sheet) => {
      const origin: Origin = { kind: 'file', file: f.name, sheet: sheet.name };
      const marker = markerOf(sheet.values);
      if (marker?.type === TEMPLATE_MARKER_TYPE) return [detected(origin, marker, f.parsed)];
      const byHeader = plan && !marker ? recogniseByHeader(sheet, plan) : undefined;
      if (!byHeader) return [];
      return [detected(origin, byHeader.kind === 'recognised' ? { ...byHeader.marker } : undefined, f.parsed)];
    }),
  );
  return [...fromSheets, ...fromFiles];
}

export const periodKey = (p: Period): string => `${p.year}-${String(p.month).padStart(2, '0')}`;
const rank = (p: Period): number => p.year * 12 + p.month;

/** The periods among the sources, latest first. */
export function periodsOf(sources: readonly DetectedSource[]): Period[] {
  const byKey = new Map(sources.flatMap((s) => (s.period ? [[periodKey(s.period), s.period] as const] : [])));
  return [...byKey.values()].sort((a, b) => rank(b) - rank(a));
}

/** The period a run would consolidate by default (the domain's rule). */
export function previewPeriod(
  sources: readonly DetectedSource[],
  planYear: number,
  reportMonth?: number,
): Period | undefined {
  return defaultPeriod(periodsOf(sources), planYear, reportMonth);
}

/** What a run would most likely do with a source, by the markers and save times (a run decides). */
export interface SourceEstimate {
  readonly state: ClaimState;
  /**
   * Whether the office can pick it (以此为准): it is in a conflict, or its group was decided by an earlier pick (a
   * pick can be changed). A group decided by save times has nothing to pick.
   */
  readonly pickable: boolean;
  /** The pick that would make it count, when pickable. */
  readonly pick?: SourcePick;
}

/** What consolidating for `period` will most likely do with each source, by id, with the office's picks. */
export function estimateSources(
  sources: readonly DetectedSource[],
  period: Period | undefined,
  picks: readonly SourcePick[] = [],
): Map<string, SourceEstimate> {
  const judged = judgeClaims(sources, period, periodClaims(sources, period), picks);
  return new Map(
    sources.map((s, i): [string, SourceEstimate] => {
      const j = judged[i];
      const state = j?.state ?? 'unknown';
      const pickable = state === 'conflict' || (state === 'superseded' && j?.decision?.by === 'pick');
      const pick =
        pickable && period && s.department !== undefined && s.campaignId !== undefined
          ? { department: s.department, campaignId: s.campaignId, period, origin: s.origin }
          : undefined;
      return [s.id, { state, pickable: pick !== undefined, ...(pick ? { pick } : {}) }];
    }),
  );
}

/** What consolidating for `period` will most likely do with each source, by id (the markers' view; a run decides). */
export function estimate(
  sources: readonly DetectedSource[],
  period: Period | undefined,
  picks: readonly SourcePick[] = [],
): Map<string, ClaimState> {
  return new Map([...estimateSources(sources, period, picks)].map(([id, e]) => [id, e.state]));
}

/**
 * The office's picks kept in the 汇总 sheet's marker, as the sheet list shows it (no cell read): what the last run
 * wrote, and what the next one — the ribbon's too — applies.
 */
export function listedPicks(sheets: readonly SheetInfo[]): readonly SourcePick[] {
  const summary = sheets.find((s) => s.name === SUMMARY_SHEET && s.marker?.type === SUMMARY_MARKER_TYPE);
  return picksOfMarker(summary?.marker).picks;
}

/**
 * What the 汇总 section needs when it opens: the sheet list with markers and the plan in use (2–3 round trips). A plan
 * that cannot be read is `error`, beside the list.
 */
export async function openConsolidation(port: WorkbookPort): Promise<{
  readonly sheets: readonly SheetInfo[];
  readonly plan?: Plan;
  readonly error?: unknown;
}> {
  const sheets = await port.listSheets();
  try {
    return { sheets, plan: (await activePlan(port, sheets)).plan };
  } catch (error) {
    return { sheets, error };
  }
}

/** A picked file: its name, a way to read its bytes and its file system date, in ms (a browser File is one). */
export interface PickedFile {
  readonly name: string;
  readonly lastModified?: number;
  /** Its size in bytes, known before it is read (a browser File's size): a file above the limit is never read. */
  readonly size?: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A file's save time: the workbook's own (read by the parser), else the file system's date of the picked file. */
function withSaveTime(parsed: ParsedFile, picked: PickedFile): ParsedFile {
  if (parsed.savedAt !== undefined || parsed.sheets.length === 0) return parsed;
  const at = picked.lastModified;
  if (at === undefined || !Number.isFinite(at) || at <= 0) return parsed;
  return { ...parsed, savedAt: new Date(at).toISOString(), savedAtSource: 'file' };
}

/** A file that could not even be read: the same kind of problem as a damaged one, listed, never dropped. */
function unreadableFile(name: string, error: unknown): ParsedFile {
  return {
    file: name,
    sheets: [],
    problems: [{ code: 'fileUnreadable', detail: error instanceof Error ? error.message : String(error) }],
  };
}

function tooLarge(name: string, size: number): ParsedFile {
  return {
    file: name,
    sheets: [],
    problems: [tooLargeProblem(size, LIMITS.fileBytes)],
  };
}

/**
 * Reads and parses the department workbooks the office picked, one result per file in the order picked: a file
 * that cannot be read or parsed is a file with a problem. Each file read carries its save time (withSaveTime). The xlsx reader is loaded on first use (it is not in the
 * task pane's initial JavaScript); when it cannot be loaded, every file says so and `error` is that error.
 */
export async function readImportedFiles(
  picked: readonly PickedFile[],
  /** Called as each file is parsed (done of total read), e.g. for the command line's progress line. */
  onProgress?: (done: number, total: number) => void,
): Promise<{ readonly files: readonly ParsedFile[]; readonly error?: unknown }> {
  const read = await Promise.all(
    picked.map((f) =>
      // The size is checked before the file is read into memory (issue 12, observation 6).
      f.size !== undefined && f.size > LIMITS.fileBytes
        ? Promise.resolve(tooLarge(f.name, f.size))
        : f.arrayBuffer().then(
            (data) => ({ name: f.name, data }),
            (e: unknown) => unreadableFile(f.name, e),
          ),
    ),
  );
  const inputs = read.flatMap((r) => ('data' in r ? [r] : []));
  let parsed: readonly ParsedFile[];
  let error: unknown;
  try {
    const { parseFiles } = await import(/* webpackChunkName: "parse-files" */ '../files/parseFiles');
    parsed = await parseFiles(inputs, onProgress);
  } catch (e) {
    error = e;
    parsed = inputs.map((i) => unreadableFile(i.name, e));
  }
  // Results by position, not by name: two files of one name (from two folders) are two files.
  let next = 0;
  const files = read.map((r, i) => {
    const result = 'data' in r ? (parsed[next++] ?? unreadableFile(r.name, 'not parsed')) : r;
    const f = picked[i];
    return f ? withSaveTime(result, f) : result;
  });
  return error === undefined ? { files } : { files, error };
}
