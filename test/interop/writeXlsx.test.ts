import fs from 'fs';
import os from 'os';
import path from 'path';
import { cellAddress, parseRange, parseRanges } from '../../src/domain/grid/address';
import { listedMarkerOf } from '../../src/domain/grid/ownSheets';
import type { SheetData } from '../../src/domain/grid/sheet';
import type { SheetSpec, ValidationSpec } from '../../src/domain/grid/sheetSpec';
import { readXlsx } from '../../src/workbook/files/readXlsx';
import { writeXlsx } from '../../src/workbook/files/writeXlsx';
import { specCells } from '../domain/specToArray';
import { consolidationWorkbook, filledTemplate, inMemory, plan, withCache } from '../workbook/files/xlsxSpecs';
import { inspectInLibreOffice, sameAsLibreOffice, unoMissing, type UnoSheet, type UnoValidation } from './uno';

/**
 * Files written by writeXlsx (SPEC §11: what departments without the add-in open), opened in LibreOffice Calc and
 * looked at over UNO: formulas calculate to what HyperFormula (the memory workbook) gives; input cells carry their
 * validation rule (type, operator, formulas, blanks, prompt, stop alert) and LibreOffice's own check refuses what the
 * rule refuses; cells are locked or not as specified on a protected sheet; merges, the hidden marker row, print setup
 * and charts are there; and a file LibreOffice saves again still has its marker where the add-in looks for it.
 *
 * Typing through UNO (XCell.setValue, setString, even .uno:EnterString) never runs data validation — LibreOffice checks
 * only what is typed in its input line — so a value is put into the cell and LibreOffice's Tools ▸ Detective ▸ Mark
 * Invalid Data (XSheetAuditing.showInvalid) is asked whether it breaks the cell's rule.
 *
 * Without soffice and a Python with `uno` the suite is skipped (with a notice), unless INTEROP_REQUIRED=1.
 */
const missing = unoMissing();
if (missing) {
  if (process.env.INTEROP_REQUIRED === '1') throw new Error(`INTEROP_REQUIRED=1 but ${missing}`);
  console.warn(`[interop] ${missing}: LibreOffice UNO tests of writeXlsx skipped`);
}

jest.setTimeout(240_000);

/** Every formula cell of the memory workbook's sheets against LibreOffice's value; how many were compared. */
function compareFormulas(memory: readonly SheetData[], libre: readonly UnoSheet[]) {
  let compared = 0;
  const differences: string[] = [];
  for (const sheet of memory) {
    const lo = libre.find((s) => s.name === sheet.name);
    if (!lo) throw new Error(`LibreOffice has no ${sheet.name}`);
    sheet.formulas?.forEach((row, r) =>
      row.forEach((formula, c) => {
        if (formula === null) return;
        compared++;
        const want = sheet.values[r]?.[c];
        const got = lo.values[r]?.[c];
        if (!sameAsLibreOffice(want, got))
          differences.push(
            `${sheet.name}!${cellAddress(c + 1, r + 1)} ${formula}: HyperFormula ${JSON.stringify(want)}, LibreOffice ${JSON.stringify(got)}`,
          );
      }),
    );
  }
  return { compared, differences };
}

const TYPE: Record<ValidationSpec['rule']['type'], string> = {
  decimal: 'DECIMAL',
  wholeNumber: 'WHOLE',
  list: 'LIST',
  textLength: 'TEXT_LEN',
  custom: 'CUSTOM',
};
const OPERATOR: Record<string, string> = {
  between: 'BETWEEN',
  notBetween: 'NOT_BETWEEN',
  equalTo: 'EQUAL',
  notEqualTo: 'NOT_EQUAL',
  greaterThan: 'GREATER',
  lessThan: 'LESS',
  greaterThanOrEqualTo: 'GREATER_EQUAL',
  lessThanOrEqualTo: 'LESS_EQUAL',
};

/** What LibreOffice should report of a validation spec (the list's formula aside: checked by its entries). */
function expectedValidation(v: ValidationSpec): Partial<UnoValidation> {
  const rule = v.rule;
  return {
    type: TYPE[rule.type],
    ...('operator' in rule ? { operator: OPERATOR[rule.operator] } : {}),
    ...('formula1' in rule ? { formula1: String(rule.formula1) } : {}),
    ...('formula2' in rule && rule.formula2 !== undefined ? { formula2: String(rule.formula2) } : {}),
    ignoreBlank: v.allowBlank,
    showError: true,
    errorStyle: (v.errorAlert?.style ?? 'stop').toUpperCase().replace('INFORMATION', 'INFO'),
    errorTitle: v.errorAlert?.title ?? '',
    errorMessage: v.errorAlert?.message ?? '',
    showInput: v.prompt !== undefined,
    inputTitle: v.prompt?.title ?? '',
    inputMessage: v.prompt?.message ?? '',
  };
}

/** The first and last cell of each range of a validation. */
const cellsOf = (range: string): string[] =>
  parseRanges(range).flatMap((r) => [
    cellAddress(r.start.column, r.start.row),
    ...(r.end.row !== r.start.row || r.end.column !== r.start.column ? [cellAddress(r.end.column, r.end.row)] : []),
  ]);

(missing ? describe.skip : describe)('writeXlsx files in LibreOffice Calc (UNO)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-writexlsx-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The five campaigns' native templates for June, filled in, as one file. */
  function templates(): SheetSpec[] {
    return plan.campaigns.map((c, i) => filledTemplate(c.id, c.leadDepartment, 6, 'native', i + 1));
  }

  it('a native template: formulas as HyperFormula computes them, validation, locks, protection, merges, print setup', async () => {
    const specs = templates();
    const { read } = await inMemory(specs);
    const file = path.join(dir, 'templates.xlsx');
    // No cached results: only LibreOffice's own calculation on opening can give the figures.
    fs.writeFileSync(file, writeXlsx(specs.map((spec) => ({ spec }))));
    const spec = specs[1] as SheetSpec;
    const validations = spec.validations ?? [];
    const cells = specCells(spec);
    const job = {
      file,
      recalculate: false,
      sheets: Object.fromEntries(
        specs.map((s) => [
          s.name,
          s === spec
            ? {
                cells: [...new Set([...validations.flatMap((v) => cellsOf(v.range)), ...cells.keys()])],
                merges: s.merges ?? [],
              }
            : {},
        ]),
      ),
    };
    const report = inspectInLibreOffice(job);
    const { compared, differences } = compareFormulas(read, report.sheets);
    expect(differences.slice(0, 20)).toEqual([]);
    expect(compared).toBeGreaterThan(150);

    const lo = report.sheets.find((s) => s.name === spec.name) as UnoSheet;
    // validation: every rule on its cells, as written
    for (const v of validations)
      for (const address of cellsOf(v.range))
        expect([address, lo.cells[address]?.validation]).toEqual([
          address,
          expect.objectContaining(expectedValidation(v)),
        ]);
    const list = validations.find((v) => v.rule.type === 'list');
    if (list && list.rule.type === 'list') {
      const formula = lo.cells[cellsOf(list.range)[0] ?? '']?.validation.formula1 ?? '';
      expect(formula.split(/[;,]/).map((s) => s.replace(/^"|"$/g, ''))).toEqual(list.rule.source);
    }
    // locks: the input cells (and only they) unlocked, on a protected sheet
    expect(lo.protected).toBe(true);
    for (const [address, cell] of cells)
      expect([address, lo.cells[address]?.locked]).toEqual([address, spec.styles[cell.style ?? '']?.locked !== false]);
    // merges; the hidden marker and keys rows; the print setup
    expect(Object.entries(lo.merges).filter(([, merged]) => !merged)).toEqual([]);
    expect(Object.keys(lo.merges)).toHaveLength(spec.merges?.length ?? 0);
    expect(lo.rowsVisible.slice(0, 3)).toEqual([false, false, true]);
    const print = spec.print;
    expect({ ...lo.page, width: undefined, height: undefined }).toEqual({
      landscape: print?.orientation === 'landscape',
      scaleToPagesX: print?.fitToPagesWide,
      scaleToPagesY: 0,
      centerHorizontally: print?.centerHorizontally,
      width: undefined,
      height: undefined,
    });
    expect(lo.page.width).toBeGreaterThan(lo.page.height);
    const titles = parseRange(print?.printTitleRows ?? '');
    expect(lo.printTitleRows).toEqual([titles.start.row, titles.end.row]);
  });

  it('LibreOffice’s own check refuses what a template’s rules refuse, and accepts what they accept', () => {
    const specs = templates();
    const file = path.join(dir, 'validity.xlsx');
    fs.writeFileSync(file, writeXlsx(specs.map((spec) => ({ spec }))));
    // A value for each kind of rule the templates have, one that breaks it and one that keeps it.
    const cases: { sheet: string; cell: string; value: number | string; invalid: boolean; why: string }[] = [];
    const seen = new Set<string>();
    for (const spec of specs)
      for (const v of spec.validations ?? []) {
        const rule = v.rule;
        const key = `${rule.type}:${'operator' in rule ? rule.operator : ''}:${'formula1' in rule ? String(rule.formula1) : ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const cell = cellsOf(v.range)[0] ?? '';
        const add = (value: number | string, invalid: boolean) =>
          cases.push({
            sheet: spec.name,
            cell,
            value,
            invalid,
            why: `${key} ${typeof value === 'string' && value.length > 20 ? `${value.length} characters` : JSON.stringify(value)}`,
          });
        if (rule.type === 'decimal' || rule.type === 'wholeNumber') {
          const low = Number(rule.formula1);
          const high = rule.formula2 === undefined ? undefined : Number(rule.formula2);
          if (rule.operator === 'greaterThanOrEqualTo') add(low - 1, true);
          if (rule.operator === 'greaterThan') add(low, true);
          if (rule.operator === 'between' && high !== undefined) add(high + 1, true);
          add(high ?? low + 1, false);
          if (rule.type === 'wholeNumber') add(low + 1.5, true);
        } else if (rule.type === 'textLength') {
          add('字'.repeat(rule.formula1 + 1), true);
          add('已核实', false);
        } else if (rule.type === 'list') {
          add('一半', true);
          add(rule.source[5] ?? '', false);
        }
      }
    const report = inspectInLibreOffice({
      file,
      sheets: Object.fromEntries(specs.map((s) => [s.name, {}])),
      validity: cases,
    });
    expect(Object.values(report.circlesBefore)).toEqual(specs.map(() => 0));
    expect(report.validity.map((r, i) => [cases[i]?.why, r.invalid])).toEqual(cases.map((c) => [c.why, c.invalid]));
    expect(cases.filter((c) => c.invalid).length).toBeGreaterThanOrEqual(6);
    console.info(
      `[interop] LibreOffice's validity check: ${cases.map((c) => `${c.why} ${c.invalid ? '✗' : '✓'}`).join('; ')}`,
    );
  });

  it('a 一键汇总’s workbook: 汇总, 明细, 历史 and 通报 calculate as in the add-in; 通报 prints on A4 with its title rows and charts', async () => {
    const { templates: sources, outputs, wb } = await consolidationWorkbook();
    const specs = [...sources, ...outputs];
    const read = await wb.readSheets(
      specs.map((s) => s.name),
      { formulas: true },
    );
    const file = path.join(dir, 'consolidation.xlsx');
    fs.writeFileSync(file, writeXlsx(specs.map((spec) => ({ spec }))));
    const report = inspectInLibreOffice({
      file,
      recalculate: false,
      sheets: Object.fromEntries(specs.map((s) => [s.name, { merges: s.merges ?? [] }])),
    });
    const { compared, differences } = compareFormulas(read, report.sheets);
    expect(differences.slice(0, 20)).toEqual([]);
    expect(compared).toBeGreaterThan(500);
    for (const spec of outputs) {
      const lo = report.sheets.find((s) => s.name === spec.name) as UnoSheet;
      expect([spec.name, Object.values(lo.merges).every(Boolean), lo.rowsVisible[0]]).toEqual([spec.name, true, false]);
      expect([spec.name, lo.charts.length]).toEqual([spec.name, spec.charts?.length ?? 0]);
      expect([spec.name, lo.protected]).toEqual([spec.name, spec.protect === true]);
    }
    const bulletin = report.sheets.find((s) => s.name === '通报') as UnoSheet;
    // A4 landscape (297 × 210 mm, LibreOffice keeps 1/100 mm, give or take one), one page wide, centred, rows 2–3
    expect({
      ...bulletin.page,
      width: Math.round(bulletin.page.width / 10),
      height: Math.round(bulletin.page.height / 10),
    }).toEqual({
      landscape: true,
      width: 2970,
      height: 2100,
      scaleToPagesX: 1,
      scaleToPagesY: 0,
      centerHorizontally: true,
    });
    expect(bulletin.printTitleRows).toEqual([2, 3]);
    // every check cell of the workbook reads 一致 in LibreOffice too
    const checks = report.sheets.flatMap((s) => s.values.flat().filter((v) => v === '一致' || v === '不一致'));
    expect(checks.length).toBeGreaterThan(5);
    expect(checks.filter((v) => v !== '一致')).toEqual([]);
  });

  it('with cached results, LibreOffice recalculating agrees with them; saved again by LibreOffice, every marker is still found', async () => {
    const { templates: sources, outputs } = await consolidationWorkbook();
    const specs = [...sources.slice(-5), ...outputs];
    const { read } = await inMemory(specs);
    const file = path.join(dir, 'cached.xlsx');
    const saved = path.join(dir, 'saved-by-libreoffice.xlsx');
    fs.writeFileSync(file, writeXlsx(withCache(specs, read)));
    const report = inspectInLibreOffice({
      file,
      recalculate: true,
      saveAs: saved,
      sheets: Object.fromEntries(specs.map((s) => [s.name, {}])),
    });
    expect(compareFormulas(read, report.sheets).differences.slice(0, 20)).toEqual([]);
    const parsed = readXlsx('saved-by-libreoffice.xlsx', fs.readFileSync(saved));
    expect(parsed.problems).toEqual([]);
    for (const spec of specs) {
      const sheet = parsed.sheets.find((s) => s.name === spec.name);
      expect([spec.name, sheet && listedMarkerOf(sheet.values).marker]).toEqual([spec.name, spec.marker]);
    }
  });
});
