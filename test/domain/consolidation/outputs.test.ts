import { HyperFormula } from 'hyperformula';
import { consolidate, type Consolidation, type Source } from '../../../src/domain/consolidation/consolidate';
import { DETAIL_COL } from '../../../src/domain/consolidation/detailSections';
import { detailSheet, summarySheet } from '../../../src/domain/consolidation/outputs';
import {
  DETAIL_SHEET,
  SUMMARY_SHEET,
  chineseNumeral,
  monthRange,
  sheetRef,
} from '../../../src/domain/consolidation/sheetParts';
import { SUMMARY_ROWS, matrixText } from '../../../src/domain/consolidation/summarySections';
import type { SheetSpec } from '../../../src/domain/grid/sheetSpec';
import {
  PACED_TIER_FORMAT,
  STATUS_FORMAT,
  STRETCH_ONLY_TIER_FORMAT,
  TIER_FORMAT,
} from '../../../src/domain/template/formats';
import { buildTemplate } from '../../../src/domain/template/template';
import { cellAddress, parseCell } from '../../../src/domain/grid/address';
import type { CellValue } from '../../../src/domain/grid/cells';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import { specToArray, type EngineCell, specCells } from '../specToArray';
import { PLAN, fileSource, fill, inputAddress, sheetSource, templateGrid, type Grid } from './fixtures';

// ————— reading a spec back —————

const cells = specCells;

const valueAt = (spec: SheetSpec, address: string): unknown => cells(spec).get(address)?.value;

function rowValues(spec: SheetSpec, row: number, from = 'A', to = 'S'): unknown[] {
  const all = cells(spec);
  const out: unknown[] = [];
  for (let c = parseCell(`${from}1`).column; c <= parseCell(`${to}1`).column; c++) {
    const cell = all.get(cellAddress(c, row));
    out.push(cell?.formula ?? cell?.value ?? null);
  }
  return out;
}

function findRow(spec: SheetSpec, column: string, value: unknown): number {
  for (const [address, cell] of cells(spec))
    if (address.startsWith(column) && /^\d+$/.test(address.slice(column.length)) && cell.value === value)
      return parseCell(address).row;
  throw new Error(`no ${String(value)} in column ${column}`);
}

const LEAD = { C1: '投资促进中心', C2: '经信商务局', C3: '发展改革局' } as const;

function june(): { sources: Source[]; result: Consolidation; grids: Grid[] } {
  const grids = [
    fill(templateGrid('C1', LEAD.C1), {
      'C1-01': { actual: 3, reason: '=HYPERLINK("http://x")' },
      'C1-02': { actual: 1, reason: '外资到位慢' },
      'C1-03': { actual: '约30' },
      'C1-05': { actual: 1 },
    }),
    fill(templateGrid('C1', LEAD.C2), { 'C1-01': { actual: 1.25, reason: '+配合' } }),
    fill(templateGrid('C2', LEAD.C2), {
      'C2-09': { actual: 110, prior: 100 },
      'C2-03': { actual: 30, reason: '-下降' },
      'C2-04': { actual: 2 },
    }),
    fill(templateGrid('C2', LEAD.C3, { name: "发改's 表" }), {
      'C2-09': { actual: 50, prior: 40 },
      'C2-03': { actual: 31 },
    }),
    fill(templateGrid('C3', LEAD.C3, { month: 5 }), { 'C3-01': { actual: 1 } }),
  ];
  const sources = [
    sheetSource(grids[0] as Grid),
    sheetSource(grids[1] as Grid),
    sheetSource(grids[2] as Grid),
    sheetSource(grids[3] as Grid),
    fileSource('发展改革局.xlsx', grids[4] as Grid),
  ];
  return { sources, result: consolidate(PLAN, sources), grids };
}

describe('汇总 (summary sheet)', () => {
  const { result } = june();
  const spec = summarySheet(result, PLAN);

  test('name, marker, title with the period, header row', () => {
    expect(spec.name).toBe(SUMMARY_SHEET);
    expect(spec.marker).toEqual({ type: 'kpi-summary', v: 1, plan: 'five-campaigns-2019', year: 2019, month: 6 });
    expect(valueAt(spec, 'A2')).toBe('五大攻坚战指标完成情况汇总表（2019年1-6月）');
    expect(spec.merges).toEqual(expect.arrayContaining(['A2:S2', 'A3:S3']));
    expect(rowValues(spec, SUMMARY_ROWS.header)).toEqual([
      '序号',
      '指标编码',
      '指标名称',
      '单位',
      '确保目标',
      '力争目标',
      '1–6月累计完成',
      '完成率',
      '力争档',
      '序时进度',
      '快慢序时（百分点）',
      '状态',
      '上月完成率',
      '上月状态',
      '较上月',
      '数据状态',
      '责任单位',
      '报送单位数',
      '滞后原因及措施',
    ]);
    expect(String(valueAt(spec, 'A3'))).toContain('序时进度：50.0%');
  });

  test('per campaign a header row (指挥长, 牵头部门, light counts), then one row per indicator', () => {
    expect(rowValues(spec, 5).filter((v) => v !== null)).toEqual([
      '一',
      '招大引强攻坚战',
      '指挥长：张善根',
      '牵头部门：投资促进中心',
      // "约30" in C1-03 is 数据有误, not 未填报 (SPEC §6; issue 11, observation 5)
      '绿 2\u3000黄 0\u3000红 1\u3000未填报 4\u3000数据有误 1\u3000待核实 0',
    ]);
    expect(rowValues(spec, 6)).toEqual([
      1,
      'C1-01',
      '合同利用外资',
      '亿美元',
      7,
      8,
      4.25,
      4.25 / 7,
      2, // 序时达力争: 4.25 ≥ 8 × 50% (SPEC §4)
      0.5,
      expect.closeTo((4.25 / 7 - 0.5) * 100, 9),
      3,
      null, // 上月完成率, 上月状态, 较上月: no history given
      null,
      null,
      null, // 数据状态: nothing to verify
      '投资促进中心',
      2,
      '投资促进中心：=HYPERLINK("http://x")\n经信商务局：+配合',
    ]);
    const c2 = findRow(spec, 'A', '二');
    expect(rowValues(spec, c2 + 9).slice(0, 7)).toEqual([
      9,
      'C2-09',
      '数字经济增加值增速',
      '%',
      0.1,
      null,
      expect.closeTo(160 / 140 - 1, 12),
    ]);
    const all = cells(spec);
    expect(all.get('H6')?.style).toBe('percent');
    expect(all.get('I6')?.style).toBe('tier');
    expect(spec.styles.tier?.numberFormat).toBe(TIER_FORMAT);
    expect(spec.styles.status?.numberFormat).toBe(STATUS_FORMAT);
    expect(all.get('I10')?.numberFormat).toBe(PACED_TIER_FORMAT); // C1-05, stretch-only and paced, in June
    expect(all.get('G6')?.numberFormat).toBe('0.00');
    expect(all.get(`G${c2 + 9}`)?.numberFormat).toBe('0.0%');
  });

  test('lights as text through conditional formats; tiers coloured only when there is a tier', () => {
    const lights = (spec.conditionalFormats ?? []).filter((cf) => cf.range.startsWith('L'));
    expect(lights.map((cf) => cf.format.numberFormat)).toEqual(
      expect.arrayContaining(['"绿"', '"黄"', '"红"', '"未填报"']),
    );
    const tiers = (spec.conditionalFormats ?? []).filter((cf) => cf.range.startsWith('I'));
    expect(tiers[0]?.rule).toEqual({ type: 'expression', formula: '=AND(ISNUMBER($I5),$I5=2)' });
  });

  test('滞后指标清单: red first, with reasons; 报送情况 matrix in words', () => {
    const lag = findRow(
      spec,
      'A',
      `滞后指标清单（红灯 ${result.lagging.filter((s) => s.light === 1).length} 项，黄灯 ${result.lagging.filter((s) => s.light === 2).length} 项）`,
    );
    expect(rowValues(spec, lag + 1)[17]).toBe('攻坚战');
    expect(rowValues(spec, lag + 2).slice(1, 3)).toEqual([result.lagging[0]?.code, result.lagging[0]?.name]);
    const matrix = findRow(spec, 'A', '报送情况（2019年6月）');
    expect(rowValues(spec, matrix + 1, 'A', 'H')).toEqual([
      '序号',
      '填报单位',
      null,
      '招大引强',
      '转型升级',
      '项目建设',
      '城市提质',
      '民生改善',
    ]);
    expect(rowValues(spec, matrix + 2, 'A', 'H')).toEqual([1, '投资促进中心', null, '有误', '—', '—', '—', '—']);
    // 发展改革局's 转型升级 has usable figures; its C2-03 lags with no reason of its own, but the indicator's reason is
    // the responsible department's (经信商务局 gave one): 已报, not 有误 (issue 11, observation 9)
    expect(rowValues(spec, matrix + 4, 'A', 'H')).toEqual([3, '发展改革局', null, '—', '已报', '期别不符', '—', '—']);
    expect(
      (spec.conditionalFormats ?? []).some(
        (cf) => cf.rule.type === 'expression' && cf.rule.formula === `=D${matrix + 2}="冲突"`,
      ),
    ).toBe(true);
  });

  test('native charts over a helper table: attainment against 序时进度, lights stacked, by campaign', () => {
    expect(spec.charts?.map((c) => [c.type, c.seriesBy])).toEqual([
      ['columnClustered', 'columns'],
      ['columnStacked', 'columns'],
    ]);
    const grid = specToArray(spec);
    const at = (a: string): EngineCell => {
      const p = parseCell(a);
      return grid[p.row - 1]?.[p.column - 1] ?? null;
    };
    for (const chart of spec.charts ?? []) {
      const [from, to] = chart.source.split(':') as [string, string];
      const top = parseCell(from);
      const bottom = parseCell(to);
      expect(at(from)).toBe('攻坚战');
      expect(bottom.row - top.row).toBe(PLAN.campaigns.length);
      expect(at(cellAddress(top.column, top.row + 1))).toBe('招大引强');
      expect(parseCell(chart.from).row).toBeGreaterThan(bottom.row);
    }
    const first = spec.charts?.[0]?.source.split(':')[0] ?? 'A1';
    const p = parseCell(first);
    expect(at(cellAddress(p.column + 1, p.row))).toBe('平均完成率');
    expect(at(cellAddress(p.column + 2, p.row + 1))).toBe(0.5);
  });

  test('print-ready: landscape, one page wide, header repeated, panes frozen, widths for Chinese', () => {
    expect(spec.print).toEqual({
      orientation: 'landscape',
      fitToPagesWide: 1,
      printTitleRows: '$4:$4',
      centerHorizontally: true,
    });
    expect(spec.freeze).toEqual({ rows: 4, columns: 3 });
    expect(spec.columnWidths?.map((w) => w.column)).toEqual('ABCDEFGHIJKLMNOPQRS'.split(''));
    expect(spec.columnWidths?.find((w) => w.column === 'C')?.width).toBeGreaterThanOrEqual(
      2 * '引进世界500强或行业龙头企业投资项目'.length - 10,
    );
    expect(spec.rowHeights?.[0]).toEqual({ row: 1, height: 15, hidden: true });
  });

  test('the summary holds no formula at all (nothing a source could turn into one)', () => {
    expect([...cells(spec).values()].filter((c) => c.formula !== undefined)).toEqual([]);
  });

  test('identical on a re-run, and without a period still a valid sheet', () => {
    expect(JSON.stringify(summarySheet(june().result, PLAN))).toBe(JSON.stringify(spec));
    const empty = summarySheet(consolidate(PLAN, []), PLAN);
    expect(valueAt(empty, 'A2')).toBe('五大攻坚战指标完成情况汇总表（未选定报告期）');
    expect(empty.marker).toEqual({ type: 'kpi-summary', v: 1, plan: 'five-campaigns-2019' });
  });
});

describe('汇总: the paced tier (issue "What leaders receive is right", observation 7)', () => {
  /** The summary row of an indicator: its tier, the tier's number format and its light. */
  function summaryRow(month: number, code: string, values: Parameters<typeof fill>[1], campaignId = 'C2') {
    const lead = campaignId === 'C1' ? LEAD.C1 : LEAD.C2;
    const result = consolidate(PLAN, [sheetSource(fill(templateGrid(campaignId, lead, { month }), values))]);
    const spec = summarySheet(result, PLAN);
    const row = findRow(spec, 'B', code);
    const tierCell = cells(spec).get(`I${row}`);
    const format = tierCell?.numberFormat ?? spec.styles[tierCell?.style ?? '']?.numberFormat;
    return { tier: tierCell?.value, format, light: valueAt(spec, `L${row}`), expected: valueAt(spec, `J${row}`) };
  }

  test('C2-01 at 57.5% of 2,000 亩 in June (E = 50%) is 绿 and 序时达确保, never 未达确保', () => {
    const june = summaryRow(6, 'C2-01', { 'C2-01': { actual: 1150 } });
    expect(june).toEqual({ tier: 1, format: PACED_TIER_FORMAT, light: 3, expected: 0.5 });
    expect(PACED_TIER_FORMAT).toBe('[=2]"序时达力争";[=1]"序时达确保";"序时未达"');
  });

  test('the same 57.5% in December (E = 100%) is 红 and 未达确保, against the annual target', () => {
    expect(summaryRow(12, 'C2-01', { 'C2-01': { actual: 1150 } })).toEqual({
      tier: 0,
      format: TIER_FORMAT,
      light: 1,
      expected: 1,
    });
  });

  test('non-paced rows keep the annual words; stretch-only rows say 未达力争 in December', () => {
    expect(summaryRow(6, 'C2-03', { 'C2-03': { actual: 30 } })).toMatchObject({ tier: 0, format: TIER_FORMAT });
    expect(summaryRow(12, 'C1-05', { 'C1-05': { actual: 0 } }, 'C1')).toMatchObject({
      tier: 0,
      format: STRETCH_ONLY_TIER_FORMAT,
    });
    expect(summaryRow(6, 'C1-05', { 'C1-05': { actual: 1 } }, 'C1')).toMatchObject({
      tier: 2, // 力争 1 个 × 50% = 0.5: 序时达力争
      format: PACED_TIER_FORMAT,
    });
  });

  test('the tier column is wide enough for 序时达力争 when a row says it', () => {
    const widthOf = (month: number): number | undefined => {
      const result = consolidate(PLAN, [sheetSource(templateGrid('C2', LEAD.C2, { month }))]);
      return summarySheet(result, PLAN).columnWidths?.find((w) => w.column === 'I')?.width;
    };
    expect(widthOf(6)).toBe(12); // 序时达力争: ten wide, and a margin
    expect(widthOf(12)).toBe(10); // 未达确保, as before
  });
});

describe('汇总: data states beside the light (SPEC §6; issue 11, observations 1 and 5)', () => {
  const sources = [
    sheetSource(
      fill(templateGrid('C2', '经信商务局'), {
        'C2-07': { actual: 2_350_000 },
        'C2-01': { actual: 30_000 }, // 15× the target of 2,000 亩
      }),
    ),
    sheetSource(fill(templateGrid('C2', '发展改革局'), { 'C2-01': { actual: 300 } })),
  ];
  const result = consolidate(PLAN, sources);
  const spec = summarySheet(result, PLAN);
  const rowOf = (code: string) => rowValues(spec, findRow(spec, 'B', code));

  test('数据有误 in 状态 (no light), the cells named in 数据状态; 待核实 beside a counted light', () => {
    expect([...rowOf('C2-07').slice(6, 12), rowOf('C2-07')[15]]).toEqual([
      null,
      null,
      null,
      0.5,
      null,
      '数据有误',
      '数据有误：转型升级-经信商务局-6月!H13', // 数据状态 (P), after 上月完成率, 上月状态, 较上月
    ]);
    const c201 = rowOf('C2-01');
    expect([c201[6], c201[11], c201[15]]).toEqual([30_300, 3, '待核实：转型升级-经信商务局-6月!H7']);
  });

  test('the header counts 数据有误 and 待核实 beside the lights; the chart stacks 数据有误 too', () => {
    expect(String(valueAt(spec, 'A3'))).toMatch(/绿 1，黄 0，红 0，未填报 48，数据有误 1，待核实 1$/);
    expect(rowValues(spec, findRow(spec, 'B', '转型升级攻坚战'))[11]).toBe(
      '绿 1\u3000黄 0\u3000红 0\u3000未填报 12\u3000数据有误 1\u3000待核实 1',
    );
    expect(spec.charts?.[1]?.source).toMatch(/^F\d+:K\d+$/);
  });

  test('数据有误 and 待核实 in their own colours, in 状态 and in 数据状态', () => {
    const rules = (spec.conditionalFormats ?? []).flatMap((cf) =>
      cf.rule.type === 'expression' ? [cf.rule.formula] : [],
    );
    expect(rules).toEqual(
      expect.arrayContaining(['=$L5="数据有误"', '=LEFT($P5,4)="数据有误"', '=LEFT($P5,3)="待核实"']),
    );
  });

  test('the matrix notes 待核实 beside 已报, with 已更正 where both apply', () => {
    expect(matrixText({ state: 'submitted', doubtful: true })).toBe('已报（待核实）');
    expect(matrixText({ state: 'submitted', corrected: true, doubtful: true })).toBe('已报（已更正、待核实）');
    expect(matrixText({ state: 'invalid' })).toBe('有误');
  });
});

describe('明细 (detail sheet)', () => {
  const { result } = june();
  const spec = detailSheet(result);
  const all = cells(spec);
  const header = findRow(spec, 'A', '序号') === 6 ? findRow(spec, 'G', '填报值') : 0;

  test('one row per source value, with department, file, sheet and cell', () => {
    expect(spec.name).toBe(DETAIL_SHEET);
    expect(spec.marker).toMatchObject({ type: 'kpi-detail' });
    expect(rowValues(spec, header, 'A', 'N')).toEqual([
      '序号',
      '攻坚战',
      '指标编码',
      '指标名称',
      '填报单位',
      '项目',
      '填报值',
      '计入汇总',
      '说明',
      '报告期',
      '来源文件',
      '工作表',
      '单元格',
      '数据状态',
    ]);
    result.details.forEach((d, i) => {
      const r = header + 1 + i;
      expect([
        all.get(`C${r}`)?.value,
        all.get(`E${r}`)?.value,
        all.get(`G${r}`)?.value,
        all.get(`H${r}`)?.value,
        all.get(`M${r}`)?.value,
      ]).toEqual([d.code, d.department, d.value, d.used, d.cell]);
    });
    expect(result.details.length).toBe(17);
  });

  test('a hyperlink to the cell for sheets of this workbook (quoted), plain text for files', () => {
    const r = header + 1 + result.details.findIndex((d) => d.origin.sheet === "发改's 表");
    expect(all.get(`M${r}`)?.hyperlink?.documentReference).toBe(`'发改''s 表'!${all.get(`M${r}`)?.value as string}`);
    expect(all.get(`L${r}`)?.value).toBe("发改's 表");
    const f = header + 1 + result.details.findIndex((d) => d.origin.kind === 'file');
    expect([all.get(`K${f}`)?.value, all.get(`L${f}`)?.hyperlink]).toEqual(['发展改革局.xlsx', undefined]);
    expect(all.get(`K${r}`)?.value).toBe('本工作簿');
    expect(sheetRef("a'b", 'H7')).toBe("'a''b'!H7");
  });

  test('why a value is not used, in words', () => {
    const r = header + 1 + result.details.findIndex((d) => d.why === 'otherPeriod');
    expect(all.get(`I${r}`)?.value).toBe('报告期为 2019 年 5 月，不是本次汇总的报告期');
    const i = header + 1 + result.details.findIndex((d) => d.why === 'invalid');
    expect([all.get(`G${i}`)?.value, all.get(`H${i}`)?.value, all.get(`I${i}`)?.value]).toEqual([
      '约30',
      false,
      '数值无效，不计入（见问题清单）',
    ]);
  });

  test("source text is a value, never a formula; formulas hold only the add-in's own words", () => {
    const texts = result.details.flatMap((d) => (typeof d.value === 'string' ? [d.value] : []));
    expect(texts).toEqual(expect.arrayContaining(['=HYPERLINK("http://x")', '+配合', '-下降']));
    const formulas = [...all.values(), ...cells(summarySheet(result, PLAN)).values()].flatMap((c) =>
      c.formula ? [c.formula] : [],
    );
    for (const t of [...texts, "发改's 表", '发展改革局.xlsx', LEAD.C1])
      for (const f of formulas) expect(f.includes(t)).toBe(false);
  });

  test('the reconciliation formula of a sum row', () => {
    const r = findRow(spec, 'C', 'C1-01');
    const d1 = header + 1;
    const d2 = header + result.details.length;
    expect(all.get(`F${r}`)?.formula).toBe(`=IF(ISBLANK('汇总'!$G$6),"",'汇总'!$G$6)`);
    expect(all.get(`G${r}`)?.formula).toBe(
      `=SUMIFS($G$${d1}:$G$${d2},$C$${d1}:$C$${d2},$C${r},$F$${d1}:$F$${d2},"累计完成",$H$${d1}:$H$${d2},TRUE())`,
    );
    expect(all.get(`K${r}`)?.formula).toContain('0.000000001');
    expect(all.get(`K${r}`)?.formula).not.toMatch(/1E-9/i);
    expect(DETAIL_COL).toMatchObject({ code: 'C', field: 'F', value: 'G', used: 'H' });
  });
});

describe('in a formula engine', () => {
  test('specToArray + HyperFormula: every summary row reconciles (一致)', () => {
    const { result } = june();
    const hf = HyperFormula.buildFromSheets(
      { [SUMMARY_SHEET]: specToArray(summarySheet(result, PLAN)), [DETAIL_SHEET]: specToArray(detailSheet(result)) },
      { licenseKey: 'gpl-v3' },
    );
    const id = hf.getSheetId(DETAIL_SHEET) ?? -1;
    const values = hf.getSheetValues(id);
    const n = result.campaigns.reduce((s, c) => s + c.indicators.length, 0);
    const checks = values.slice(6, 6 + n).map((r) => r[10]);
    expect(checks).toEqual(Array.from({ length: n }, () => '一致'));
    expect(values[2]?.[2]).toBe(`全部一致（${n} 项）`);
    // Source text stays text, verbatim (the apostrophe is the engine's text prefix, not part of the value).
    expect(values.flat()).toEqual(expect.arrayContaining(['=HYPERLINK("http://x")', '+配合']));
    hf.destroy();
  });

  test('the memory workbook: templates typed into, read back, consolidated, written; live check; a re-run is identical', async () => {
    const wb = new MemoryWorkbook();
    const put = async (
      campaignId: string,
      department: string,
      values: Readonly<Record<string, CellValue>>,
      name?: string,
    ): Promise<void> => {
      const spec = buildTemplate({
        plan: PLAN,
        campaignId,
        department,
        year: 2019,
        month: 6,
        mode: 'native',
        existingSheetNames: wb.sheetNames(),
      });
      await wb.writeSheet(name ? { ...spec, name } : spec);
      await wb.writeCells(
        Object.entries(values).map(([address, value]) => ({
          sheet: name ?? spec.name,
          address,
          value: value as string | number | null,
        })),
      );
    };
    await put('C1', LEAD.C1, {
      [inputAddress('C1-01', 'actual')]: 3,
      [inputAddress('C1-01', 'reason')]: '@招商\n延期',
      [inputAddress('C1-02', 'actual')]: 2.5,
    });
    await put('C1', LEAD.C2, { [inputAddress('C1-01', 'actual')]: 1.5, [inputAddress('C1-01', 'reason')]: '\t配合' });
    await put('C2', LEAD.C2, {
      [inputAddress('C2-09', 'actual')]: 110,
      [inputAddress('C2-09', 'prior')]: 100,
      [inputAddress('C2-03', 'actual')]: 36,
    });
    await put(
      'C2',
      LEAD.C3,
      {
        [inputAddress('C2-09', 'actual')]: 45,
        [inputAddress('C2-09', 'prior')]: 50,
        [inputAddress('C2-09', 'reason')]: '投资放缓',
      },
      "发改'二",
    );
    wb.insertRows("发改'二", 9, 2);
    wb.insertColumns("发改'二", 10, 1); // before column J

    const read = async (): Promise<Source[]> =>
      (await wb.readAllSheets({ numberFormats: true })).map((s) => ({
        origin: { kind: 'sheet', sheet: s.name },
        sheet: s,
      }));
    const first = consolidate(PLAN, await read());
    expect(first.campaigns[1]?.indicators[8]?.actual).toBeCloseTo(155 / 150 - 1, 12);
    await wb.writeSheet(summarySheet(first, PLAN), { replace: true });
    await wb.writeSheet(detailSheet(first), { replace: true });

    const detail = async (): Promise<readonly (readonly CellValue[])[]> =>
      (await wb.readSheets([DETAIL_SHEET]))[0]?.values ?? [];
    const n = first.campaigns.reduce((s, c) => s + c.indicators.length, 0);
    let values = await detail();
    expect(values.slice(6, 6 + n).map((r) => r[10])).toEqual(Array.from({ length: n }, () => '一致'));
    expect(values[2]?.[2]).toBe(`全部一致（${n} 项）`);
    expect(values.flat()).toEqual(expect.arrayContaining(['@招商\n延期', '\t配合']));
    expect(wb.cellView(DETAIL_SHEET, 'K7').fill).toBe('#C6EFCE');

    // Live: editing a used detail value breaks the check of its summary row (and only that one).
    // Rows: recon 7…6+n, a blank row, the section title, the header, then the details (1-based).
    const used = 6 + n + 4 + first.details.findIndex((d) => d.code === 'C1-01' && d.used);
    expect(values[used - 1]?.[2]).toBe('C1-01');
    wb.engine.setCellContents({ sheet: wb.engine.getSheetId(DETAIL_SHEET) ?? -1, row: used - 1, col: 6 }, [[99]]);
    values = await detail();
    expect(
      values
        .slice(6, 6 + n)
        .filter((r) => r[10] === '不一致')
        .map((r) => r[2]),
    ).toEqual(['C1-01']);
    expect(values[2]?.[2]).toBe('有 1 项不一致');

    // A re-run reads the outputs too (they are not sources) and writes the same sheets.
    const again = consolidate(PLAN, await read());
    expect(again).toEqual(first);
    await wb.writeSheet(summarySheet(again, PLAN), { replace: true });
    await wb.writeSheet(detailSheet(again), { replace: true });
    values = await detail();
    expect(values[2]?.[2]).toBe(`全部一致（${n} 项）`);
    expect(wb.sheetNames().filter((s) => s === SUMMARY_SHEET || s === DETAIL_SHEET)).toHaveLength(2);
  });
});

test('numerals and month ranges of the headings', () => {
  expect([1, 5, 10, 12, 20, 25].map(chineseNumeral)).toEqual(['一', '五', '十', '十二', '二十', '二十五']);
  expect([monthRange(1), monthRange(6)]).toEqual(['1月', '1-6月']);
});
