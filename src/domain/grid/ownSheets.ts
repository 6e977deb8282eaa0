import { cellAddress } from './address';
import { displayText, shorten, type CellValue } from './cells';
import type { Grid } from './sheet';

/**
 * The add-in's own sheets — templates, the 指标库, 汇总, 明细 and 历史 — and how every reader finds them again: by a
 * marker, a `KPI-TRACKER:{json}` text in A1 of a hidden first row, looked for in column A of the first rows
 * (staff may insert rows above it); columns by the keys of a hidden keys row (staff may insert columns); indicator
 * rows by their code. Every reader and writer (domain, adapters, use cases) goes through this module, so a
 * damaged, displaced or missing marker means the same thing everywhere.
 */

export const MARKER_TAG = 'KPI-TRACKER:';
/** Where a writer puts the marker. */
export const MARKER_CELL = 'A1';
/** Readers look for a marker in column A, rows 1 to this one. */
export const MARKER_ROWS = 20;
/** The cells an adapter reads to list a sheet's marker (column A, rows 1–20). */
export const MARKER_RANGE = `A1:A${MARKER_ROWS}`;
/** Readers look for a keys row in rows 1 to this one (it sits below the marker, which may itself have moved down). */
export const KEYS_ROWS = 2 * MARKER_ROWS;

/** `marker.type` of each kind of the add-in's sheets. */
export const TEMPLATE_MARKER_TYPE = 'kpi-template';
export const PLAN_MARKER_TYPE = 'kpi-plan';
export const SUMMARY_MARKER_TYPE = 'kpi-summary';
export const DETAIL_MARKER_TYPE = 'kpi-detail';
/** 历史 (SPEC §10): each month's results, kept across runs for trend, escalation and scores. */
export const HISTORY_MARKER_TYPE = 'kpi-history';
export type MarkerType =
  | typeof TEMPLATE_MARKER_TYPE
  | typeof PLAN_MARKER_TYPE
  | typeof SUMMARY_MARKER_TYPE
  | typeof DETAIL_MARKER_TYPE
  | typeof HISTORY_MARKER_TYPE;
const MARKER_TYPES: readonly MarkerType[] = [
  TEMPLATE_MARKER_TYPE,
  PLAN_MARKER_TYPE,
  SUMMARY_MARKER_TYPE,
  DETAIL_MARKER_TYPE,
  HISTORY_MARKER_TYPE,
];

/** A marker's content: a flat key → value record (type, version, and what the sheet is about). */
export type MarkerPayload = Readonly<Record<string, string | number>>;

/** Indicator codes as the plan schema allows them ("C1-01"). */
export const INDICATOR_CODE = /^[A-Z][A-Z0-9]*-\d{2,3}$/;

/** A code as typed: full-width letters and digits, spaces and lower case do not matter ("ｃ1－01 " is "C1-01"). */
export function normaliseCode(v: CellValue): string {
  return displayText(v).normalize('NFKC').trim().toUpperCase();
}

export function encodeMarker(payload: MarkerPayload): string {
  return MARKER_TAG + JSON.stringify(payload);
}

/** Reads a marker cell's text; anything else (or broken JSON) is no marker. */
export function decodeMarker(text: unknown): MarkerPayload | undefined {
  if (typeof text !== 'string' || !text.startsWith(MARKER_TAG)) return undefined;
  try {
    const parsed: unknown = JSON.parse(text.slice(MARKER_TAG.length));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const out: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
    return out;
  } catch {
    return undefined;
  }
}

/** The type a marker's text claims, also when the rest of it is damaged ("KPI-TRACKER:{"type":"kpi-templ…"). */
export function claimedType(raw: string): MarkerType | undefined {
  const payload = decodeMarker(raw);
  if (payload) return MARKER_TYPES.find((t) => t === payload.type);
  return MARKER_TYPES.find((t) => raw.includes(t));
}

/** What a listing learns of a sheet from the cells of MARKER_RANGE (as the adapters read them, top to bottom). */
export interface ListedMarker {
  /** The first readable marker. */
  readonly marker?: MarkerPayload;
  /** Set when the only marker text there is damaged: the type its text still names, if any. */
  readonly damaged?: MarkerType | 'unknown';
}

export function listedMarker(columnA: readonly unknown[]): ListedMarker {
  let damaged: ListedMarker['damaged'];
  for (const cell of columnA.slice(0, MARKER_ROWS)) {
    if (typeof cell !== 'string' || !cell.startsWith(MARKER_TAG)) continue;
    const marker = decodeMarker(cell);
    if (marker) return { marker };
    damaged ??= claimedType(cell) ?? 'unknown';
  }
  return damaged ? { damaged } : {};
}

/** What a listing would show of a sheet already read (its column A, rows 1–20). */
export function listedMarkerOf(values: Grid): ListedMarker {
  return listedMarker(values.slice(0, MARKER_ROWS).map((row) => row[0]));
}

/** Whether a listed marker is, or (damaged) still claims to be, of this type. */
export function claims(listed: ListedMarker, type: MarkerType): boolean {
  return listed.marker?.type === type || listed.damaged === type;
}

/**
 * The one sheet of a type among listed sheets, by one rule for every caller: the first with a readable marker of the
 * type, else the first whose damaged marker still claims it (its reader then reports the damage).
 */
export function pickListed<T>(
  items: readonly T[],
  listedOf: (item: T) => ListedMarker,
  type: MarkerType,
): T | undefined {
  return (
    items.find((item) => listedOf(item).marker?.type === type) ?? items.find((item) => listedOf(item).damaged === type)
  );
}

export interface FoundMarker {
  /** 1-based. */
  readonly row: number;
  readonly column: number;
  readonly cell: string;
  /** The cell's text, which starts with the marker tag. */
  readonly raw: string;
  /** Undefined when the text after the tag is not a JSON record (a damaged marker). */
  readonly payload?: MarkerPayload;
}

/** Every cell of rows 1–MARKER_ROWS (all columns, or only `column`) whose text starts with the marker tag. */
export function findMarkers(values: Grid, column?: number): FoundMarker[] {
  const found: FoundMarker[] = [];
  for (let row = 1; row <= Math.min(MARKER_ROWS, values.length); row++) {
    const cells = values[row - 1] ?? [];
    for (let c = 1; c <= cells.length; c++) {
      if (column !== undefined && c !== column) continue;
      const v = cells[c - 1];
      if (typeof v !== 'string' || !v.startsWith(MARKER_TAG)) continue;
      const payload = decodeMarker(v);
      found.push({ row, column: c, cell: cellAddress(c, row), raw: v, ...(payload ? { payload } : {}) });
    }
  }
  return found;
}

/** The readable marker in column A, as a listing of the workbook would show it. */
export function markerOf(values: Grid): MarkerPayload | undefined {
  return listedMarker(values.slice(0, MARKER_ROWS).map((row) => row[0])).marker;
}

/** Whether the sheet's column A holds a readable marker of this type. */
export function isSheetOfType(values: Grid, type: MarkerType): boolean {
  return findMarkers(values, 1).some((f) => f.payload?.type === type);
}

/**
 * Where a sheet of the given type has its marker, and in what state. Column A first: `found` (readable, of that
 * type and `complete`), else `damaged` (unreadable text that still names the type, or a readable one lacking what
 * `complete` asks for); then the other columns, where a column inserted before A has pushed it: `moved` (a reader
 * may still read the sheet, but a listing of the workbook will not find it). A damaged marker that names no type is
 * nobody's: for every type it is `missing`.
 */
export type MarkerLookup =
  | { readonly kind: 'found'; readonly found: FoundMarker & { readonly payload: MarkerPayload } }
  | { readonly kind: 'moved'; readonly found: FoundMarker & { readonly payload: MarkerPayload } }
  | { readonly kind: 'damaged'; readonly found: FoundMarker }
  | { readonly kind: 'missing' };

export function lookUpMarker(
  values: Grid,
  type: MarkerType,
  /** Whether a readable marker of this type is usable (e.g. has every field a template marker needs). */
  complete: (payload: MarkerPayload) => boolean = () => true,
): MarkerLookup {
  const classify = (f: FoundMarker, where: 'found' | 'moved'): MarkerLookup =>
    f.payload && complete(f.payload)
      ? { kind: where, found: { ...f, payload: f.payload } }
      : { kind: 'damaged', found: f };
  const ofType = (found: readonly FoundMarker[]): FoundMarker | undefined =>
    found.find((f) => f.payload?.type === type) ?? found.find((f) => claimedType(f.raw) === type);
  const own = ofType(findMarkers(values, 1));
  if (own) return classify(own, 'found');
  const elsewhere = ofType(findMarkers(values).filter((f) => f.column !== 1));
  return elsewhere ? classify(elsewhere, 'moved') : { kind: 'missing' };
}

/** A marker's text for a message: it can be long JSON. */
export function markerText(found: FoundMarker): string {
  return shorten(found.raw);
}

/** What a template's marker says, decoded under one rule wherever a template is recognised. */
export interface TemplateMarker {
  readonly type: typeof TEMPLATE_MARKER_TYPE;
  readonly plan: string;
  readonly campaign: string;
  readonly department: string;
  readonly year: number;
  readonly month: number;
  /** 'kpi' or 'native' formulas, when the marker says. */
  readonly mode?: string;
  /**
   * The department's role the template was made for ('lead', 'responsible', 'contributor': a 配合部门's share
   * sheet), when the marker says; the plan's role decides for a template made before roles were recorded.
   */
  readonly role?: string;
}

/** A template marker with every field a template needs (campaign, department, year, month 1–12); else undefined. */
export function templateMarkerOf(payload: MarkerPayload | undefined): TemplateMarker | undefined {
  if (payload?.type !== TEMPLATE_MARKER_TYPE) return undefined;
  const { campaign, department, year, month, plan, mode, role } = payload;
  if (typeof campaign !== 'string' || campaign === '') return undefined;
  if (typeof department !== 'string' || department.trim() === '') return undefined;
  if (typeof year !== 'number' || !Number.isInteger(year)) return undefined;
  if (typeof month !== 'number' || !Number.isInteger(month) || month < 1 || month > 12) return undefined;
  return {
    type: TEMPLATE_MARKER_TYPE,
    plan: typeof plan === 'string' ? plan : '',
    campaign,
    department: department.trim(),
    year,
    month,
    ...(typeof mode === 'string' ? { mode } : {}),
    ...(typeof role === 'string' ? { role } : {}),
  };
}

/** Whether a marker is the template of this campaign, department and period (any plan, any formula mode). */
export function isTemplateFor(
  payload: MarkerPayload | undefined,
  wanted: { readonly campaign: string; readonly department: string; readonly year: number; readonly month: number },
): boolean {
  const m = templateMarkerOf(payload);
  return (
    m !== undefined &&
    m.campaign === wanted.campaign &&
    m.department === wanted.department.trim() &&
    m.year === wanted.year &&
    m.month === wanted.month
  );
}

export interface KeysRow<K extends string> {
  /** 1-based row of the keys. */
  readonly row: number;
  /** 1-based column of each key found exactly once. */
  readonly columns: Readonly<Partial<Record<K, number>>>;
  /** Every column each key was found in (more than one: duplicated). */
  readonly positions: ReadonlyMap<K, readonly number[]>;
  readonly missing: readonly K[];
  readonly duplicated: readonly K[];
}

/**
 * The first row within rows 1–KEYS_ROWS holding every `required` key, and where each of `keys` is in it. Keys are
 * matched after trimming; inserted columns only move them. Problems are values: the caller reports a broken sheet.
 */
export function findKeysRow<K extends string>(
  values: Grid,
  keys: readonly K[],
  required: readonly K[],
): KeysRow<K> | undefined {
  for (let row = 1; row <= Math.min(KEYS_ROWS, values.length); row++) {
    const found = keysIn(values[row - 1] ?? [], keys);
    if (required.every((k) => found.positions.has(k))) return { row, ...found };
  }
  return undefined;
}

/** Where each of `keys` is in one row of cells (1-based columns). */
export function keysIn<K extends string>(cells: readonly unknown[], keys: readonly K[]): Omit<KeysRow<K>, 'row'> {
  const known = new Set<string>(keys);
  const positions = new Map<K, number[]>();
  cells.forEach((v, i) => {
    if (typeof v !== 'string') return;
    const key = v.trim();
    if (!known.has(key)) return;
    const list = positions.get(key as K) ?? [];
    list.push(i + 1);
    positions.set(key as K, list);
  });
  const columns: Partial<Record<K, number>> = {};
  const missing: K[] = [];
  const duplicated: K[] = [];
  for (const key of keys) {
    const list = positions.get(key);
    if (!list) missing.push(key);
    else if (list.length > 1) duplicated.push(key);
    else columns[key] = list[0];
  }
  return { columns, positions, missing, duplicated };
}
