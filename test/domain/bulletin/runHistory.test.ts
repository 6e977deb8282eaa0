import { runHistory } from '../../../src/domain/bulletin/runHistory';
import { HISTORY_SHEET, historySheet } from '../../../src/domain/bulletin/historySheet';
import { consolidate, type Source } from '../../../src/domain/consolidation/consolidate';
import { HISTORY_MARKER_TYPE, MARKER_TAG } from '../../../src/domain/grid/ownSheets';
import type { SheetData } from '../../../src/domain/grid/sheet';
import { PLAN, fileSource, fill, sheetSource, templateGrid } from '../consolidation/fixtures';
import { specToArray } from '../specToArray';
import type { CellValue } from '../../../src/domain/grid/cells';

/**
 * runHistory, the pure part of 历史 in the 一键汇总 click (the use case's tests drive it through the workbook): which
 * months are recorded from sources, which are kept, when 历史 is rewritten, under which name.
 */

const LEAD = '投资促进中心';
const grid = (month: number, actual: number, year = 2019) =>
  fill(templateGrid('C1', LEAD, { month, year }), { 'C1-01': { actual } });

function run(sources: readonly Source[], extra: readonly SheetData[] = [], period?: { year: number; month: number }) {
  const result = consolidate(PLAN, sources, period ? { period } : {});
  const sheets = [...sources.filter((s) => s.origin.kind === 'sheet').map((s) => s.sheet), ...extra];
  return runHistory({ plan: PLAN, sheets, sources, result });
}

const total = (h: ReturnType<typeof run>, month: number, code = 'C1-01') =>
  h.records.find((r) => r.scope === 'total' && r.month === month && r.code === code);

test('the run’s month and the workbook’s other months are recorded from their sheets; a file of another month is not', () => {
  const h = run([sheetSource(grid(6, 3.5)), sheetSource(grid(4, 1)), fileSource('五月.xlsx', grid(5, 2))]);
  expect(h.recomputed).toEqual([
    { year: 2019, month: 6 },
    { year: 2019, month: 4 },
  ]);
  expect([total(h, 6)?.actual, total(h, 4)?.actual, total(h, 5)]).toEqual([3.5, 1, undefined]);
  expect(h.state).toBe('written');
  expect(h.spec?.name).toBe(HISTORY_SHEET);
});

test('months of the 历史 sheet without sheets are kept; the run’s month replaces what 历史 had for it', () => {
  const first = run([sheetSource(grid(5, 2)), sheetSource(grid(6, 3))], [], { year: 2019, month: 6 });
  const recorded: SheetData = { name: HISTORY_SHEET, values: specToArray(historySheet(first.records, PLAN)) };
  const again = run([sheetSource(grid(6, 3.5))], [recorded]);
  expect(again.kept).toEqual([{ year: 2019, month: 5 }]);
  expect([total(again, 5)?.actual, total(again, 6)?.actual]).toEqual([2, 3.5]);
});

test('a renamed 历史 is rewritten under its own name; a damaged marker is repaired by the rewrite', () => {
  const first = run([sheetSource(grid(6, 3))]);
  const values = specToArray(historySheet(first.records, PLAN)) as CellValue[][];
  const renamed = run([sheetSource(grid(6, 3))], [{ name: '历史记录（区考评办）', values }]);
  expect(renamed.spec?.name).toBe('历史记录（区考评办）');
  const damaged = values.map((r, i) =>
    i === 0 ? [`${MARKER_TAG}{"type":"${HISTORY_MARKER_TYPE}",`, ...r.slice(1)] : r,
  );
  const repaired = run([sheetSource(grid(6, 3))], [{ name: HISTORY_SHEET, values: damaged }]);
  expect(repaired.problems.map((p) => p.key)).toEqual(['bulletin.history.markerDamaged']);
  expect(repaired.state).toBe('written');
});

test('sheets of another year than the plan’s are consolidated but not recorded (历史 holds the plan year only)', () => {
  const h = run([sheetSource(grid(6, 3, 2018))]);
  expect(h.records).toEqual([]);
  expect(h.state).toBe('none');
  expect(h.spec).toBeUndefined();
});
