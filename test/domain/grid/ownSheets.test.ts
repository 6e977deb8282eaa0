import {
  INDICATOR_CODE,
  KEYS_ROWS,
  MARKER_ROWS,
  PLAN_MARKER_TYPE,
  TEMPLATE_MARKER_TYPE,
  claimedType,
  encodeMarker,
  findKeysRow,
  isTemplateFor,
  listedMarker,
  lookUpMarker,
  normaliseCode,
  templateMarkerOf,
} from '../../../src/domain/grid/ownSheets';
import type { CellValue } from '../../../src/domain/grid/cells';

/** The one module every reader of the add-in's sheets goes through: markers, keys rows, indicator codes. */

const template = {
  type: TEMPLATE_MARKER_TYPE,
  v: 1,
  plan: 'p',
  campaign: 'C1',
  department: ' 投资促进中心 ',
  year: 2019,
  month: 6,
};
const column = (cells: CellValue[]): CellValue[][] => cells.map((c) => [c]);

describe('markers', () => {
  it('a listing reads the first readable marker of column A, rows 1–20, and names a damaged one', () => {
    expect(listedMarker([null, encodeMarker(template)]).marker?.campaign).toBe('C1');
    expect(listedMarker(['KPI-TRACKER:{"type":"kpi-plan",', null])).toEqual({ damaged: PLAN_MARKER_TYPE });
    expect(listedMarker(['KPI-TRACKER:???'])).toEqual({ damaged: 'unknown' });
    expect(listedMarker(['KPI-TRACKER:{"type":"kpi-plan",', encodeMarker(template)]).marker?.type).toBe(
      TEMPLATE_MARKER_TYPE,
    );
    const below = Array.from({ length: MARKER_ROWS }, (): unknown => null);
    below.push(encodeMarker(template));
    expect(listedMarker(below)).toEqual({});
  });

  it('lookUpMarker: found in column A, damaged, moved by an inserted column, or missing', () => {
    expect(lookUpMarker(column([encodeMarker(template)]), TEMPLATE_MARKER_TYPE).kind).toBe('found');
    expect(lookUpMarker(column([encodeMarker(template)]), PLAN_MARKER_TYPE).kind).toBe('missing');
    expect(lookUpMarker(column(['KPI-TRACKER:{"type":"kpi-template"']), TEMPLATE_MARKER_TYPE).kind).toBe('damaged');
    // A readable marker without what the caller needs (a template without its month) is damaged, not found.
    const { month: _m, ...noMonth } = template;
    const incomplete = lookUpMarker(
      column([encodeMarker(noMonth)]),
      TEMPLATE_MARKER_TYPE,
      (p) => !!templateMarkerOf(p),
    );
    expect(incomplete.kind).toBe('damaged');
    const moved = lookUpMarker([[null, encodeMarker(template)]], TEMPLATE_MARKER_TYPE);
    expect(moved.kind === 'moved' && moved.found.cell).toBe('B1');
    // A damaged text that names no type is nobody's.
    expect(lookUpMarker(column(['KPI-TRACKER:???']), TEMPLATE_MARKER_TYPE).kind).toBe('missing');
    expect(claimedType('KPI-TRACKER:{"type":"kpi-detail"')).toBe('kpi-detail');
  });

  it('one rule decodes a template marker: every field, month 1–12, department trimmed', () => {
    expect(templateMarkerOf(template)).toEqual({ ...template, v: undefined, department: '投资促进中心' });
    expect(templateMarkerOf({ ...template, month: 13 })).toBeUndefined();
    expect(templateMarkerOf({ ...template, year: '2019' })).toBeUndefined();
    expect(templateMarkerOf({ ...template, department: ' ' })).toBeUndefined();
    expect(templateMarkerOf({ ...template, type: PLAN_MARKER_TYPE })).toBeUndefined();
    expect(isTemplateFor(template, { campaign: 'C1', department: '投资促进中心', year: 2019, month: 6 })).toBe(true);
    expect(isTemplateFor(template, { campaign: 'C1', department: '投资促进中心', year: 2019, month: 7 })).toBe(false);
  });
});

describe('keys row and codes', () => {
  it('the keys row is found in rows 1–40, whatever reads it', () => {
    const rows: CellValue[][] = Array.from({ length: KEYS_ROWS - 1 }, () => [null]);
    rows.push(['code', 'actual', 'actual']);
    const found = findKeysRow(rows, ['code', 'actual'] as const, ['code', 'actual']);
    expect(found?.row).toBe(KEYS_ROWS);
    expect(found?.duplicated).toEqual(['actual']);
    expect(findKeysRow([[null], ...rows], ['code', 'actual'] as const, ['code'])).toBeUndefined();
  });

  it('codes are read as a person types them', () => {
    expect(normaliseCode(' ｃ1－01 ')).toBe('C1-01');
    expect(INDICATOR_CODE.test('C1-01')).toBe(true);
    expect(INDICATOR_CODE.test('C1-1')).toBe(false);
  });
});
