import { builtinPlan } from '../../../src/domain/plan/builtin';
import { buildTemplate } from '../../../src/domain/template/template';
import { cellAt } from '../../../src/domain/grid/sheet';
import { parseCell } from '../../../src/domain/grid/address';
import { FileWorkbook } from '../../../src/workbook/files/fileWorkbook';
import { readXlsx } from '../../../src/workbook/files/readXlsx';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import { PortError } from '../../../src/workbook/port';
import { templateInputRows } from '../../fixtures/filledTemplates';

/**
 * The file adapter (issue 14) beyond the port contract: what it saves is what it read — a template with typed values
 * saved and read back has every formula's result as HyperFormula computes the same workbook; a sheet loaded from a
 * file keeps the values its file cached; a protected template refuses a write to a locked cell.
 */

const plan = builtinPlan();

describe('FileWorkbook', () => {
  test.each(['native', 'kpi'] as const)(
    'a %s template with typed values, saved and read back: every formula’s result as the memory workbook computes it',
    async (mode) => {
      const spec = buildTemplate({ plan, campaignId: 'C2', department: '经信商务局', year: 2019, month: 6, mode });
      const rows = templateInputRows(spec);
      const typed = rows
        .slice(0, 6)
        .map((r, i) => ({ sheet: spec.name, address: r.actual, value: [1150, 14, 33.5, 2, 4, 0][i] ?? 0 }));
      const file = new FileWorkbook();
      const memory = new MemoryWorkbook();
      for (const wb of [file, memory]) {
        await wb.writeSheet(spec);
        await wb.writeCells(typed);
      }
      const [want] = await memory.readSheets([spec.name], { formulas: true });
      const [got] = readXlsx('x.xlsx', file.save()).sheets;
      const formulaCells = (want?.formulas ?? []).flatMap((row, r) =>
        row.flatMap((f, c) => (f ? [{ r: r + 1, c: c + 1 }] : [])),
      );
      expect(formulaCells.length).toBeGreaterThan(40);
      for (const { r, c } of formulaCells) {
        const expected = cellAt(want?.values ?? [], r, c);
        const actual = cellAt(got?.values ?? [], r, c);
        if (typeof expected === 'number') expect(actual).toBeCloseTo(expected, 9);
        // a formula's "" result: a cell showing nothing, whether a reader gives it as "" or as blank
        else if (expected === '') expect(['', null]).toContainEqual(actual);
        else expect(actual).toEqual(expected);
      }
      // the typed values themselves
      for (const t of typed) {
        const { row, column } = parseCell(t.address);
        expect(cellAt(got?.values ?? [], row, column)).toBe(t.value);
      }
    },
  );

  test('a sheet loaded from a file keeps the values its file cached (never recomputed here), also when saved', async () => {
    const file = FileWorkbook.of([{ name: '部门表', values: [[2, 5]], formulas: [[null, '=A1*2']] }]);
    const [read] = await file.readSheets(['部门表'], { formulas: true });
    expect(read?.values).toEqual([[2, 5]]);
    expect(read?.formulas).toEqual([[null, '=A1*2']]);
    const [saved] = readXlsx('x.xlsx', file.save()).sheets;
    expect(saved?.values).toEqual([[2, 5]]);
  });

  test('a protected template refuses a write to a locked cell, as Excel does; its input cells take one', async () => {
    const spec = buildTemplate({
      plan,
      campaignId: 'C1',
      department: '投资促进中心',
      year: 2019,
      month: 6,
      mode: 'native',
    });
    const file = new FileWorkbook();
    await file.writeSheet(spec);
    await expect(file.writeCells([{ sheet: spec.name, address: 'B2', value: 1 }])).rejects.toEqual(
      new PortError('sheetProtected', `${spec.name}!B2`),
    );
    const input = templateInputRows(spec)[0]?.actual ?? '';
    await expect(file.writeCells([{ sheet: spec.name, address: input, value: 1 }])).resolves.toBeUndefined();
  });

  test('text stays text: a value "=1+1" typed is saved and read back as text', async () => {
    const file = new FileWorkbook();
    await file.writeSheet({ name: 'S', styles: {}, blocks: [{ at: 'A1', rows: [[{ value: 'x' }]] }] });
    await file.writeCells([{ sheet: 'S', address: 'B1', value: '=1+1' }]);
    expect((await file.readSheets(['S'], { formulas: true }))[0]).toMatchObject({
      values: [['x', '=1+1']],
      formulas: [[null, null]],
    });
    expect(readXlsx('x.xlsx', file.save()).sheets[0]?.values).toEqual([['x', '=1+1']]);
  });
});
