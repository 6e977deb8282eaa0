import { cellAt, formatAt, type SheetData } from '../../domain/grid/sheet';
import { encodeMarker, MARKER_TAG, type MarkerPayload } from '../../domain/grid/ownSheets';
import { parseCell } from '../../domain/grid/address';
import type { CellSpec, SheetSpec } from '../../domain/grid/sheetSpec';
import type { LiteralValue } from '../../domain/grid/cells';
import { PortError, type ChangeEvent, type WorkbookPort } from '../port';
import { ContractFailure, expectEqual, expectPortError, expectTrue, show, skip } from './assert';
import type { Capability, ContractTarget, Inspector, InspectorMethod } from './target';

/**
 * The workbook port's contract: one list of checks that every adapter must pass, run by CI against the memory
 * workbook and the Excel adapter over the recording fake (test/workbook/contract.test.ts), and by 设置 → 自检
 * inside the add-in against the real Excel it runs in (usecases/selfTest.ts). Each check works only on sheets
 * whose names `scratch()` gave it; the runner removes them afterwards, also after a failure.
 */

export interface CheckContext {
  readonly port: WorkbookPort;
  readonly target: ContractTarget;
  /** The adapter's inspect hook; the methods a check lists in `needs` are there when it runs. */
  readonly inspect: Partial<Inspector>;
  /** A new sheet name of this run's own ("KPI自检-…-3"), not in the workbook; removed after the check. */
  scratch(): string;
}

export interface PortCheck {
  /** Stable id, e.g. "readSheets.missing": the report, the test server and the CI skip list use it. */
  readonly id: string;
  readonly title: { readonly zh: string; readonly en: string };
  /** Inspect methods (or calculation) it needs: without them it is skipped, with the adapter's reason. */
  readonly needs?: readonly Capability[];
  run(ctx: CheckContext): Promise<void>;
}

/** The marker the contract writes: a type no reader of the add-in claims, so that nothing acts on a scratch sheet. */
export const SELFTEST_MARKER: MarkerPayload = { type: 'kpi-selftest', version: 1 };

type Literal = LiteralValue | { readonly formula: string };

/** A sheet spec of literal values and formulas from A1 (a string is text, `{ formula }` a formula). */
function gridSpec(name: string, rows: readonly (readonly Literal[])[], extra: Partial<SheetSpec> = {}): SheetSpec {
  const cells = rows.map((row) =>
    row.map((v): CellSpec => (v !== null && typeof v === 'object' ? { formula: v.formula } : { value: v })),
  );
  return { name, styles: {}, blocks: [{ at: 'A1', rows: cells }], ...extra };
}

function at(data: SheetData, address: string) {
  const { row, column } = parseCell(address);
  return cellAt(data.values, row, column);
}

function formulaAt(data: SheetData, address: string): string | null | undefined {
  const { row, column } = parseCell(address);
  return data.formulas?.[row - 1]?.[column - 1];
}

function formatOf(data: SheetData, address: string): string | undefined {
  const { row, column } = parseCell(address);
  return formatAt(data.numberFormats, row, column);
}

async function readOne(port: WorkbookPort, name: string, formulas = false, numberFormats = false): Promise<SheetData> {
  const [data] = await port.readSheets([name], { formulas, numberFormats });
  if (!data) throw new ContractFailure(`readSheets([${show(name)}]) returned no sheet`);
  expectEqual(data.name, name, 'readSheets: the sheet name');
  return data;
}

/** The inspect method a check declared in `needs` (the runner skipped the check when it is absent). */
function need<K extends InspectorMethod>(ctx: CheckContext, method: K): Inspector[K] {
  const m = ctx.inspect[method];
  if (!m) throw new ContractFailure(`inspect.${method} was declared but is missing`);
  return m;
}

export const PORT_CHECKS: readonly PortCheck[] = [
  {
    id: 'listSheets.order',
    title: { zh: 'listSheets：按标签顺序列出工作表', en: 'listSheets: sheets in tab order' },
    async run({ port, scratch }) {
      const before = await port.listSheets();
      const a = scratch();
      const b = scratch();
      await port.writeSheet(gridSpec(a, [['a']]));
      await port.writeSheet(gridSpec(b, [['b']]));
      const after = await port.listSheets();
      expectEqual(
        after.map((s) => s.name),
        [...before.map((s) => s.name), a, b],
        'listSheets after adding two sheets (new sheets go last)',
      );
      expectEqual(
        after.map((s) => s.position),
        after.map((_, i) => i),
        'positions are 0-based tab positions',
      );
      const added = after.slice(-2);
      expectEqual(
        added.map((s) => [s.visible, s.marker, s.damagedMarker]),
        [
          [true, undefined, undefined],
          [true, undefined, undefined],
        ],
        'new sheets: visible, without a marker',
      );
    },
  },
  {
    id: 'listSheets.marker',
    title: { zh: 'listSheets：读出本加载项的标记', en: "listSheets: the add-in's marker" },
    async run({ port, scratch }) {
      const a = scratch();
      await port.writeSheet(gridSpec(a, [[null, 'x']], { marker: SELFTEST_MARKER }));
      const listed = (await port.listSheets()).find((s) => s.name === a);
      expectEqual(listed?.marker, SELFTEST_MARKER, `listSheets: the marker of ${a}`);
      expectEqual(listed?.damagedMarker, undefined, 'damagedMarker');
    },
  },
  {
    id: 'listSheets.markerAfterInsertedRows',
    title: {
      zh: 'listSheets：在标记上方插入行后仍找到标记',
      en: 'listSheets: marker found after rows are inserted above it',
    },
    needs: ['insertRows'],
    async run(ctx) {
      const { port, scratch } = ctx;
      const a = scratch();
      await port.writeSheet(gridSpec(a, [[null, '标题']], { marker: SELFTEST_MARKER }));
      await need(ctx, 'insertRows')(a, 1, 3);
      const data = await readOne(port, a);
      expectEqual(at(data, 'A4'), encodeMarker(SELFTEST_MARKER), 'the marker text moved to A4');
      const listed = (await port.listSheets()).find((s) => s.name === a);
      expectEqual(listed?.marker, SELFTEST_MARKER, 'listSheets still finds the marker');
    },
  },
  {
    id: 'listSheets.damagedMarker',
    title: { zh: 'listSheets：报告损坏的标记', en: 'listSheets: a damaged marker is reported' },
    async run({ port, scratch }) {
      const a = scratch();
      await port.writeSheet(gridSpec(a, [[`${MARKER_TAG}{"type":`], ['x']]));
      const listed = (await port.listSheets()).find((s) => s.name === a);
      expectEqual([listed?.marker, listed?.damagedMarker], [undefined, 'unknown'], 'marker and damagedMarker');
    },
  },
  {
    id: 'readSheets.values',
    title: { zh: 'readSheets：值（数字、文本、逻辑值、空）', en: 'readSheets: values (number, text, boolean, blank)' },
    async run({ port, scratch }) {
      const a = scratch();
      await port.writeSheet(
        gridSpec(a, [
          ['文本', 3, true],
          [null, -1.5, 0.5],
        ]),
      );
      const data = await readOne(port, a);
      expectEqual(
        data.values,
        [
          ['文本', 3, true],
          [null, -1.5, 0.5],
        ],
        'values from A1',
      );
    },
  },
  {
    id: 'readSheets.formulas',
    title: { zh: 'readSheets：公式', en: 'readSheets: formulas' },
    async run({ port, scratch }) {
      const a = scratch();
      await port.writeSheet(gridSpec(a, [[2, { formula: '=A1+1' }, 'x']]));
      const data = await readOne(port, a, true);
      expectEqual(data.formulas, [[null, '=A1+1', null]], 'formulas (null where a cell has none)');
      const plain = await readOne(port, a);
      expectEqual(plain.formulas, undefined, 'formulas are read only when asked for');
    },
  },
  {
    id: 'readSheets.numberFormats',
    title: { zh: 'readSheets：数字格式', en: 'readSheets: number formats' },
    async run({ port, scratch }) {
      const a = scratch();
      await port.writeSheet({
        name: a,
        styles: { pct: { numberFormat: '0.0%' } },
        blocks: [
          {
            at: 'A1',
            rows: [[{ value: 0.25, style: 'pct' }, { value: 1234.5, numberFormat: '#,##0.00' }, { value: 7 }]],
          },
        ],
      });
      const data = await readOne(port, a, false, true);
      expectEqual(
        [formatOf(data, 'A1'), formatOf(data, 'B1'), formatOf(data, 'C1')],
        ['0.0%', '#,##0.00', 'General'],
        'number formats of A1:C1',
      );
      expectEqual(data.values, [[0.25, 1234.5, 7]], 'values are the numbers, not the formatted text');
    },
  },
  {
    id: 'readSheets.missing',
    title: {
      zh: 'readSheets：缺少的工作表报 sheetMissing',
      en: "readSheets: a missing sheet is PortError('sheetMissing')",
    },
    async run({ port, scratch }) {
      const a = scratch();
      await port.writeSheet(gridSpec(a, [[1]]));
      await expectPortError(port.readSheets([a, scratch()]), 'sheetMissing', 'readSheets with a missing name');
      expectEqual(await port.readSheets([]), [], 'readSheets([])');
    },
  },
  {
    id: 'readAllSheets',
    title: { zh: 'readAllSheets：按标签顺序读出所有工作表', en: 'readAllSheets: every sheet, in tab order' },
    async run({ port, scratch }) {
      const a = scratch();
      await port.writeSheet(
        gridSpec(a, [
          ['全部', 3],
          [null, { formula: '=B1+1' }],
        ]),
      );
      const listed = await port.listSheets();
      const all = await port.readAllSheets({ formulas: true });
      expectEqual(
        all.map((s) => s.name),
        listed.map((s) => s.name),
        'readAllSheets names in the order of listSheets',
      );
      const mine = all.find((s) => s.name === a);
      expectEqual(mine?.values[0], ['全部', 3], `values of ${a}, row 1`);
      expectEqual(
        mine?.formulas,
        [
          [null, null],
          [null, '=B1+1'],
        ],
        `formulas of ${a}`,
      );
    },
  },
  {
    id: 'readSheets.lean',
    title: {
      zh: 'readSheets：加载项输出表按标记只读所需部分，标记不符时完整读取',
      en: 'readSheets: output sheets read lean by their marker, in full when the marker does not match',
    },
    async run({ port, scratch }) {
      const marked = scratch();
      const unmarked = scratch();
      const rows: (readonly Literal[])[] = [
        ['甲', 1, { formula: '=B2*2' }],
        ['乙', 2, 'x'],
      ];
      await port.writeSheet({
        ...gridSpec(marked, rows),
        blocks: [{ ...gridSpec(marked, rows).blocks[0]!, at: 'A2' }],
        marker: SELFTEST_MARKER,
      });
      await port.writeSheet({
        ...gridSpec(unmarked, rows),
        blocks: [{ ...gridSpec(unmarked, rows).blocks[0]!, at: 'A2' }],
      });
      const lean = (depth: 'marker' | 'values') =>
        [marked, unmarked].map((name) => ({ name, depth, type: SELFTEST_MARKER.type as string }));
      const [m, u] = await port.readSheets([marked, unmarked], {
        formulas: true,
        numberFormats: true,
        lean: lean('marker'),
      });
      expectEqual(at(m!, 'A1'), encodeMarker(SELFTEST_MARKER), `the marker of ${marked}`);
      expectEqual(at(m!, 'A2'), '甲', `${marked}!A2 (column A is read)`);
      expectEqual(
        m?.values.some((row) => row.length > 1 && row.slice(1).some((v) => v !== null)),
        false,
        `only column A of ${marked}`,
      );
      expectEqual([m?.formulas, m?.numberFormats], [undefined, undefined], `no formulas or formats of ${marked}`);
      // No marker of the type: read in full, as asked.
      expectEqual(at(u!, 'C3'), 'x', `${unmarked}!C3, read in full`);
      expectEqual(formulaAt(u!, 'C2'), '=B2*2', `${unmarked}!C2's formula`);
      const [v] = await port.readSheets([marked], { formulas: true, numberFormats: true, lean: lean('values') });
      expectEqual([at(v!, 'B3'), at(v!, 'C3')], [2, 'x'], `the values of ${marked}`);
      expectEqual(
        [v?.formulas, v?.numberFormats, v?.merges],
        [undefined, undefined, undefined],
        `values only of ${marked}`,
      );
    },
  },
  {
    id: 'writeSheet.textStaysText',
    title: {
      zh: 'writeSheet：文本永不变成公式或数字（"=1+1" 仍是文本）',
      en: 'writeSheet: text never becomes a formula or number ("=1+1" stays text)',
    },
    async run({ port, scratch }) {
      const a = scratch();
      const texts = ['=1+1', '+5', '-3', '@A1', '007', 'TRUE', '10%'];
      await port.writeSheet(gridSpec(a, [texts]));
      const data = await readOne(port, a, true);
      expectEqual(data.values, [texts], 'the strings read back as written');
      expectEqual(data.formulas, [texts.map(() => null)], 'no formulas');
    },
  },
  {
    id: 'writeSheet.formulas',
    title: { zh: 'writeSheet：公式写为公式', en: 'writeSheet: formulas are written as formulas' },
    async run({ port, scratch }) {
      const a = scratch();
      await port.writeSheet(
        gridSpec(a, [[1], [2], [3], [{ formula: '=SUM(A1:A3)' }], [{ formula: '=IF(A4>5,"高","低")' }]]),
      );
      const data = await readOne(port, a, true);
      expectEqual([formulaAt(data, 'A4'), formulaAt(data, 'A5')], ['=SUM(A1:A3)', '=IF(A4>5,"高","低")'], 'formulas');
      expectEqual([formulaAt(data, 'A1'), at(data, 'A1')], [null, 1], 'A1 is a value');
    },
  },
  {
    id: 'formulas.calculated',
    title: {
      zh: '公式结果：本表、跨表引用、readAllSheets 读到结果',
      en: 'formula results: on the sheet, across sheets, in readAllSheets',
    },
    needs: ['calculation'],
    async run({ port, scratch }) {
      const a = scratch();
      const b = scratch();
      await port.writeSheet(
        gridSpec(a, [[1], [2], [3], [{ formula: '=SUM(A1:A3)' }], [{ formula: '=IF(A4>5,"高","低")' }]]),
      );
      await port.writeSheets([gridSpec(b, [[{ formula: `='${a}'!A4*7` }, { formula: '=1/0' }]])]);
      const [da, db] = await port.readSheets([a, b]);
      expectEqual(
        [at(da ?? { name: a, values: [] }, 'A4'), at(da ?? { name: a, values: [] }, 'A5')],
        [6, '高'],
        `results of ${a}!A4:A5`,
      );
      expectEqual(db?.values, [[42, { error: '#DIV/0!' }]], `results of ${b} (a reference to ${a}, an error value)`);
      await port.writeCells([{ sheet: a, address: 'A1', value: 11 }]);
      const all = await port.readAllSheets();
      expectEqual(all.find((s) => s.name === b)?.values[0]?.[0], 112, 'a result after writeCells changed its input');
    },
  },
  {
    id: 'writeSheet.numberFormats',
    title: { zh: 'writeSheet：样式与单元格的数字格式', en: 'writeSheet: number formats of styles and cells' },
    async run({ port, scratch }) {
      const a = scratch();
      await port.writeSheet({
        name: a,
        styles: { money: { numberFormat: '#,##0.00' }, text: { numberFormat: '@' } },
        blocks: [
          {
            at: 'B2',
            rows: [
              [
                { value: 5, style: 'money' },
                { value: 0.5, style: 'money', numberFormat: '0%' },
                { value: '12', style: 'text' },
              ],
            ],
          },
        ],
      });
      const data = await readOne(port, a, false, true);
      expectEqual(
        [formatOf(data, 'B2'), formatOf(data, 'C2'), formatOf(data, 'D2')],
        ['#,##0.00', '0%', '@'],
        'formats of B2:D2 (a cell overrides its style)',
      );
      expectEqual([at(data, 'B2'), at(data, 'C2'), at(data, 'D2')], [5, 0.5, '12'], 'values of B2:D2');
    },
  },
  {
    id: 'writeSheet.validation',
    title: { zh: 'writeSheet：数据验证', en: 'writeSheet: data validation' },
    needs: ['validationKind'],
    async run(ctx) {
      const a = ctx.scratch();
      await ctx.port.writeSheet(
        gridSpec(a, [['值', '类别']], {
          validations: [
            {
              range: 'A2:A5',
              rule: { type: 'decimal', operator: 'greaterThanOrEqualTo', formula1: 0 },
              allowBlank: true,
              errorAlert: { style: 'stop', title: '无效', message: '请输入非负数' },
            },
            { range: 'B2', rule: { type: 'list', source: ['是', '否'] }, allowBlank: true },
          ],
        }),
      );
      const kind = need(ctx, 'validationKind');
      expectEqual(
        [await kind(a, 'A3'), await kind(a, 'B2'), await kind(a, 'C9')],
        ['decimal', 'list', 'none'],
        'validation of A3, B2, C9',
      );
    },
  },
  {
    id: 'writeSheet.conditionalFormats',
    title: { zh: 'writeSheet：条件格式', en: 'writeSheet: conditional formats' },
    needs: ['conditionalFormatCount'],
    async run(ctx) {
      const a = ctx.scratch();
      await ctx.port.writeSheet(
        gridSpec(a, [[1], [2], [3]], {
          conditionalFormats: [
            {
              range: 'A1:A3',
              rule: { type: 'cellValue', operator: 'greaterThan', formula1: '1' },
              format: { fill: '#C6EFCE' },
            },
            { range: 'A2', rule: { type: 'expression', formula: '=A2>2' }, format: { fontColor: '#9C0006' } },
          ],
        }),
      );
      const count = need(ctx, 'conditionalFormatCount');
      expectEqual(
        [await count(a, 'A1'), await count(a, 'A2'), await count(a, 'D9')],
        [1, 2, 0],
        'conditional formats covering A1, A2, D9',
      );
    },
  },
  {
    id: 'writeSheet.protection',
    title: {
      zh: 'writeSheet：工作表保护，未锁定的填报单元格仍可写',
      en: 'writeSheet: protection; unlocked input cells stay writable',
    },
    needs: ['isProtected'],
    async run(ctx) {
      const { port } = ctx;
      const a = ctx.scratch();
      await port.writeSheet({
        name: a,
        styles: { input: { locked: false } },
        blocks: [{ at: 'A1', rows: [[{ value: '标签' }, { value: null, style: 'input' }]] }],
        protect: true,
      });
      expectEqual(await need(ctx, 'isProtected')(a), true, 'the sheet is protected');
      await expectPortError(
        port.writeCells([{ sheet: a, address: 'A1', value: '改' }]),
        'sheetProtected',
        'writeCells into a locked cell',
      );
      await port.writeCells([{ sheet: a, address: 'B1', value: 42 }]);
      expectEqual((await readOne(port, a)).values, [['标签', 42]], 'the unlocked cell took the value');
    },
  },
  {
    id: 'writeSheet.merges',
    title: { zh: 'writeSheet：合并单元格', en: 'writeSheet: merged cells' },
    needs: ['mergedAreas'],
    async run(ctx) {
      const a = ctx.scratch();
      await ctx.port.writeSheet(
        gridSpec(
          a,
          [
            ['合并标题', null, null],
            [1, 2, 3],
          ],
          { merges: ['A1:C1'] },
        ),
      );
      expectEqual(await need(ctx, 'mergedAreas')(a, 'A1:C2'), ['A1:C1'], 'merged areas in A1:C2');
    },
  },
  {
    id: 'writeSheet.columnWidths',
    title: { zh: 'writeSheet：列宽', en: 'writeSheet: column widths' },
    needs: ['columnWidth'],
    async run(ctx) {
      const a = ctx.scratch();
      await ctx.port.writeSheet(
        gridSpec(a, [['宽', '窄']], {
          columnWidths: [
            { column: 'A', width: 30 },
            { column: 'B', width: 6 },
          ],
        }),
      );
      const width = need(ctx, 'columnWidth');
      const [wide, narrow] = [await width(a, 'A'), await width(a, 'B')];
      expectTrue(wide > narrow * 3, `column A (30 characters) is wider than B (6): got ${wide} and ${narrow}`);
    },
  },
  {
    id: 'writeSheet.hiddenRows',
    title: { zh: 'writeSheet：隐藏行', en: 'writeSheet: hidden rows' },
    needs: ['rowHidden'],
    async run(ctx) {
      const a = ctx.scratch();
      await ctx.port.writeSheet(
        gridSpec(a, [['隐藏'], ['可见']], { rowHeights: [{ row: 1, height: 15, hidden: true }] }),
      );
      const hidden = need(ctx, 'rowHidden');
      expectEqual([await hidden(a, 1), await hidden(a, 2)], [true, false], 'rows 1 and 2 hidden');
    },
  },
  {
    id: 'writeSheet.marker',
    title: { zh: 'writeSheet：标记写在 A1', en: 'writeSheet: the marker is written in A1' },
    async run({ port, scratch }) {
      const a = scratch();
      await port.writeSheet(gridSpec(a, [[null, 'B1']], { marker: SELFTEST_MARKER }));
      const data = await readOne(port, a);
      expectEqual(at(data, 'A1'), encodeMarker(SELFTEST_MARKER), 'A1 holds the marker text');
      expectEqual(at(data, 'B1'), 'B1', 'B1 is untouched by the marker');
    },
  },
  {
    id: 'writeSheet.replace',
    title: {
      zh: 'writeSheet：同名表不覆盖（nameClash），replace 时原位替换',
      en: 'writeSheet: a name clash fails; replace keeps the tab position',
    },
    async run({ port, scratch }) {
      const a = scratch();
      const b = scratch();
      await port.writeSheet(gridSpec(a, [['旧', 'old']]));
      await port.writeSheet(gridSpec(b, [['后']]));
      await expectPortError(port.writeSheet(gridSpec(a, [['新']])), 'nameClash', 'writeSheet onto an existing name');
      const before = (await port.listSheets()).map((s) => s.name);
      await port.writeSheet(gridSpec(a, [['新']]), { replace: true });
      expectEqual(
        (await port.listSheets()).map((s) => s.name),
        before,
        'tab order after replacing',
      );
      expectEqual((await readOne(port, a)).values, [['新']], 'the old contents are gone');
    },
  },
  {
    id: 'writeSheet.activate',
    title: {
      zh: 'writeSheet / activate：激活工作表并选中单元格',
      en: 'writeSheet / activate: activate a sheet, select a cell',
    },
    needs: ['active'],
    async run(ctx) {
      const { port } = ctx;
      const a = ctx.scratch();
      const b = ctx.scratch();
      const active = need(ctx, 'active');
      await port.writeSheet(
        gridSpec(a, [
          [1, 2],
          [3, 4],
        ]),
        { select: 'B2' },
      );
      const first = await active();
      expectEqual(first?.sheet, a, 'active sheet after writeSheet with select');
      if (first?.cell !== undefined) expectEqual(first.cell, 'B2', 'active cell after writeSheet with select');
      await port.writeSheet(gridSpec(b, [[1]]));
      await port.activate(b, 'C3');
      const second = await active();
      expectEqual(second?.sheet, b, 'active sheet after activate');
      if (second?.cell !== undefined) expectEqual(second.cell, 'C3', 'active cell after activate');
    },
  },
  {
    id: 'writeSheets',
    title: {
      zh: 'writeSheets：一批写多张表，后一张可引用前一张',
      en: 'writeSheets: several sheets in one batch, a later one referring to an earlier one',
    },
    async run({ port, scratch }) {
      const a = scratch();
      const b = scratch();
      await port.writeSheet(gridSpec(a, [['旧']]));
      const before = (await port.listSheets()).map((s) => s.name);
      await port.writeSheets([gridSpec(a, [[21]]), gridSpec(b, [['b', { formula: `='${a}'!A1*2` }]])]);
      expectEqual(
        (await port.listSheets()).map((s) => s.name),
        [...before, b],
        'sheets after writeSheets (a replaced in place)',
      );
      const [da, db] = await port.readSheets([a, b], { formulas: true });
      expectEqual([da?.values, db?.values[0]?.[0]], [[[21]], 'b'], 'values of both sheets');
      expectEqual(db?.formulas, [[null, `='${a}'!A1*2`]], `the formula of ${b} refers to ${a}`);
    },
  },
  {
    id: 'insertSheet',
    title: {
      zh: 'insertSheet：按已有名称建表，并列出其余工作表',
      en: 'insertSheet: built from the names in use, lists the other sheets',
    },
    async run({ port, scratch }) {
      const a = scratch();
      await port.writeSheet(gridSpec(a, [[1]], { marker: SELFTEST_MARKER }));
      const listed = await port.listSheets();
      const name = scratch();
      let seen: readonly string[] = [];
      const inserted = await port.insertSheet((names) => {
        seen = names;
        return gridSpec(name, [['新表']]);
      });
      expectEqual(
        [...seen],
        listed.map((s) => s.name),
        'build() got the names in use',
      );
      expectEqual(inserted.name, name, 'inserted.name');
      expectEqual(inserted.others, listed, 'inserted.others equals listSheets before the insert');
      expectEqual((await readOne(port, name)).values, [['新表']], 'the new sheet');
    },
  },
  {
    id: 'renameSheet',
    title: { zh: 'renameSheet：改名', en: 'renameSheet: renames' },
    async run({ port, scratch }) {
      const a = scratch();
      const to = scratch();
      await port.writeSheet(gridSpec(a, [['改名']]));
      await port.renameSheet(a, to);
      expectEqual((await readOne(port, to)).values, [['改名']], 'contents under the new name');
      await expectPortError(port.readSheets([a]), 'sheetMissing', 'the old name');
    },
  },
  {
    id: 'renameSheet.errors',
    title: {
      zh: 'renameSheet：重名（不分大小写）报 nameClash，缺表报 sheetMissing',
      en: 'renameSheet: a clash ignoring case is nameClash, a missing sheet sheetMissing',
    },
    async run({ port, scratch }) {
      const a = scratch();
      const b = scratch();
      await port.writeSheet(gridSpec(a, [[1]]));
      await port.writeSheet(gridSpec(b, [[2]]));
      await expectPortError(port.renameSheet(a, b.toLowerCase()), 'nameClash', `renameSheet onto ${b.toLowerCase()}`);
      await expectPortError(port.renameSheet(a, `${a}[1]`), 'nameClash', 'renameSheet to a name Excel refuses');
      await expectPortError(port.renameSheet(scratch(), scratch()), 'sheetMissing', 'renameSheet of a missing sheet');
      expectEqual((await readOne(port, a)).values, [[1]], 'the sheet kept its name');
    },
  },
  {
    id: 'deleteSheet',
    title: {
      zh: 'deleteSheet：删除；缺表报 sheetMissing',
      en: 'deleteSheet: deletes; a missing sheet is sheetMissing',
    },
    async run({ port, scratch }) {
      const a = scratch();
      await port.writeSheet(gridSpec(a, [[1]]));
      await port.deleteSheet(a);
      expectTrue(!(await port.listSheets()).some((s) => s.name === a), `${a} is gone from listSheets`);
      await expectPortError(port.deleteSheet(a), 'sheetMissing', 'deleting it again');
    },
  },
  {
    id: 'writeCells',
    title: {
      zh: 'writeCells：值与数字格式，文本仍是文本，null 清空',
      en: 'writeCells: value with number format, text stays text, null empties',
    },
    async run({ port, scratch }) {
      const a = scratch();
      await port.writeSheet(gridSpec(a, [[1, 2, 3, 4]]));
      await port.writeCells([
        { sheet: a, address: 'A1', value: 0.25, numberFormat: '0.0%' },
        { sheet: a, address: 'B1', value: '=2+2' },
        { sheet: a, address: 'C1', value: null },
        { sheet: a, address: 'E2', value: true },
      ]);
      const data = await readOne(port, a, true, true);
      expectEqual(
        data.values,
        [
          [0.25, '=2+2', null, 4, null],
          [null, null, null, null, true],
        ],
        'values after writeCells',
      );
      expectEqual(formatOf(data, 'A1'), '0.0%', 'number format written with the value');
      expectEqual(formulaAt(data, 'B1'), null, 'B1 has no formula');
    },
  },
  {
    id: 'onChange',
    title: {
      zh: 'onChange：按适配器声明报告或略去本加载项的写入；退订后不再报告',
      en: "onChange: the add-in's own writes reported or left out as the adapter declares; nothing after unsubscribing",
    },
    async run({ port, target, scratch }) {
      const a = scratch();
      await port.writeSheet(gridSpec(a, [[1]]));
      await target.settle();
      const events: ChangeEvent[] = [];
      const unsubscribe = await port
        .onChange((e) => events.push(e))
        .catch((error: unknown) => {
          // An Excel without worksheets.onChanged (before ExcelApi 1.9): the port says so, the check cannot run.
          if (error instanceof PortError && error.code === 'unsupported') skip(error.message);
          throw error;
        });
      try {
        await port.writeCells([{ sheet: a, address: 'B2', value: 5 }]);
        await target.settle();
      } finally {
        await unsubscribe();
      }
      const mine = events.filter((e) => e.sheet === a);
      if (target.ownWrites === 'reported')
        expectEqual(mine, [{ sheet: a, address: 'B2' }], 'events of the own write (this adapter reports them)');
      else expectEqual(mine, [], 'events of the own write (this adapter leaves them out)');
      const count = events.length;
      await port.writeCells([{ sheet: a, address: 'B3', value: 6 }]);
      await target.settle();
      expectEqual(events.length, count, 'events after unsubscribing');
    },
  },
  {
    id: 'errors',
    title: { zh: '错误码：缺表与受保护', en: 'PortError codes: missing sheet, protected sheet' },
    async run({ port, scratch }) {
      const missing = scratch();
      await expectPortError(port.activate(missing), 'sheetMissing', 'activate');
      await expectPortError(
        port.writeCells([{ sheet: missing, address: 'A1', value: 1 }]),
        'sheetMissing',
        'writeCells',
      );
      await expectPortError(port.readSheets([missing]), 'sheetMissing', 'readSheets');
      const a = scratch();
      await port.writeSheet({ ...gridSpec(a, [[1]]), protect: true });
      await expectPortError(
        port.writeCells([{ sheet: a, address: 'A1', value: 2 }]),
        'sheetProtected',
        'writeCells on a protected sheet',
      );
      await expectPortError(port.writeSheet(gridSpec(a, [[3]])), 'nameClash', 'writeSheet onto an existing name');
    },
  },
  {
    id: 'roundTrips',
    title: { zh: '往返次数符合文档中的预算', en: 'round trips within the documented budgets' },
    async run({ port, target, scratch }) {
      const unit = target.roundTrips.unit;
      const problems: string[] = [];
      const budget = async <T>(
        what: string,
        expected: { sync: number; portCall: number },
        action: () => Promise<T>,
      ) => {
        const before = target.roundTrips.count();
        const value = await action();
        const trips = target.roundTrips.count() - before;
        if (trips !== expected[unit]) problems.push(`${what}: ${trips} (${unit}), documented ${expected[unit]}`);
        return value;
      };
      const [a, b, c, d] = [scratch(), scratch(), scratch(), scratch()];
      await budget('writeSheet (new sheet)', { sync: 2, portCall: 1 }, () => port.writeSheet(gridSpec(a, [[1, 2]])));
      await budget('writeSheet (replace)', { sync: 3, portCall: 1 }, () =>
        port.writeSheet(gridSpec(a, [[3, 4]]), { replace: true }),
      );
      await budget('listSheets', { sync: 2, portCall: 1 }, () => port.listSheets());
      await budget('readSheets', { sync: 1, portCall: 1 }, () => port.readSheets([a], { formulas: true }));
      await budget('readAllSheets (under 5 MB)', { sync: 2, portCall: 1 }, () => port.readAllSheets());
      await budget('writeSheets (right after readAllSheets)', { sync: 1, portCall: 1 }, () =>
        port.writeSheets([gridSpec(b, [[5]])]),
      );
      await budget('insertSheet', { sync: 2, portCall: 1 }, () => port.insertSheet(() => gridSpec(c, [[6]])));
      await budget('writeCells', { sync: 1, portCall: 1 }, () =>
        port.writeCells([
          { sheet: a, address: 'C1', value: 7 },
          { sheet: b, address: 'B1', value: 8 },
        ]),
      );
      await budget('renameSheet', { sync: 1, portCall: 1 }, () => port.renameSheet(c, d));
      await budget('activate', { sync: 1, portCall: 1 }, () => port.activate(a, 'B1'));
      await budget('deleteSheet', { sync: 1, portCall: 1 }, () => port.deleteSheet(d));
      // Before ExcelApi 1.9 there is no onChange to count (the onChange check says so).
      const unsubscribe = await budget('onChange', { sync: 1, portCall: 1 }, () =>
        port.onChange(() => undefined),
      ).catch((error: unknown) => {
        if (error instanceof PortError && error.code === 'unsupported') return undefined;
        throw error;
      });
      if (unsubscribe) await budget('unsubscribe', { sync: 1, portCall: 0 }, () => unsubscribe());
      if (problems.length > 0) throw new ContractFailure(problems.join('; '));
    },
  },
];
