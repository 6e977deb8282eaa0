import type { CellValue } from '../../src/domain/grid/cells';
import { findMarkers } from '../../src/domain/grid/ownSheets';
import { findLabel, presentRows, type Grid } from '../../src/domain/grid/sheet';
import { builtinPlan } from '../../src/domain/plan/builtin';
import { buildTemplate } from '../../src/domain/template/template';
import { isTemplateSheet, validateTemplateSheet } from '../../src/domain/validation/validateSheet';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';

/**
 * Grids read from files are sparse (issue 12): an empty row is a hole, a row is as long as its last cell, and one
 * cell at A1048576 makes a grid 1,048,576 rows long. The domain readers read such a grid as they read a dense one,
 * and visit only the rows present: the rows they look at are counted (a Proxy), never timed.
 */
const plan = builtinPlan();

/** The grid with every blank row a hole and blank cells holes too, plus a cell at `far` rows (1-based) if given. */
function sparse(values: Grid, far?: { row: number; column: number; value: CellValue }): CellValue[][] {
  const out: CellValue[][] = [];
  values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null && v !== '') (out[r] ??= [])[c] = v;
    }),
  );
  if (far) (out[far.row - 1] ??= [])[far.column - 1] = far.value;
  return out;
}

/** The grid behind a Proxy that counts the rows read from it. */
function counted(values: CellValue[][]): { grid: CellValue[][]; reads: () => number } {
  let reads = 0;
  const grid = new Proxy(values, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { grid, reads: () => reads };
}

async function templateSheet() {
  const wb = new MemoryWorkbook();
  const spec = buildTemplate({ plan, campaignId: 'C2', department: '经信商务局', year: 2019, month: 6, mode: 'kpi' });
  await wb.writeSheet(spec);
  const [sheet] = await wb.readSheets([spec.name], { numberFormats: true });
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

describe('presentRows', () => {
  const holes: CellValue[][] = [];
  holes[0] = [1];
  holes[4] = [2];
  holes[1_048_575] = [3];
  it.each<[string, Grid, number, number | undefined, number[]]>([
    ['a dense grid', [[1], [2], [3]], 1, undefined, [1, 2, 3]],
    ['holes in a short range', holes, 1, 10, [1, 5]],
    ['a far row', holes, 1, undefined, [1, 5, 1_048_576]],
    ['from a row on', holes, 2, undefined, [5, 1_048_576]],
    ['an empty grid', [], 1, undefined, []],
  ])('%s', (_, grid, from, to, rows) => expect(presentRows(grid, from, to)).toEqual(rows));
});

describe('the domain readers on a sparse grid', () => {
  it.each([
    ['holes for the empty rows and cells', undefined],
    ['and a cell at Z1048576', { row: 1_048_576, column: 26, value: 1 }],
    ['and a cell at XFD1048576', { row: 1_048_576, column: 16_384, value: 'x' }],
  ] as const)('a template with %s reads as the dense one, visiting only the rows present', async (_, far) => {
    const sheet = await templateSheet();
    const dense = validateTemplateSheet(sheet, plan);
    const { grid, reads } = counted(sparse(sheet.values, far));
    const read = { ...sheet, values: grid };
    expect(isTemplateSheet(read)).toBe(true);
    expect(findMarkers(grid)[0]?.cell).toBe('A1');
    expect(findLabel(grid, '报告期', 1, 10)).toEqual(findLabel(sheet.values, '报告期', 1, 10));
    const got = validateTemplateSheet(read, plan);
    expect(got.template?.rows).toEqual(dense.template?.rows);
    expect(got.problems).toEqual(dense.problems);
    // the template has fewer than a hundred rows: a walk over a million would read a million
    expect(reads()).toBeLessThan(20_000);
  });
});
