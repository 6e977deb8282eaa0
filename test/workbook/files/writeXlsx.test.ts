import { read as readSheetJs, type CellObject, type WorkBook } from '@e965/xlsx';
import { cellAddress, columnNumber, parseCell, parseRange, rangeAddress } from '../../../src/domain/grid/address';
import type { CellValue } from '../../../src/domain/grid/cells';
import { cellAt, type SheetData } from '../../../src/domain/grid/sheet';
import { listedMarkerOf } from '../../../src/domain/grid/ownSheets';
import { clipCellText, writableSpec, type SheetSpec } from '../../../src/domain/grid/sheetSpec';
import { needsTextFormat } from '../../../src/workbook/cellText';
import { charactersToPoints } from '../../../src/workbook/excel/renderSheet';
import { readXlsx } from '../../../src/workbook/files/readXlsx';
import { writeXlsx, type XlsxSheet } from '../../../src/workbook/files/writeXlsx';
import { storedFormula } from '../../../src/workbook/files/xlsx/cells';
import { storedColumnWidth } from '../../../src/workbook/files/xlsx/worksheet';
import type { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import { specCells } from '../../domain/specToArray';
import { attr, at, list, parseXml, relationshipsOf, textOf, unzipParts, worksheetPart, type Xml } from './xlsxParts';
import { consolidationWorkbook, everyTemplate, inMemory, planSheet, withCache } from './xlsxSpecs';

/**
 * The .xlsx writer (SPEC §11) over the add-in's real sheet specs: what the add-in's own reader (readXlsx), an
 * independent reader (SheetJS) and the XML itself (fast-xml-parser) say of the file, against what the memory
 * workbook (HyperFormula) holds for the same specs.
 */

jest.setTimeout(60_000);

const MODIFIED = new Date('2019-07-03T08:30:00Z');

// ————— comparing a file with the memory workbook —————

/** "" and blank are one: Excel clears a cell written "" (the memory workbook keeps an empty text). */
const blank = (v: CellValue | undefined): boolean => v === null || v === undefined || v === '';

function sameValue(file: CellValue | undefined, memory: CellValue | undefined): boolean {
  if (blank(file) && blank(memory)) return true;
  return JSON.stringify(file) === JSON.stringify(memory);
}

/** Every cell of either grid whose values differ (file as readXlsx reads it, memory as readSheets does). */
function differences(file: SheetData, memory: SheetData): string[] {
  const out: string[] = [];
  const rows = Math.max(file.values.length, memory.values.length);
  for (let row = 1; row <= rows; row++) {
    const columns = Math.max(file.values[row - 1]?.length ?? 0, memory.values[row - 1]?.length ?? 0);
    for (let column = 1; column <= columns; column++) {
      const f = cellAt(file.values, row, column);
      const m = cellAt(memory.values, row, column);
      if (!sameValue(f, m))
        out.push(`${memory.name}!${cellAddress(column, row)}: file ${JSON.stringify(f)}, memory ${JSON.stringify(m)}`);
    }
  }
  return out;
}

/** Formula cells of a memory sheet by address, as "=…". */
function formulasOf(sheet: SheetData): Map<string, string> {
  const out = new Map<string, string>();
  sheet.formulas?.forEach((row, r) =>
    row.forEach((f, c) => {
      if (f !== null) out.set(cellAddress(c + 1, r + 1), f);
    }),
  );
  return out;
}

/**
 * Every formula of the file (SheetJS reads them) against the memory workbook's, both in HyperFormula's normal form
 * (the engine spells numbers its own way: 0.000000001 is 1e-9), and no formula where the memory has none.
 */
function formulaDifferences(
  book: WorkBook,
  memory: SheetData,
  wb: MemoryWorkbook,
): { compared: number; out: string[] } {
  const ws = book.Sheets[memory.name] ?? {};
  const want = formulasOf(memory);
  const out: string[] = [];
  for (const [address, formula] of want) {
    const f = (ws[address] as CellObject | undefined)?.f;
    const got = f === undefined ? undefined : wb.engine.normalizeFormula(`=${f}`);
    if (got !== formula) out.push(`${memory.name}!${address}: file ${String(got)}, memory ${formula}`);
  }
  for (const [address, cell] of Object.entries(ws))
    if (!address.startsWith('!') && (cell as CellObject).f !== undefined && !want.has(address))
      out.push(`${memory.name}!${address}: a formula the memory workbook does not have`);
  return { compared: want.size, out };
}

interface RoundTrip {
  readonly specs: readonly SheetSpec[];
  readonly wb: MemoryWorkbook;
  readonly memory: readonly SheetData[];
  readonly bytes: Uint8Array;
}

async function roundTrip(given: readonly SheetSpec[], cached = true): Promise<RoundTrip> {
  // The memory workbook is given what the writer writes: every builder's spec goes through writableSpec already.
  const specs = given.map((s) => writableSpec(s));
  const { wb, read } = await inMemory(specs);
  const sheets: XlsxSheet[] = cached ? withCache(specs, read) : specs.map((spec) => ({ spec }));
  return { specs, wb, memory: read, bytes: writeXlsx(sheets, { modified: MODIFIED, creator: '区考评办' }) };
}

/** What readXlsx and SheetJS make of the file, against the memory workbook: every value, formula and marker. */
function expectSameAsMemory({ specs, wb, memory, bytes }: RoundTrip): void {
  const parsed = readXlsx('round-trip.xlsx', bytes);
  expect(parsed.problems).toEqual([]);
  expect(parsed.sheets.map((s) => s.name)).toEqual(specs.map((s) => s.name));
  expect(parsed.savedAt).toBe(MODIFIED.toISOString());
  const book = readSheetJs(bytes, { type: 'array', cellFormula: true });
  let formulas = 0;
  const found: string[] = [];
  for (const [i, spec] of specs.entries()) {
    const file = parsed.sheets[i];
    const mem = memory[i];
    if (!file || !mem) throw new Error(`sheet ${i}`);
    expect(differences(file, mem).slice(0, 10)).toEqual([]);
    // every formula cell has its cached value: nothing is listed as uncalculated
    expect(file.uncalculated ?? []).toEqual([]);
    const f = formulaDifferences(book, mem, wb);
    expect(f.out.slice(0, 10)).toEqual([]);
    formulas += f.compared;
    // the marker is found where every reader looks for it, and says what the spec says
    expect(listedMarkerOf(file.values).marker).toEqual(spec.marker);
    if (spec.marker) found.push(spec.name);
  }
  expect(found.length).toBe(specs.filter((s) => s.marker).length);
  expect(formulas).toBeGreaterThan(0);
}

// ————— the add-in's sheets —————

describe('writeXlsx: the add-in’s sheets read back as the memory workbook holds them', () => {
  it.each(['kpi', 'native'] as const)(
    'every template of the built-in plan (%s formulas), filled in, and the 指标库',
    async (mode) => {
      const specs = [...everyTemplate(mode), planSheet()];
      expect(specs.length).toBeGreaterThanOrEqual(5 * 3 + 2);
      expectSameAsMemory(await roundTrip(specs));
    },
  );

  it('a 一键汇总: the templates of April–June, 汇总, 明细, 历史 and 通报', async () => {
    const { templates, outputs } = await consolidationWorkbook();
    expect(outputs.map((s) => s.name)).toEqual(['汇总', '明细', '历史', '通报']);
    expectSameAsMemory(await roundTrip([...templates, ...outputs]));
  });

  it('without cached results every formula cell is listed as uncalculated, and literal cells still read back', async () => {
    const specs = everyTemplate('native').slice(0, 2);
    const { bytes, memory } = await roundTrip(specs, false);
    const parsed = readXlsx('x.xlsx', bytes);
    for (const [i, sheet] of parsed.sheets.entries()) {
      const mem = memory[i];
      if (!mem) throw new Error('sheet');
      const formulas = formulasOf(mem);
      expect(new Set(sheet.uncalculated)).toEqual(new Set(formulas.keys()));
      const literal = differences(sheet, mem).filter((d) => !formulas.has(d.split('!')[1]?.split(':')[0] ?? ''));
      expect(literal).toEqual([]);
    }
  });

  it('a text cell that looks like a formula, number or date is a text cell with the Text format, as the adapter writes it', async () => {
    const { bytes } = await roundTrip(everyTemplate('native').slice(0, 1));
    const spec = everyTemplate('native')[0] as SheetSpec;
    const book = readSheetJs(bytes, { type: 'array', cellFormula: true, cellNF: true });
    const ws = book.Sheets[spec.name] ?? {};
    let risky = 0;
    for (const [address, cell] of specCells(spec)) {
      if (typeof cell.value !== 'string' || cell.value === '' || cell.formula) continue;
      const got = ws[address] as CellObject | undefined;
      expect([address, got?.t, got?.f]).toEqual([address, 's', undefined]);
      if (needsTextFormat(cell.value)) {
        risky++;
        expect([address, got?.z]).toEqual([address, '@']);
      }
    }
    // the marker, at least (it starts like nothing risky, but is Text as the adapter writes it)
    expect((ws.A1 as CellObject | undefined)?.z).toBe('@');
    expect(risky).toBeGreaterThanOrEqual(0);
  });
});

// ————— what SheetJS, an independent reader, sees —————

describe('writeXlsx: formats, sizes, merges and links as SheetJS reads them', () => {
  let book: WorkBook;
  let specs: SheetSpec[];
  beforeAll(async () => {
    const { templates, outputs } = await consolidationWorkbook();
    specs = [templates[templates.length - 1] as SheetSpec, planSheet(), ...outputs];
    book = readSheetJs((await roundTrip(specs)).bytes, { type: 'array', cellStyles: true, cellNF: true });
  });

  it('merged areas, column widths (hidden too), row heights and the hidden marker row', () => {
    for (const spec of specs) {
      const ws = book.Sheets[spec.name] ?? {};
      expect(
        (ws['!merges'] ?? [])
          .map((m) =>
            rangeAddress({ start: { row: m.s.r + 1, column: m.s.c + 1 }, end: { row: m.e.r + 1, column: m.e.c + 1 } }),
          )
          .sort(),
      ).toEqual((spec.merges ?? []).map((m) => rangeAddress(parseRange(m))).sort());
      for (const c of spec.columnWidths ?? []) {
        const col = ws['!cols']?.[columnNumber(c.column) - 1];
        expect([c.column, col?.width, Boolean(col?.hidden)]).toEqual([
          c.column,
          storedColumnWidth(c.width),
          Boolean(c.hidden),
        ]);
      }
      for (const h of spec.rowHeights ?? []) {
        const row = ws['!rows']?.[h.row - 1];
        expect([h.row, row?.hpt, Boolean(row?.hidden)]).toEqual([h.row, h.height, Boolean(h.hidden)]);
      }
      if (spec.marker) expect(ws['!rows']?.[0]?.hidden).toBe(true);
    }
  });

  it('number formats: the cell’s own, else its style’s; fills of the named styles', () => {
    let checked = 0;
    for (const spec of specs) {
      const ws = book.Sheets[spec.name] ?? {};
      for (const [address, cell] of specCells(spec)) {
        if (address === 'A1' && spec.marker) continue;
        const got = ws[address] as (CellObject & { s?: { fgColor?: { rgb?: string } } }) | undefined;
        const style = cell.style ? spec.styles[cell.style] : undefined;
        const risky = typeof cell.value === 'string' && !cell.formula && needsTextFormat(cell.value);
        const format = risky ? '@' : (cell.numberFormat ?? style?.numberFormat);
        const empty =
          cell.formula === undefined && (cell.value === null || cell.value === undefined || cell.value === '');
        if (format && !empty) {
          expect([spec.name, address, got?.z]).toEqual([spec.name, address, format]);
          checked++;
        }
        if (style?.fill && got)
          expect([address, got.s?.fgColor?.rgb]).toEqual([address, style.fill.slice(1).toUpperCase()]);
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('hyperlinks into the workbook (明细’s links to the cells they came from)', () => {
    const detail = specs.find((s) => s.name === '明细') as SheetSpec;
    const links = [...specCells(detail)].filter(([, c]) => c.hyperlink);
    expect(links.length).toBeGreaterThan(0);
    const ws = book.Sheets['明细'] ?? {};
    for (const [address, cell] of links) {
      const l = (ws[address] as CellObject | undefined)?.l;
      expect([address, l?.Target, l?.Tooltip]).toEqual([
        address,
        `#${cell.hyperlink?.documentReference ?? ''}`,
        cell.hyperlink?.tooltip,
      ]);
    }
  });

  it('print titles as the defined name _xlnm.Print_Titles of each sheet that has them', () => {
    const names = (book.Workbook?.Names ?? []).filter((n) => n.Name === '_xlnm.Print_Titles');
    const want = specs.flatMap((s, i) =>
      s.print?.printTitleRows ? [{ sheet: i, ref: `'${s.name}'!${s.print.printTitleRows}` }] : [],
    );
    expect(names.map((n) => ({ sheet: n.Sheet, ref: n.Ref }))).toEqual(want);
    expect(want.length).toBeGreaterThanOrEqual(3);
  });
});

// ————— what the XML says —————

describe('writeXlsx: validation, conditional formats, protection, views and print setup in the XML', () => {
  let parts: Map<string, string>;
  let template: SheetSpec;
  let outputs: SheetSpec[];
  beforeAll(async () => {
    const made = await consolidationWorkbook();
    template = made.templates[made.templates.length - 1] as SheetSpec;
    outputs = made.outputs;
    parts = unzipParts((await roundTrip([template, planSheet(), ...outputs])).bytes);
  });
  const sheetOf = (name: string): Xml => worksheetPart(parts, name).xml;

  it('every data validation of a template, with its rule, blanks, prompt and stop alert', () => {
    const ws = sheetOf(template.name);
    const written = list(ws, 'worksheet', 'dataValidations', 'dataValidation');
    const specs = template.validations ?? [];
    expect(specs.length).toBeGreaterThan(5);
    expect(attr(at(ws, 'worksheet', 'dataValidations'), 'count')).toBe(String(specs.length));
    const type = { decimal: 'decimal', wholeNumber: 'whole', list: 'list', textLength: 'textLength', custom: 'custom' };
    const operator: Record<string, string> = {
      greaterThanOrEqualTo: 'greaterThanOrEqual',
      greaterThan: 'greaterThan',
      lessThanOrEqualTo: 'lessThanOrEqual',
      between: 'between',
    };
    specs.forEach((v, i) => {
      const dv = written[i];
      const rule = v.rule;
      const formulas =
        rule.type === 'list'
          ? [`"${rule.source.join(',')}"`]
          : rule.type === 'custom'
            ? [rule.formula.replace(/^=/, '')]
            : [
                String(rule.formula1),
                ...('formula2' in rule && rule.formula2 !== undefined ? [String(rule.formula2)] : []),
              ];
      expect({
        sqref: attr(dv, 'sqref'),
        type: attr(dv, 'type'),
        operator: attr(dv, 'operator') ?? 'between',
        formula1: textOf(at(dv, 'formula1')),
        formula2: textOf(at(dv, 'formula2')),
        allowBlank: attr(dv, 'allowBlank'),
        showInputMessage: attr(dv, 'showInputMessage'),
        promptTitle: attr(dv, 'promptTitle'),
        prompt: attr(dv, 'prompt'),
        showErrorMessage: attr(dv, 'showErrorMessage'),
        errorStyle: attr(dv, 'errorStyle') ?? 'stop',
        errorTitle: attr(dv, 'errorTitle'),
        error: attr(dv, 'error'),
      }).toEqual({
        sqref: v.range,
        type: type[rule.type],
        operator: 'operator' in rule ? (operator[rule.operator] ?? rule.operator) : 'between',
        formula1: formulas[0],
        formula2: formulas[1],
        allowBlank: v.allowBlank ? '1' : undefined,
        showInputMessage: v.prompt ? '1' : undefined,
        promptTitle: v.prompt?.title,
        prompt: v.prompt?.message,
        showErrorMessage: '1',
        errorStyle: v.errorAlert?.style ?? 'stop',
        errorTitle: v.errorAlert?.title,
        error: v.errorAlert?.message,
      });
    });
    // the prompt's line break survives (an attribute's raw newline would be read back as a space)
    expect(specs.some((v) => v.prompt?.message.includes('\n'))).toBe(true);
  });

  it('conditional formats: each rule with its operator or expression, its look as a dxf, last added first', () => {
    const styles = parseXml(parts.get('xl/styles.xml') ?? '');
    const dxfs = list(styles, 'styleSheet', 'dxfs', 'dxf');
    for (const spec of [template, ...outputs]) {
      const blocks = list(sheetOf(spec.name), 'worksheet', 'conditionalFormatting');
      const cfs = spec.conditionalFormats ?? [];
      expect([spec.name, blocks.length]).toEqual([spec.name, cfs.length]);
      cfs.forEach((cf, i) => {
        const rule = list(blocks[i], 'cfRule')[0];
        expect(attr(blocks[i], 'sqref')).toBe(cf.range);
        expect(attr(rule, 'priority')).toBe(String(cfs.length - i));
        expect(attr(rule, 'stopIfTrue')).toBe(cf.stopIfTrue ? '1' : undefined);
        const formulas = list(rule, 'formula').map(textOf);
        if (cf.rule.type === 'cellValue') {
          expect(attr(rule, 'type')).toBe('cellIs');
          expect(formulas).toEqual([cf.rule.formula1, ...(cf.rule.formula2 ? [cf.rule.formula2] : [])]);
        } else {
          expect(attr(rule, 'type')).toBe('expression');
          expect(formulas).toEqual([cf.rule.formula.replace(/^=/, '')]);
        }
        const dxf = dxfs[Number(attr(rule, 'dxfId'))];
        if (cf.format.fill)
          expect(attr(at(list(dxf, 'fill')[0], 'patternFill', 'bgColor'), 'rgb')).toBe(
            `FF${cf.format.fill.slice(1).toUpperCase()}`,
          );
        if (cf.format.fontColor)
          expect(attr(at(list(dxf, 'font')[0], 'color'), 'rgb')).toBe(
            `FF${cf.format.fontColor.slice(1).toUpperCase()}`,
          );
        if (cf.format.numberFormat) expect(attr(list(dxf, 'numFmt')[0], 'formatCode')).toBe(cf.format.numberFormat);
      });
    }
  });

  it('a template is protected without a password, its input cells unlocked; columns and rows may be sized', () => {
    const ws = sheetOf(template.name);
    const protection = at(ws, 'worksheet', 'sheetProtection');
    expect(protection).toEqual({
      '@sheet': '1',
      '@objects': '1',
      '@scenarios': '1',
      '@formatColumns': '0',
      '@formatRows': '0',
    });
    const xfs = list(parseXml(parts.get('xl/styles.xml') ?? ''), 'styleSheet', 'cellXfs', 'xf');
    const unlocked = (address: string): boolean => {
      const c = list(ws, 'worksheet', 'sheetData', 'row')
        .flatMap((r) => list(r, 'c'))
        .find((x) => attr(x, 'r') === address);
      return attr(at(xfs[Number(attr(c, 's') ?? 0)], 'protection'), 'locked') === '0';
    };
    for (const [address, cell] of specCells(template))
      expect([address, unlocked(address)]).toEqual([address, template.styles[cell.style ?? '']?.locked === false]);
    expect([...specCells(template)].filter(([a]) => unlocked(a)).length).toBeGreaterThan(10);
    // the outputs are not protected
    for (const spec of outputs) expect(at(sheetOf(spec.name), 'worksheet', 'sheetProtection')).toBeUndefined();
  });

  it('frozen panes, the cursor below them, and the active sheet', () => {
    for (const spec of [template, ...outputs]) {
      const view = at(sheetOf(spec.name), 'worksheet', 'sheetViews', 'sheetView');
      const pane = at(view, 'pane');
      const { rows = 0, columns = 0 } = spec.freeze ?? {};
      if (rows === 0 && columns === 0) {
        expect(pane).toBeUndefined();
        continue;
      }
      expect({
        xSplit: attr(pane, 'xSplit'),
        ySplit: attr(pane, 'ySplit'),
        topLeftCell: attr(pane, 'topLeftCell'),
        state: attr(pane, 'state'),
      }).toEqual({
        xSplit: columns > 0 ? String(columns) : undefined,
        ySplit: rows > 0 ? String(rows) : undefined,
        topLeftCell: cellAddress(columns + 1, rows + 1),
        state: 'frozen',
      });
      const active = list(view, 'selection').find((s) => attr(s, 'pane') === attr(pane, 'activePane'));
      expect(attr(active, 'activeCell')).toBe(cellAddress(columns + 1, rows + 1));
    }
    expect(attr(at(sheetOf(template.name), 'worksheet', 'sheetViews', 'sheetView'), 'tabSelected')).toBe('1');
    for (const spec of outputs)
      expect(attr(at(sheetOf(spec.name), 'worksheet', 'sheetViews', 'sheetView'), 'tabSelected')).toBeUndefined();
    const workbook = parseXml(parts.get('xl/workbook.xml') ?? '');
    expect(attr(at(workbook, 'workbook', 'bookViews', 'workbookView'), 'activeTab')).toBe('0');
  });

  it('print setup: orientation, A4 where asked, fit to pages wide, centred; tab colours; recalculation on open', () => {
    for (const spec of [template, planSheet(), ...outputs]) {
      const ws = at(sheetOf(spec.name), 'worksheet');
      const print = spec.print;
      if (!print) continue;
      expect({
        orientation: attr(at(ws, 'pageSetup'), 'orientation'),
        paperSize: attr(at(ws, 'pageSetup'), 'paperSize'),
        fitToWidth: attr(at(ws, 'pageSetup'), 'fitToWidth'),
        fitToHeight: attr(at(ws, 'pageSetup'), 'fitToHeight'),
        fitToPage: attr(at(ws, 'sheetPr', 'pageSetUpPr'), 'fitToPage'),
        centred: attr(at(ws, 'printOptions'), 'horizontalCentered'),
        tab: attr(at(ws, 'sheetPr', 'tabColor'), 'rgb'),
      }).toEqual({
        orientation: print.orientation,
        paperSize: print.paperSize === 'A4' ? '9' : undefined,
        fitToWidth: print.fitToPagesWide === undefined ? undefined : String(print.fitToPagesWide),
        fitToHeight: print.fitToPagesWide === undefined ? undefined : '0',
        fitToPage: print.fitToPagesWide === undefined ? undefined : '1',
        centred: print.centerHorizontally === undefined ? undefined : print.centerHorizontally ? '1' : '0',
        tab: spec.tabColor ? `FF${spec.tabColor.slice(1).toUpperCase()}` : undefined,
      });
    }
    expect(outputs.find((s) => s.name === '通报')?.print?.paperSize).toBe('A4');
    const calc = at(parseXml(parts.get('xl/workbook.xml') ?? ''), 'workbook', 'calcPr');
    expect(attr(calc, 'fullCalcOnLoad')).toBe('1');
  });

  it('the 指标库’s table: its range, columns named by the header row, its style', () => {
    const spec = planSheet();
    const sheet = worksheetPart(parts, spec.name);
    const rel = relationshipsOf(parts, sheet.path).find((r) => r.type.endsWith('/table'));
    const table = at(parseXml(parts.get(rel?.target ?? '') ?? ''), 'table');
    expect(attr(table, 'ref')).toBe(spec.table?.range);
    expect(attr(table, 'name')).toBe(spec.table?.name);
    expect(attr(at(table, 'tableStyleInfo'), 'name')).toBe(spec.table?.style);
    const header = parseRange(spec.table?.range ?? '');
    const cells = specCells(spec);
    const headers = Array.from(
      { length: header.end.column - header.start.column + 1 },
      (_, i) => cells.get(cellAddress(header.start.column + i, header.start.row))?.value,
    );
    expect(list(table, 'tableColumns', 'tableColumn').map((c) => attr(c, 'name'))).toEqual(headers);
  });

  it('charts: one drawing per sheet, a chart part per chart with its type, series, references and colours', () => {
    for (const spec of outputs.filter((s) => s.charts?.length)) {
      const sheet = worksheetPart(parts, spec.name);
      const drawing = relationshipsOf(parts, sheet.path).find((r) => r.type.endsWith('/drawing'));
      expect(at(sheet.xml, 'worksheet', 'drawing')).toBeDefined();
      const anchors = list(parseXml(parts.get(drawing?.target ?? '') ?? ''), 'xdr:wsDr', 'xdr:twoCellAnchor');
      const charts = relationshipsOf(parts, drawing?.target ?? '');
      expect(anchors.length).toBe(spec.charts?.length);
      spec.charts?.forEach((chart, i) => {
        const anchor = anchors[i];
        const from = parseCell(chart.from);
        const to = parseCell(chart.to);
        expect([at(anchor, 'xdr:from', 'xdr:col'), at(anchor, 'xdr:from', 'xdr:row')]).toEqual([
          String(from.column - 1),
          String(from.row - 1),
        ]);
        expect([at(anchor, 'xdr:to', 'xdr:col'), at(anchor, 'xdr:to', 'xdr:row')]).toEqual([
          String(to.column),
          String(to.row),
        ]);
        expect(attr(at(anchor, 'xdr:graphicFrame', 'xdr:nvGraphicFramePr', 'xdr:cNvPr'), 'name')).toBe(chart.name);
        const part = charts.find(
          (c) => c.id === attr(at(anchor, 'xdr:graphicFrame', 'a:graphic', 'a:graphicData', 'c:chart'), 'r:id'),
        );
        const plot = at(parseXml(parts.get(part?.target ?? '') ?? ''), 'c:chartSpace', 'c:chart', 'c:plotArea');
        const kind = chart.type === 'pie' ? 'c:pieChart' : chart.type === 'line' ? 'c:lineChart' : 'c:barChart';
        const series = list(plot, kind, 'c:ser');
        const source = parseRange(chart.source);
        const count =
          chart.seriesBy === 'columns' ? source.end.column - source.start.column : source.end.row - source.start.row;
        expect(series.length).toBe(count);
        if (chart.type === 'columnStacked') expect(attr(at(plot, kind, 'c:grouping'), 'val')).toBe('stacked');
        series.forEach((s, k) => {
          const color = chart.seriesColors?.[k];
          if (color)
            expect(attr(at(s, 'c:spPr', 'a:solidFill', 'a:srgbClr'), 'val')).toBe(color.slice(1).toUpperCase());
          const ref = textOf(at(s, 'c:val', 'c:numRef', 'c:f')) ?? '';
          expect(ref.startsWith(`'${spec.name}'!$`)).toBe(true);
        });
      });
    }
    expect(outputs.reduce((n, s) => n + (s.charts?.length ?? 0), 0)).toBeGreaterThan(3);
  });

  it('the package: every part has its content type, every relationship’s target is there, core properties dated', () => {
    const types = parseXml(parts.get('[Content_Types].xml') ?? '');
    const overrides = new Set(list(types, 'Types', 'Override').map((o) => (attr(o, 'PartName') ?? '').slice(1)));
    for (const name of parts.keys())
      if (!name.endsWith('.rels') && name !== '[Content_Types].xml')
        expect([name, overrides.has(name)]).toEqual([name, true]);
    for (const name of overrides) expect([name, parts.has(name)]).toEqual([name, true]);
    for (const rels of [...parts.keys()].filter((n) => n.endsWith('.rels'))) {
      const owner = rels.replace(/_rels\/([^/]+)\.rels$/, '$1').replace(/^\//, '');
      for (const r of relationshipsOf(parts, owner === '.rels' || owner === '' ? '' : owner))
        if (!r.external) expect([rels, r.target, parts.has(r.target)]).toEqual([rels, r.target, true]);
    }
    const core = parseXml(parts.get('docProps/core.xml') ?? '');
    expect(textOf(at(core, 'cp:coreProperties', 'dcterms:modified'))).toBe('2019-07-03T08:30:00Z');
    expect(textOf(at(core, 'cp:coreProperties', 'dc:creator'))).toBe('区考评办');
  });

  it('styles are written once: no two fonts, fills, borders, number formats or cell formats alike', () => {
    const styles = at(parseXml(parts.get('xl/styles.xml') ?? ''), 'styleSheet');
    for (const [group, item] of [
      ['fonts', 'font'],
      ['fills', 'fill'],
      ['borders', 'border'],
      ['cellXfs', 'xf'],
      ['dxfs', 'dxf'],
    ] as const) {
      const items = list(styles, group, item).map((x) => JSON.stringify(x));
      expect([group, new Set(items).size]).toEqual([group, items.length]);
      expect(attr(at(styles, group), 'count')).toBe(String(items.length));
    }
    const formats = list(styles, 'numFmts', 'numFmt');
    expect(new Set(formats.map((f) => attr(f, 'formatCode'))).size).toBe(formats.length);
    expect(formats.every((f) => Number(attr(f, 'numFmtId')) >= 164)).toBe(true);
    expect(formats.length).toBeGreaterThan(3);
  });
});

// ————— hostile text —————

const CONTROL = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
const HOSTILE_TEXTS = [
  `控制字符${CONTROL}结束`,
  'lone high \uD800 and low \uDC00 surrogates, a pair 😀, \uFFFE\uFFFF',
  'already escaped: _x0041_ and _x005F_x0041_ and _X1_',
  "=cmd|' /C calc'!A0",
  '=1+1',
  "'abc",
  '@SUM(1)',
  '+1',
  '-1',
  '007',
  'TRUE',
  '#N/A',
  'Jun-19',
  '<a href="x">&amp;</a> \'quotes\' & <![CDATA[x]]>',
  '  spaces around  ',
  'line\r\nbreaks\nand\ttabs',
  'x'.repeat(32_767),
  '长'.repeat(40_000),
];

function hostileSpecs(): SheetSpec[] {
  const quoted = "It's a sheet";
  return [
    {
      name: quoted,
      styles: { text: { wrap: true, locked: false } },
      marker: { type: 'kpi-detail', v: 1, note: `marker ${CONTROL.slice(1, 4)} & <x>` },
      blocks: [
        { at: 'A2', rows: HOSTILE_TEXTS.map((t) => [{ value: t, style: 'text' }]) },
        { at: 'B2', rows: [[{ value: 21 }], [{ formula: '=B2*2' }], [{ formula: '=B2&" <&> \'"' }]] },
      ],
      validations: [
        {
          range: 'A2:A5',
          rule: { type: 'textLength', operator: 'lessThanOrEqualTo', formula1: 40_000 },
          allowBlank: true,
          prompt: { title: `T${CONTROL.slice(1, 3)}`, message: 'line 1\nline 2 & <3> "q"' },
          errorAlert: { style: 'warning', title: 'W', message: 'tab\there' },
        },
      ],
      print: { orientation: 'portrait', printTitleRows: '$2:$2' },
    },
    {
      name: '部门 表',
      styles: {},
      blocks: [
        {
          at: 'A1',
          rows: [
            [
              { formula: "='It''s a sheet'!B3+1" },
              { value: '看上表', hyperlink: { documentReference: "'It''s a sheet'!B2", tooltip: 'It’s & <that>' } },
              { value: '官网', hyperlink: { address: 'https://example.org/a?b=1&c=<2>', tooltip: 'web' } },
            ],
          ],
        },
      ],
    },
  ];
}

describe('writeXlsx: hostile text is written well formed and read back as it was', () => {
  let bytes: Uint8Array;
  let memory: readonly SheetData[];
  let parts: Map<string, string>;
  beforeAll(async () => {
    const trip = await roundTrip(hostileSpecs());
    bytes = trip.bytes;
    memory = trip.memory;
    parts = unzipParts(bytes);
  });

  it('every part is well-formed XML 1.0: no character XML forbids, raw', () => {
    for (const [name, text] of parts) {
      // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
      expect([name, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(text)]).toEqual([name, false]);
      expect([name, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)]).toEqual([
        name,
        false,
      ]);
      expect(() => parseXml(text)).not.toThrow();
    }
    // escaped as Excel escapes them, never dropped
    const strings = parts.get('xl/sharedStrings.xml') ?? '';
    for (const escape of ['_x0000_', '_x0001_', '_x001F_', '_xD800_', '_xDC00_', '_xFFFE_', '_x005F_x0041_', '_x000D_'])
      expect([escape, strings.includes(escape)]).toEqual([escape, true]);
  });

  it('the shared strings hold every text exactly, as Excel decodes _xHHHH_ (one too long for a cell clipped, saying so)', () => {
    // Excel's reading of ST_Xstring: each _xHHHH_, left to right, is the character HHHH.
    const decode = (t: string): string =>
      t.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    const strings = list(parseXml(parts.get('xl/sharedStrings.xml') ?? ''), 'sst', 'si').map((si) =>
      decode(textOf(at(si, 't')) ?? ''),
    );
    for (const t of HOSTILE_TEXTS)
      expect([t.slice(0, 20), strings.includes(clipCellText(t))]).toEqual([t.slice(0, 20), true]);
  });

  it('readXlsx gives back every text as written (SheetJS, its parser, reads a CR LF as LF)', () => {
    const parsed = readXlsx('hostile.xlsx', bytes);
    expect(parsed.problems).toEqual([]);
    const [sheet, other] = parsed.sheets;
    HOSTILE_TEXTS.forEach((t, i) =>
      expect([i, cellAt(sheet?.values ?? [], i + 2, 1)]).toEqual([i, clipCellText(t).replace(/\r\n/g, '\n')]),
    );
    expect(clipCellText(HOSTILE_TEXTS[HOSTILE_TEXTS.length - 1] ?? '')).toHaveLength(32_767);
    // the marker, with control characters in it, is still the marker
    expect(listedMarkerOf(sheet?.values ?? []).marker).toEqual(hostileSpecs()[0]?.marker);
    // formulas across a sheet name with an apostrophe and a space, with their cached results
    expect(cellAt(sheet?.values ?? [], 3, 2)).toBe(42);
    expect(cellAt(sheet?.values ?? [], 4, 2)).toBe("21 <&> '");
    expect(cellAt(other?.values ?? [], 1, 1)).toBe(43);
    // the rest as the memory workbook holds it, but for SheetJS's CR LF
    const row = HOSTILE_TEXTS.findIndex((t) => t.includes('\r\n'));
    const t = HOSTILE_TEXTS[row] ?? '';
    expect(differences(sheet as SheetData, memory[0] as SheetData)).toEqual([
      `It's a sheet!A${row + 2}: file ${JSON.stringify(t.replace(/\r\n/g, '\n'))}, memory ${JSON.stringify(t)}`,
    ]);
  });

  it('a text that looks like a formula or a DDE call is a text cell; SheetJS sees no formula in it', () => {
    const ws = readSheetJs(bytes, { type: 'array', cellFormula: true }).Sheets["It's a sheet"] ?? {};
    HOSTILE_TEXTS.forEach((t, i) => {
      const c = ws[`A${i + 2}`] as CellObject | undefined;
      expect([t.slice(0, 20), c?.t, c?.f]).toEqual([t.slice(0, 20), 's', undefined]);
    });
    expect((ws.B3 as CellObject).f).toBe('B2*2');
    expect((ws.B4 as CellObject).f).toBe('B2&" <&> \'"');
  });

  it('links and names with apostrophes and spaces: a location, an external URL through a relationship, print titles', () => {
    const sheet = worksheetPart(parts, '部门 表');
    const links = list(sheet.xml, 'worksheet', 'hyperlinks', 'hyperlink');
    expect(links.map((l) => [attr(l, 'ref'), attr(l, 'location'), attr(l, 'tooltip'), attr(l, 'display')])).toEqual([
      ['B1', "'It''s a sheet'!B2", 'It’s & <that>', '看上表'],
      ['C1', undefined, 'web', '官网'],
    ]);
    const rel = relationshipsOf(parts, sheet.path).find((r) => r.id === attr(links[1], 'r:id'));
    expect(rel).toMatchObject({ external: true, target: 'https://example.org/a?b=1&c=<2>' });
    const formula = list(sheet.xml, 'worksheet', 'sheetData', 'row')[0];
    expect(textOf(at(list(formula, 'c')[0], 'f'))).toBe("'It''s a sheet'!B3+1");
    const names = list(parseXml(parts.get('xl/workbook.xml') ?? ''), 'workbook', 'definedNames', 'definedName');
    expect(names.map((n) => [attr(n, 'name'), attr(n, 'localSheetId'), textOf(n)])).toEqual([
      ['_xlnm.Print_Titles', '0', "'It''s a sheet'!$2:$2"],
    ]);
  });

  it('a literal "_x0041_" in a formula and in its cached text is escaped, so that it is not read as "A"', () => {
    const spec: SheetSpec = { name: 'S', styles: {}, blocks: [{ at: 'A1', rows: [[{ formula: '="_x0041_"' }]] }] };
    const file = writeXlsx([{ spec, cached: () => '_x0041_' }]);
    expect(unzipParts(file).get('xl/worksheets/sheet1.xml')).toContain(
      '<c r="A1" t="str"><f>"_x005F_x0041_"</f><v>_x005F_x0041_</v></c>',
    );
    // SheetJS reads the formula right; a text result it decodes twice (its quirk: "A"), which no recalculating
    // program sees, as the cached text is only for programs that never calculate.
    expect((readSheetJs(file, { type: 'array', cellFormula: true }).Sheets.S?.A1 as CellObject).f).toBe('"_x0041_"');
  });

  it('validation texts keep their line breaks, tabs and (escaped) control characters', () => {
    const dv = list(worksheetPart(parts, "It's a sheet").xml, 'worksheet', 'dataValidations', 'dataValidation')[0];
    expect(attr(dv, 'prompt')).toBe('line 1\nline 2 & <3> "q"');
    expect(attr(dv, 'error')).toBe('tab\there');
    expect(attr(dv, 'promptTitle')).toBe('T_x0001__x0002_');
    expect(attr(dv, 'errorStyle')).toBe('warning');
  });
});

// ————— rules of the writer —————

describe('writeXlsx: the writer’s own rules', () => {
  const sheet = (spec: Partial<SheetSpec> & { name?: string }): SheetSpec => ({
    name: 'S',
    styles: {},
    blocks: [],
    ...spec,
  });

  it('column widths give the Excel adapter’s pixels (charactersToPoints) when Excel reads them back', () => {
    // Excel's reading of a stored width w (ECMA-376 §18.3.1.13): pixels = trunc((256 w + trunc(128 / 7)) / 256 × 7)
    const excelPixels = (w: number): number => Math.trunc(((256 * w + Math.trunc(128 / 7)) / 256) * 7);
    for (const characters of [0, 1, 2.5, 3, 8.43, 9, 10, 12.3, 26, 37.5, 60, 100, 255])
      expect([characters, excelPixels(storedColumnWidth(characters))]).toEqual([
        characters,
        charactersToPoints(characters) / 0.75,
      ]);
    expect(storedColumnWidth(8.43)).toBe(9.140625); // Excel's own default column, as it stores it
  });

  it('functions newer than Excel 2007 get the _xlfn. prefix, outside quoted text; no spec of the add-in needs one', async () => {
    expect(storedFormula('=IFS(A1>0,1)+ifs(1,2)+MAXIFS(A:A,B:B,"IFS(")+\'IFS(x\'!A1')).toBe(
      '_xlfn.IFS(A1>0,1)+_xlfn.ifs(1,2)+_xlfn.MAXIFS(A:A,B:B,"IFS(")+\'IFS(x\'!A1',
    );
    expect(storedFormula('=_xlfn.IFS(1,2)+MY.IFS(1)+KPI.ATTAINMENT(A1,B1)')).toBe(
      '_xlfn.IFS(1,2)+MY.IFS(1)+KPI.ATTAINMENT(A1,B1)',
    );
    const { templates, outputs } = await consolidationWorkbook();
    const specs = [...templates, ...everyTemplate('kpi'), planSheet(), ...outputs];
    const formulas = specs.flatMap((s) => [...specCells(s).values()].flatMap((c) => (c.formula ? [c.formula] : [])));
    expect(formulas.length).toBeGreaterThan(500);
    expect(formulas.filter((f) => storedFormula(f) !== f.slice(1))).toEqual([]);
  });

  it('cached results of every kind: number, text, boolean, error, blank', () => {
    const spec = sheet({
      blocks: [
        { at: 'A1', rows: [['=1', '="t"', '=TRUE()', '=NA()', '=""', '=Z9', '=G1'].map((formula) => ({ formula }))] },
      ],
    });
    const cache: Record<string, CellValue> = {
      A1: 1.5,
      B1: 't',
      C1: true,
      D1: { error: '#N/A' },
      E1: '',
      F1: null,
      G1: { error: '#CYCLE!' },
    };
    const parsed = readXlsx('c.xlsx', writeXlsx([{ spec, cached: (a) => cache[a] }]));
    // an engine's own error (HyperFormula's #CYCLE!) is written as Excel's generic one
    expect(parsed.sheets[0]?.values[0]).toEqual([1.5, 't', true, { error: '#N/A' }, '', '', { error: '#VALUE!' }]);
    expect(parsed.sheets[0]?.uncalculated).toBeUndefined();
    const xml = unzipParts(writeXlsx([{ spec, cached: (a) => cache[a] }])).get('xl/worksheets/sheet1.xml') ?? '';
    expect(xml).toContain('<c r="C1" t="b"><f>TRUE()</f><v>1</v></c>');
    expect(xml).toContain('<c r="D1" t="e"><f>NA()</f><v>#N/A</v></c>');
  });

  it('a value "" empties a cell (as Range.values does); a null entry or a blank value of a later block leaves the content there', () => {
    const spec = sheet({
      styles: { s: { fill: '#FF0000' } },
      blocks: [
        { at: 'A1', rows: [[{ value: 'kept' }, { value: 'old' }, { value: 'kept too' }, { formula: '=1+1' }]] },
        { at: 'A1', rows: [[null, { value: '', style: 's' }, { value: null, style: 's' }, { style: 's' }]] },
      ],
    });
    const values = readXlsx('e.xlsx', writeXlsx([{ spec }])).sheets[0];
    expect(values?.values[0]).toEqual(['kept', undefined, 'kept too']);
    expect(values?.uncalculated).toEqual(['D1']);
    expect(unzipParts(writeXlsx([{ spec }])).get('xl/worksheets/sheet1.xml')).toMatch(/<c r="B1" s="\d+"\/>/);
  });

  it('a table’s blank or repeated headers are named as Excel names them, in the cells too', () => {
    const spec = sheet({
      blocks: [
        {
          at: 'B2',
          rows: [
            [{ value: '名称' }, { value: null }, { value: '名称' }, { value: 7 }],
            [1, 2, 3, 4].map((value) => ({ value })),
          ],
        },
      ],
      table: { name: 'T', range: 'B2:E3' },
    });
    const bytes = writeXlsx([{ spec }]);
    const table = parseXml(unzipParts(bytes).get('xl/tables/table1.xml') ?? '');
    expect(list(table, 'table', 'tableColumns', 'tableColumn').map((c) => attr(c, 'name'))).toEqual([
      '名称',
      'Column2',
      '名称2',
      '7',
    ]);
    expect(readXlsx('t.xlsx', bytes).sheets[0]?.values[1]).toEqual([undefined, '名称', 'Column2', '名称2', '7']);
    expect(attr(at(table, 'table', 'tableStyleInfo'), 'name')).toBe('TableStyleMedium2'); // Office.js's default
  });

  it('the active sheet is the one selected; the same input gives the same bytes', () => {
    const specs = [sheet({ name: 'A' }), sheet({ name: 'B' })];
    const bytes = writeXlsx(
      specs.map((spec) => ({ spec })),
      { activeSheet: 1, modified: MODIFIED },
    );
    const parts = unzipParts(bytes);
    expect(
      attr(at(parseXml(parts.get('xl/workbook.xml') ?? ''), 'workbook', 'bookViews', 'workbookView'), 'activeTab'),
    ).toBe('1');
    expect(parts.get('xl/worksheets/sheet1.xml')).not.toContain('tabSelected');
    expect(parts.get('xl/worksheets/sheet2.xml')).toContain('tabSelected="1"');
    expect(
      writeXlsx(
        specs.map((spec) => ({ spec })),
        { activeSheet: 1, modified: MODIFIED },
      ),
    ).toEqual(bytes);
  });

  it.each([
    ['no sheet', [], {}],
    ['two sheets of one name (Excel ignores case)', [sheet({ name: 'a' }), sheet({ name: 'A' })], {}],
    ['an active sheet that is not there', [sheet({})], { activeSheet: 1 }],
    ['a colour that is not #RRGGBB', [sheet({ tabColor: 'red' })], {}],
    [
      'a list source over 255 characters (Excel refuses it)',
      [
        sheet({
          validations: [
            {
              range: 'A1',
              rule: { type: 'list', source: Array.from({ length: 60 }, (_, i) => `选项${i}`) },
              allowBlank: true,
            },
          ],
        }),
      ],
      {},
    ],
    [
      'a link that is not http(s) or mailto',
      [sheet({ blocks: [{ at: 'A1', rows: [[{ value: 'x', hyperlink: { address: 'javascript:alert(1)' } }]] }] })],
      {},
    ],
  ] as const)('refuses %s (programmer misuse throws)', (_, specs, options) => {
    expect(() =>
      writeXlsx(
        specs.map((spec) => ({ spec })),
        options,
      ),
    ).toThrow(RangeError);
  });

  it('a list source of 255 characters is written, quoted, its quotes doubled', () => {
    const source = ['a"b', 'x'.repeat(251)];
    const spec = sheet({ validations: [{ range: 'A1:A3', rule: { type: 'list', source }, allowBlank: false }] });
    const dv = list(
      worksheetPart(unzipParts(writeXlsx([{ spec }])), 'S').xml,
      'worksheet',
      'dataValidations',
      'dataValidation',
    )[0];
    expect(textOf(at(dv, 'formula1'))).toBe(`"a""b,${'x'.repeat(251)}"`);
    expect(attr(dv, 'allowBlank')).toBeUndefined();
  });
});
