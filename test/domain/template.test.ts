import { DetailedCellError, HyperFormula } from 'hyperformula';
import {
  attainment,
  endOfMonth,
  growth,
  pace,
  status,
  tier,
  toExcelSerial,
  type CalcResult,
} from '../../src/domain/calc/calc';
import {
  attainmentFormula,
  besideStatus,
  growthOperand,
  paceFormula,
  statusFormula,
  tierFormula,
  type FormulaMode,
} from '../../src/domain/calc/formulas';
import { KIND_ZH, type Kind } from '../../src/domain/calc/kinds';
import { STATE_WORDS } from '../../src/domain/template/formats';
import { builtinPlan } from '../../src/domain/plan/builtin';
import type { Campaign, Indicator, Plan } from '../../src/domain/plan/schema';
import { decodeMarker, encodeMarker, keysIn } from '../../src/domain/grid/ownSheets';
import { type CellSpec, type SheetSpec, type StyleSpec, type ValidationSpec } from '../../src/domain/grid/sheetSpec';
import {
  CELLS,
  COLUMN,
  COLUMNS,
  COLUMN_KEYS,
  PERIOD_REF,
  ROWS,
  TEMPLATE_VERSION,
  columnHeaders,
  templateLayout,
  type ColumnKey,
} from '../../src/domain/template/layout';
import {
  INPUT_FILL,
  buildTemplate,
  reapplyValues,
  reapplyValuesWithReport,
  type PreviousValues,
  type TemplateInput,
} from '../../src/domain/template/template';
import { lightOf, validateRow } from '../../src/domain/validation/validateRow';
import { kpiEngineSettings, registerKpiFunctions, type BlankAs } from '../../src/workbook/memory/kpiPlugin';
import { specToArray } from './specToArray';

const plan = builtinPlan();
const MODES: readonly FormulaMode[] = ['kpi', 'native'];
const JUNE = 6;

function build(campaignId: string, mode: FormulaMode, extra: Partial<TemplateInput> = {}): SheetSpec {
  const campaign = plan.campaigns.find((c) => c.id === campaignId);
  return buildTemplate({
    plan,
    campaignId,
    department: campaign?.leadDepartment ?? '?',
    year: 2019,
    month: JUNE,
    mode,
    ...extra,
  });
}

// ————— reading a spec back, as a test sees it —————

function parse(address: string): { col: number; row: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(address);
  if (!m || m[1] === undefined || m[2] === undefined) throw new Error(`bad address ${address}`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col, row: Number(m[2]) };
}

function letter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Every non-null cell of a spec by address. */
function cells(spec: SheetSpec): Map<string, CellSpec> {
  const out = new Map<string, CellSpec>();
  for (const b of spec.blocks) {
    const at = parse(b.at);
    b.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell === null) return;
        const address = `${letter(at.col + c)}${at.row + r}`;
        if (out.has(address)) throw new Error(`${address} written twice`);
        out.set(address, cell);
      }),
    );
  }
  return out;
}

function cellAt(spec: SheetSpec, address: string): CellSpec {
  const c = cells(spec).get(address);
  if (!c) throw new Error(`no cell at ${address}`);
  return c;
}

function styleOf(spec: SheetSpec, cell: CellSpec): StyleSpec {
  if (cell.style === undefined) return {};
  const s = spec.styles[cell.style];
  if (!s) throw new Error(`unknown style ${cell.style}`);
  return s;
}

const numberFormatOf = (spec: SheetSpec, cell: CellSpec): string | undefined =>
  cell.numberFormat ?? styleOf(spec, cell).numberFormat;
const isLocked = (spec: SheetSpec, cell: CellSpec): boolean => styleOf(spec, cell).locked !== false;

function inRange(range: string, address: string): boolean {
  const [a = '', b = a] = range.split(':');
  const p = parse(address);
  const lo = parse(a);
  const hi = parse(b);
  return p.col >= lo.col && p.col <= hi.col && p.row >= lo.row && p.row <= hi.row;
}

const validationsAt = (spec: SheetSpec, address: string): ValidationSpec[] =>
  (spec.validations ?? []).filter((v) => inRange(v.range, address));

function onlyValidation(spec: SheetSpec, address: string): ValidationSpec {
  const found = validationsAt(spec, address);
  expect(found).toHaveLength(1);
  const [v] = found;
  if (!v) throw new Error('unreachable');
  return v;
}

/** The row of each indicator code, read from the sheet (column `code`). */
function rowsByCode(spec: SheetSpec): Map<string, number> {
  const out = new Map<string, number>();
  for (const [address, cell] of cells(spec)) {
    const p = parse(address);
    if (letter(p.col) === COLUMN.code && p.row >= ROWS.firstIndicator && typeof cell.value === 'string')
      out.set(cell.value, p.row);
  }
  return out;
}

const at = (key: ColumnKey, row: number): string => `${COLUMN[key]}${row}`;

/** The operands the SPEC prescribes for a row, derived here independently of the generator. */
function operands(ind: Indicator, r: number, mode: FormulaMode) {
  const growthRow = ind.kind === 'growth';
  const actual = growthRow ? growthOperand(mode, `H${r}`, `I${r}`) : `H${r}`;
  const guard = growthRow ? [`H${r}`, `I${r}`] : [`H${r}`];
  const target = ind.target === undefined ? null : `F${r}`;
  const stretch = ind.stretch === undefined ? null : `G${r}`;
  return { actual, guard, target, stretch, goal: target ?? stretch };
}

// ————— layout —————

describe('layout constants', () => {
  it('has fifteen keyed columns A…O in the documented order', () => {
    expect(TEMPLATE_VERSION).toBe(1);
    expect(COLUMN_KEYS).toEqual([
      'seq',
      'code',
      'name',
      'kind',
      'unit',
      'target',
      'stretch',
      'actual',
      'prior',
      'attainment',
      'tier',
      'pace',
      'status',
      'reason',
      'note',
    ]);
    expect(COLUMNS.map((c) => c.column).join('')).toBe('ABCDEFGHIJKLMNO');
    expect(COLUMNS.filter((c) => c.input).map((c) => c.key)).toEqual(['actual', 'prior', 'reason', 'note']);
    expect(PERIOD_REF).toBe('$F$5');
  });

  it('describes the rows of a generated template', () => {
    expect(templateLayout(8).rows).toEqual({
      marker: 1,
      keys: 2,
      title: 3,
      leaders: 4,
      info: 5,
      header: 6,
      firstIndicator: 7,
      lastIndicator: 14,
      notes: 16,
    });
    expect(() => templateLayout(0)).toThrow(RangeError);
  });

  it('names the 累计 column after the report month', () => {
    expect(columnHeaders(6).actual).toBe('1–6月累计完成');
    expect(columnHeaders(12).actual).toBe('1–12月累计完成');
    expect(columnHeaders(1).actual).toBe('1月累计完成');
  });

  it('finds columns by key after a column was inserted, and reports missing or duplicated keys', () => {
    const inserted = ['seq', 'code', 'name', null, ...COLUMN_KEYS.slice(3)];
    const found = keysIn(inserted, COLUMN_KEYS);
    expect(found.missing).toEqual([]);
    expect(found.columns.name).toBe(3);
    expect(found.columns.kind).toBe(5);
    expect(found.columns.note).toBe(16);
    const broken = keysIn(['seq', 'code', 'code', ' name ', 42, 'actual'], COLUMN_KEYS);
    expect(broken.duplicated).toEqual(['code']);
    expect(broken.columns.code).toBeUndefined();
    expect(broken.columns.name).toBe(4);
    expect(broken.missing).toContain('status');
  });
});

// ————— every campaign, both modes —————

const CASES = plan.campaigns.flatMap((c) => MODES.map((mode) => [c.id, mode, c] as const));

describe.each(CASES)('campaign %s, %s formulas', (campaignId, mode, campaign: Campaign) => {
  const spec = build(campaignId, mode, { reporter: '王小明', phone: '0573-82220000' });
  const all = cells(spec);
  const first = ROWS.firstIndicator;
  const last = first + campaign.indicators.length - 1;
  const rows = campaign.indicators.map((ind, i) => [ind.code, ind, first + i] as const);

  it('carries the marker payload and hides the marker and key rows', () => {
    expect(spec.marker).toEqual({
      type: 'kpi-template',
      v: TEMPLATE_VERSION,
      plan: plan.id,
      campaign: campaignId,
      department: campaign.leadDepartment,
      year: 2019,
      month: JUNE,
      mode,
      role: 'lead',
    });
    expect(decodeMarker(encodeMarker(spec.marker ?? {}))).toEqual(spec.marker);
    expect(all.has('A1')).toBe(false); // the adapter writes the marker there
    expect(spec.rowHeights).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 1, hidden: true }),
        expect.objectContaining({ row: 2, hidden: true }),
      ]),
    );
    COLUMN_KEYS.forEach((key) => expect(cellAt(spec, `${COLUMN[key]}2`).value).toBe(key));
  });

  it('has the title, leaders and report information', () => {
    expect(cellAt(spec, 'A3').value).toBe(`${campaign.name}攻坚战 指标推进情况表`);
    expect(spec.merges).toContain('A3:O3');
    expect(cellAt(spec, 'A4').value).toBe('指挥长');
    expect(cellAt(spec, CELLS.commander).value).toBe(campaign.commander);
    expect(cellAt(spec, 'D4').value).toBe('副指挥长');
    expect(cellAt(spec, CELLS.deputyCommander).value).toBe(campaign.deputyCommander);
    expect(cellAt(spec, 'H4').value).toBe('牵头部门');
    expect(cellAt(spec, CELLS.leadDepartment).value).toBe(campaign.leadDepartment);
    expect(cellAt(spec, 'A5').value).toBe('填报单位');
    expect(cellAt(spec, CELLS.department).value).toBe(campaign.leadDepartment);
    const period = cellAt(spec, CELLS.period);
    expect(period.value).toBe(toExcelSerial({ year: 2019, month: 6, day: 30 }));
    expect(period.value).toBe(43646);
    expect(numberFormatOf(spec, period)).toBe('yyyy"年"m"月"');
    expect(cellAt(spec, 'H5').value).toBe('填报人');
    expect(cellAt(spec, CELLS.reporter).value).toBe('王小明');
    expect(cellAt(spec, 'K5').value).toBe('联系电话');
    const phone = cellAt(spec, CELLS.phone);
    expect(phone.value).toBe('0573-82220000');
    expect(numberFormatOf(spec, phone)).toBe('@');
  });

  it('has every column header in row 6', () => {
    const headers = [
      '序号',
      '指标编码',
      '指标名称',
      '类型',
      '单位',
      '确保目标',
      '力争目标',
      '1–6月累计完成',
      '上年同期',
      '完成率',
      '力争档',
      '序时进度',
      '状态',
      '滞后原因及措施',
      '备注',
    ];
    expect(COLUMN_KEYS.map((k) => cellAt(spec, `${COLUMN[k]}6`).value)).toEqual(headers);
  });

  it('has one row per indicator, in plan order, with code, name, kind, unit and targets', () => {
    expect([...rowsByCode(spec).entries()]).toEqual(rows.map(([code, , r]) => [code, r]));
    for (const [code, ind, r] of rows) {
      expect(cellAt(spec, at('seq', r)).value).toBe(r - first + 1);
      expect(cellAt(spec, at('code', r)).value).toBe(code);
      expect(cellAt(spec, at('name', r)).value).toBe(ind.name);
      expect(cellAt(spec, at('kind', r)).value).toBe(KIND_ZH[ind.kind]);
      expect(cellAt(spec, at('unit', r)).value).toBe(ind.unit);
      expect(cellAt(spec, at('target', r)).value).toBe(ind.target ?? null);
      expect(cellAt(spec, at('stretch', r)).value).toBe(ind.stretch ?? null);
    }
    // nothing below the table but the notes row
    const below = [...all.keys()].filter((a) => parse(a).row > last).map((a) => parse(a).row);
    expect(new Set(below)).toEqual(new Set([last + 2]));
  });

  it('writes the builders’ formulas: growth guards both cells, stretch-only rows use the stretch, paced rows use the period', () => {
    for (const [, ind, r] of rows) {
      const o = operands(ind, r, mode);
      const expected = at('pace', r);
      // 完成率 and 力争档 follow 状态 (blank for 未填报 and 数据有误), never a raw error (SPEC §6 Data states).
      const status = at('status', r);
      expect(cellAt(spec, at('attainment', r)).formula).toBe(
        besideStatus(
          attainmentFormula(mode, ind.kind, { actual: o.actual, target: o.goal, guard: o.guard }),
          status,
          STATE_WORDS,
        ),
      );
      // A paced row's tier is compared with its 序时进度 cell, as its light is (SPEC §4); growth and rank never are.
      const pacedTier = ind.paced && ind.kind !== 'growth' && ind.kind !== 'rank' ? { expected } : {};
      expect(cellAt(spec, at('tier', r)).formula).toBe(
        besideStatus(
          tierFormula(mode, ind.kind, {
            actual: o.actual,
            target: o.target,
            stretch: o.stretch,
            guard: o.guard,
            ...pacedTier,
          }),
          status,
          STATE_WORDS,
        ),
      );
      // 状态: 0 未填报, 数据有误, 待核实, or the light (its formula inside, its errors a word).
      const light = statusFormula(
        mode,
        ind.kind,
        { actual: o.actual, target: o.goal, guard: o.guard, expected },
        plan.thresholds,
      );
      const statusFormulaText = cellAt(spec, status).formula ?? '';
      expect(statusFormulaText).toContain(`IFERROR(${light.slice(1)},"无法计算")`);
      expect(statusFormulaText).toMatch(/^=IF\(.*,0,IF\(.*,"数据有误",/);
      // Only a value that can be doubtful can be confirmed: 10× an amount's target, a share, a growth pair.
      const doubtable =
        ind.kind === 'growth' ||
        (['total', 'count', 'level', 'share'].includes(ind.kind) && (ind.target ?? ind.stretch) !== undefined);
      expect(statusFormulaText.includes(`FIND("已核实",O${r})`)).toBe(doubtable);
      const paceCell = cellAt(spec, at('pace', r));
      if (ind.paced) {
        expect(paceCell.formula).toBe(paceFormula(mode, '$F$5'));
        expect(paceCell.formula).toContain('$F$5');
      } else {
        expect(paceCell).toEqual(expect.objectContaining({ value: 1 }));
        expect(paceCell.formula).toBeUndefined();
      }
      for (const key of ['attainment', 'tier', 'status'] as const) {
        const f = cellAt(spec, at(key, r)).formula ?? '';
        if (ind.kind === 'growth') expect(f).toContain(`OR(ISBLANK(H${r}),ISBLANK(I${r}))`);
        else expect(f).toContain(`IF(ISBLANK(H${r}),`);
      }
      if (ind.target === undefined && ind.stretch !== undefined) {
        expect(cellAt(spec, at('attainment', r)).formula).toContain(`G${r}`);
        expect(cellAt(spec, at('status', r)).formula).toContain(`G${r}`);
        expect(cellAt(spec, at('attainment', r)).formula).not.toContain(`F${r}`);
      }
    }
  });

  it('unlocks and marks the input cells only; everything else is locked', () => {
    const growthRows = new Set(rows.filter(([, ind]) => ind.kind === 'growth').map(([, , r]) => r));
    // 填报人 and 联系电话 are merged over two cells each (I5:J5, L5:M5): the whole merge is one input
    expect(spec.merges).toEqual(expect.arrayContaining(['I5:J5', 'L5:M5']));
    const inputs = new Set<string>([CELLS.reporter, 'J5', CELLS.phone, 'M5']);
    for (const [, , r] of rows) {
      inputs.add(at('actual', r));
      inputs.add(at('reason', r));
      inputs.add(at('note', r));
      if (growthRows.has(r)) inputs.add(at('prior', r));
    }
    for (const [address, cell] of all) {
      const input = inputs.has(address);
      expect([address, isLocked(spec, cell)]).toEqual([address, !input]);
      if (input) {
        expect([address, cell.style]).toEqual([address, 'input']);
        expect(styleOf(spec, cell).fill).toBe(INPUT_FILL);
      }
    }
    expect(spec.styles.input).toEqual(expect.objectContaining({ fill: '#FFF2CC', locked: false }));
    expect(spec.protect).toBe(true);
  });

  it('greys out 上年同期 of non-growth rows, without validation', () => {
    for (const [, ind, r] of rows) {
      if (ind.kind === 'growth') continue;
      const cell = cellAt(spec, at('prior', r));
      expect(isLocked(spec, cell)).toBe(true);
      expect(styleOf(spec, cell).fill).toBe('#D9D9D9');
      expect(validationsAt(spec, at('prior', r))).toEqual([]);
    }
  });

  it('validates every input cell by kind, with Chinese prompts and stop alerts within Excel’s limits', () => {
    for (const [, ind, r] of rows) {
      const v = onlyValidation(spec, at('actual', r));
      expect(v.rule).toEqual(RULES[ind.kind]);
      expect(v.allowBlank).toBe(true);
      expect(v.prompt?.message).toContain(ind.wording.slice(0, 20));
      if (ind.kind === 'floor') expect(v.prompt?.message).toContain('请输入百分数，如 1% 而不是 1');
      // a share change is typed in points (SPEC §3): 0.6 for 0.6 个百分点, never with a % sign
      if (ind.kind === 'share') expect(v.prompt?.message).toContain('提高 0.6 个百分点填 0.6');
      if (ind.kind === 'level') expect(v.prompt?.title).toContain('当前水平');
      if (ind.kind === 'rank') expect(v.prompt?.title).toContain('当前位次');
      if (ind.kind === 'growth') {
        expect(onlyValidation(spec, at('prior', r)).rule).toEqual({
          type: 'decimal',
          operator: 'greaterThan',
          formula1: 0,
        });
      }
      expect(onlyValidation(spec, at('reason', r)).rule).toEqual({
        type: 'textLength',
        operator: 'lessThanOrEqualTo',
        formula1: 500,
      });
    }
    for (const v of spec.validations ?? []) {
      expect(v.errorAlert?.style).toBe('stop');
      expect(v.errorAlert?.title).toMatch(/[\u4e00-\u9fff]/);
      expect(v.errorAlert?.message).toMatch(/[\u4e00-\u9fff]/);
      expect(v.prompt?.title.length).toBeLessThanOrEqual(32);
      expect(v.prompt?.message.length).toBeLessThanOrEqual(255);
      expect(v.errorAlert?.message.length).toBeLessThanOrEqual(225);
    }
  });

  it('formats values by kind and unit, results as percentages, tier and status as words', () => {
    for (const [, ind, r] of rows) {
      const target = numberFormatOf(spec, cellAt(spec, at('target', r)));
      const actual = numberFormatOf(spec, cellAt(spec, at('actual', r)));
      expect(target).toBe(TARGET_FORMAT(ind));
      expect(actual).toBe(ind.kind === 'growth' ? '0.00' : TARGET_FORMAT(ind));
      expect(numberFormatOf(spec, cellAt(spec, at('attainment', r)))).toBe('0.0%');
      expect(numberFormatOf(spec, cellAt(spec, at('pace', r)))).toBe('0.0%');
      const tierFormat = numberFormatOf(spec, cellAt(spec, at('tier', r)));
      // June: a paced row's tier is against the paced targets (SPEC §4), in 序时 words, stretch-only rows too
      expect(tierFormat).toBe(
        ind.paced
          ? '[=2]"序时达力争";[=1]"序时达确保";"序时未达"'
          : ind.target === undefined && ind.stretch !== undefined
            ? '[=2]"达力争";[=1]"达确保";"未达力争"'
            : '[=2]"达力争";[=1]"达确保";"未达确保"',
      );
      expect((tierFormat ?? '').match(/\[=/g)).toHaveLength(2);
      // Excel number formats hold at most two conditions
      expect((numberFormatOf(spec, cellAt(spec, at('status', r))) ?? '').match(/\[=/g)).toHaveLength(2);
    }
    const lights = (spec.conditionalFormats ?? []).filter((c) => c.range === `M${first}:M${last}`);
    expect(
      lights.map((c) => [c.rule.type === 'cellValue' ? c.rule.formula1 : '', c.format.fill, c.format.numberFormat]),
    ).toEqual([
      ['3', '#C6EFCE', '"绿"'],
      ['2', '#FFEB9C', '"黄"'],
      ['1', '#FFC7CE', '"红"'],
      ['0', '#D9D9D9', '"未填报"'],
      ['', '#E4DFEC', undefined],
      ['', '#F8CBAD', undefined],
    ]);
    expect(lights.slice(4).map((c) => c.rule)).toEqual([
      { type: 'expression', formula: `=$M${first}="数据有误"` },
      { type: 'expression', formula: `=$M${first}="待核实"` },
    ]);
    expect((spec.conditionalFormats ?? []).filter((c) => c.range === `K${first}:K${last}`)).toHaveLength(3);
    const reason = (spec.conditionalFormats ?? []).find((c) => c.range === `N${first}:N${last}`);
    expect(reason?.rule).toEqual({
      type: 'expression',
      formula: `=AND(OR($M${first}=1,$M${first}=2),LEN(TRIM($N${first}))=0)`,
    });
  });

  it('freezes, protects, prints and sizes the sheet', () => {
    expect(spec.freeze).toEqual({ rows: 6, columns: 3 });
    expect(spec.print).toEqual(
      expect.objectContaining({ orientation: 'landscape', fitToPagesWide: 1, printTitleRows: '$6:$6' }),
    );
    expect(spec.tabColor).toMatch(/^#[0-9A-F]{6}$/);
    const widths = new Map((spec.columnWidths ?? []).map((w) => [w.column, w.width]));
    expect([...widths.keys()].join('')).toBe('ABCDEFGHIJKLMNO');
    // Chinese characters count two: every header, and every indicator name up to 36 wide, fits its column
    const wide = (t: string): number =>
      [...t].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
    for (const key of COLUMN_KEYS)
      expect(widths.get(COLUMN[key])).toBeGreaterThanOrEqual(wide(columnHeaders(JUNE)[key]));
    for (const ind of campaign.indicators)
      if (wide(ind.name) <= 36) expect(widths.get('C')).toBeGreaterThanOrEqual(wide(ind.name));
  });

  it('is plain data', () => {
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });
});

const RULES: Readonly<Record<Kind, ValidationSpec['rule']>> = {
  total: { type: 'decimal', operator: 'greaterThanOrEqualTo', formula1: 0 },
  level: { type: 'decimal', operator: 'greaterThanOrEqualTo', formula1: 0 },
  count: { type: 'wholeNumber', operator: 'greaterThanOrEqualTo', formula1: 0 },
  rank: { type: 'wholeNumber', operator: 'greaterThanOrEqualTo', formula1: 1 },
  growth: { type: 'decimal', operator: 'greaterThanOrEqualTo', formula1: 0 },
  share: { type: 'decimal', operator: 'between', formula1: -100, formula2: 100 },
  floor: { type: 'decimal', operator: 'between', formula1: 0, formula2: 1 },
  milestone: { type: 'list', source: ['0%', '10%', '20%', '30%', '40%', '50%', '60%', '70%', '80%', '90%', '100%'] },
};

function TARGET_FORMAT(ind: Indicator): string {
  if (ind.kind === 'share') return '0.0"个百分点"';
  if (ind.kind === 'growth' || ind.kind === 'floor') return '0.0%';
  if (ind.kind === 'milestone') return '0%';
  if (ind.kind === 'count' || ind.kind === 'rank' || ['家', '个'].includes(ind.unit)) return '0';
  if (['亩', '元/平方米'].includes(ind.unit)) return '#,##0';
  return '0.00';
}

/** 累计完成 of row 7 holds nothing: empty, or spaces of any kind (ideographic and no-break ones too). */
const NOTHING_H7 =
  'IF(ISTEXT(H7),LEN(TRIM(CLEAN(SUBSTITUTE(SUBSTITUTE(H7,"\u3000"," "),"\u00A0"," "))))=0,ISBLANK(H7))';

describe('specific rows', () => {
  it('C1-01 in kpi mode', () => {
    const spec = build('C1', 'kpi');
    expect(cellAt(spec, 'B7').value).toBe('C1-01');
    // 完成率 and 力争档 follow 状态; 状态 says 未填报 (0), 数据有误, 待核实 or the light (SPEC §6 Data states)
    const follow = (f: string) => `=IF(OR(M7=0,M7="数据有误",M7="无法计算"),"",IFERROR(${f},""))`;
    expect(cellAt(spec, 'J7').formula).toBe(follow('IF(ISBLANK(H7),"",KPI.ATTAINMENT(H7,F7,"total"))'));
    expect(cellAt(spec, 'K7').formula).toBe(follow('IF(ISBLANK(H7),"",KPI.TIER(H7,F7,G7,"total",L7))'));
    expect(cellAt(spec, 'L7').formula).toBe('=IF(ISBLANK($F$5),"",KPI.PACE($F$5))');
    expect(cellAt(spec, 'M7').formula).toBe(
      `=IF(${NOTHING_H7},0,IF(IF(AND(ISNUMBER(H7),NOT(ISLOGICAL(H7))),OR(H7<0,H7>=1000*F7),TRUE()),"数据有误",` +
        `IF(AND(H7>10*F7,NOT(ISNUMBER(FIND("已核实",O7)))),"待核实",` +
        `IFERROR(IF(ISBLANK(H7),0,KPI.STATUS(H7,F7,"total",L7)),"无法计算"))))`,
    );
    expect(cellAt(spec, 'F7').value).toBe(7);
    expect(cellAt(spec, 'G7').value).toBe(8);
  });

  it('C1-05 (stretch-only) measures against the 力争 target', () => {
    const spec = build('C1', 'kpi');
    expect(cellAt(spec, 'B11').value).toBe('C1-05');
    expect(cellAt(spec, 'F11').value).toBeNull();
    expect(cellAt(spec, 'G11').value).toBe(1);
    expect(cellAt(spec, 'J11').formula).toContain('IF(ISBLANK(H11),"",KPI.ATTAINMENT(H11,G11,"count"))');
    expect(cellAt(spec, 'K11').formula).toContain('IF(ISBLANK(H11),"",KPI.TIER(H11,"",G11,"count",L11))');
    // its magnitude is checked against the 力争 target too, and a count is whole
    expect(cellAt(spec, 'M11').formula).toContain('OR(H11<0,H11<>INT(H11),H11>=1000*G11)');
    expect(cellAt(spec, 'M11').formula).toContain('H11>10*G11');
  });

  it('C2-09 (growth) in native mode guards current and prior', () => {
    const spec = build('C2', 'native');
    expect(cellAt(spec, 'B15').value).toBe('C2-09');
    expect(cellAt(spec, 'F15').value).toBe(0.1);
    expect(cellAt(spec, 'J15').formula).toBe(
      '=IF(OR(M15=0,M15="数据有误",M15="无法计算"),"",IFERROR(' +
        'IF(OR(ISBLANK(H15),ISBLANK(I15)),"",IF(OR(IF(I15<=0,#NUM!,H15/I15-1)<=-1,F15<=-1),#NUM!,(1+IF(I15<=0,#NUM!,H15/I15-1))/(1+F15)))' +
        ',""))',
    );
    // either half alone is 数据有误; both empty 未填报; current and prior tenfold apart 待核实
    const m = cellAt(spec, 'M15').formula ?? '';
    expect(m).toMatch(/^=IF\(AND\(IF\(ISTEXT\(H15\).*,IF\(ISTEXT\(I15\).*\),0,/);
    expect(m).toContain('OR(H15<0,I15<0,I15<=0),TRUE()),"数据有误"');
    expect(m).toContain('IF(H15>0,OR(H15/I15>10,I15/H15>10),FALSE())');
    expect(cellAt(spec, 'L15').value).toBe(1);
  });

  it('uses the plan’s own thresholds (native formula in both modes)', () => {
    const strict: Plan = { ...plan, thresholds: { yellowBand: 0.05, growthYellowBand: 0.01 } };
    const spec = buildTemplate({
      plan: strict,
      campaignId: 'C1',
      department: '投资促进中心',
      year: 2019,
      month: 6,
      mode: 'kpi',
    });
    expect(cellAt(spec, 'M7').formula).toContain('L7-0.05-');
  });

  it('refuses a campaign not in the plan, an impossible month or a blank department', () => {
    const base = { plan, campaignId: 'C1', department: '投资促进中心', year: 2019, month: 6, mode: 'kpi' as const };
    expect(() => buildTemplate({ ...base, campaignId: 'C9' })).toThrow(RangeError);
    expect(() => buildTemplate({ ...base, month: 13 })).toThrow(RangeError);
    expect(() => buildTemplate({ ...base, month: 0 })).toThrow(RangeError);
    expect(() => buildTemplate({ ...base, department: '  ' })).toThrow(RangeError);
  });

  it('a January report is "1月累计完成" and the period is 31 January', () => {
    const spec = build('C3', 'kpi', { month: 1 });
    expect(cellAt(spec, 'H6').value).toBe('1月累计完成');
    expect(cellAt(spec, CELLS.period).value).toBe(toExcelSerial({ year: 2019, month: 1, day: 31 }));
  });
});

describe('sheet names', () => {
  const DEPARTMENTS = [
    '投资促进中心',
    '经信商务局',
    '发展改革局',
    '建设交通局',
    '社会发展局',
    '嘉兴经济技术开发区城市发展和建设管理局综合科',
  ];

  it('are ≤ 31 characters and unique across campaigns × departments × months', () => {
    const taken: string[] = ['汇总', '明细'];
    for (const c of plan.campaigns)
      for (const department of DEPARTMENTS)
        for (let month = 1; month <= 12; month++) {
          const spec = buildTemplate({
            plan,
            campaignId: c.id,
            department,
            year: 2019,
            month,
            mode: 'native',
            existingSheetNames: taken,
          });
          expect(spec.name.length).toBeLessThanOrEqual(31);
          expect(spec.name).not.toMatch(/[[\]:*?/\\]/);
          taken.push(spec.name);
        }
    expect(new Set(taken.map((t) => t.toLowerCase())).size).toBe(taken.length);
    expect(taken).toContain('招大引强-投资促进中心-6月');
  });

  it('avoid a name already taken', () => {
    const spec = build('C1', 'kpi', { existingSheetNames: ['招大引强-投资促进中心-6月'] });
    expect(spec.name).toBe('招大引强-投资促进中心-6月 (2)');
  });
});

// ————— re-applying a template —————

describe('reapplyValues', () => {
  const previous = new Map<string, PreviousValues>([
    ['C2-01', { actual: 800, reason: '拆迁协议推进慢，下月集中攻坚', note: '含2宗' }],
    ['C2-09', { actual: 55, prior: 52, reason: '=HYPERLINK("x")' }],
    ['C2-04', { actual: 4, prior: 3 }], // prior of a rank row has no place
    ['C9-01', { actual: 1 }], // no longer in the plan
    ['C2-12', { actual: '约1%' }], // an invalid entry is kept as entered, for validation to report
  ]);

  it('puts values back into the rows of their codes, into input cells only', () => {
    const fresh = build('C2', 'kpi');
    const { spec, placed, unplaced } = reapplyValuesWithReport(fresh, previous);
    const rows = rowsByCode(spec);
    const row = (code: string): number => rows.get(code) ?? -1;
    expect(cellAt(spec, `H${row('C2-01')}`).value).toBe(800);
    expect(cellAt(spec, `N${row('C2-01')}`).value).toBe('拆迁协议推进慢，下月集中攻坚');
    expect(cellAt(spec, `O${row('C2-01')}`).value).toBe('含2宗');
    expect(cellAt(spec, `H${row('C2-09')}`).value).toBe(55);
    expect(cellAt(spec, `I${row('C2-09')}`).value).toBe(52);
    expect(cellAt(spec, `N${row('C2-09')}`)).toEqual(
      expect.objectContaining({ value: '=HYPERLINK("x")', style: 'input' }),
    );
    expect(cellAt(spec, `N${row('C2-09')}`).formula).toBeUndefined();
    expect(cellAt(spec, `H${row('C2-04')}`).value).toBe(4);
    expect(cellAt(spec, `I${row('C2-04')}`).value).toBeNull();
    expect(cellAt(spec, `H${row('C2-12')}`).value).toBe('约1%');
    expect(placed).toBe(8);
    expect(unplaced).toEqual([
      { code: 'C2-04', field: 'prior', value: 3, why: 'notAnInput' },
      { code: 'C9-01', field: 'actual', value: 1, why: 'unknownCode' },
    ]);
    // formulas, formats and the fresh spec are untouched
    expect(cellAt(spec, `J${row('C2-01')}`)).toEqual(cellAt(fresh, `J${row('C2-01')}`));
    expect(cellAt(fresh, `H${row('C2-01')}`).value).toBeNull();
    expect(reapplyValues(fresh, previous)).toEqual(spec);
  });

  it('follows the codes when the plan’s indicator order changes', () => {
    const reordered: Plan = {
      ...plan,
      campaigns: plan.campaigns.map((c) => (c.id === 'C2' ? { ...c, indicators: [...c.indicators].reverse() } : c)),
    };
    const before = build('C2', 'kpi');
    const after = buildTemplate({
      plan: reordered,
      campaignId: 'C2',
      department: '经信商务局',
      year: 2019,
      month: 7,
      mode: 'native',
    });
    expect(rowsByCode(after).get('C2-01')).not.toBe(rowsByCode(before).get('C2-01'));
    const spec = reapplyValues(after, previous);
    const rows = rowsByCode(spec);
    for (const code of ['C2-01', 'C2-09', 'C2-04', 'C2-12']) {
      const r = rows.get(code) ?? -1;
      expect(cellAt(spec, `B${r}`).value).toBe(code);
      expect(cellAt(spec, `H${r}`).value).toBe(previous.get(code)?.actual);
    }
    expect(cellAt(spec, `I${rows.get('C2-09') ?? -1}`).value).toBe(52);
  });

  it('refuses a spec that is not a template', () => {
    expect(() => reapplyValues({ name: 'x', styles: {}, blocks: [] }, previous)).toThrow(TypeError);
  });
});

// ————— integration: the generated formulas in a real formula engine —————

registerKpiFunctions();

type Shown = number | string;

function shown(v: unknown): Shown {
  if (v instanceof DetailedCellError) return v.value;
  if (typeof v === 'number' || typeof v === 'string') return v;
  throw new Error(`unexpected cell value ${String(v)}`);
}

/** A formula cell of a template shows no raw Excel error (SPEC §6): where the domain has no value, it is blank. */
function readable(r: CalcResult): Shown {
  return r.ok ? r.value : '';
}

/** Sample entries: a spread of on-track, behind and blank rows, plus the SPEC's worked examples. */
function sampleInputs(campaign: Campaign): Map<string, PreviousValues> {
  const out = new Map<string, PreviousValues>();
  campaign.indicators.forEach((ind, i) => {
    if (i % 5 === 4) return; // not reported
    const goal = ind.target ?? ind.stretch ?? 1;
    const f = [0.45, 0.3, 1.1, 0.55][i % 4] ?? 1;
    switch (ind.kind) {
      case 'growth':
        out.set(ind.code, { actual: 100 * (1 + goal * f), prior: 100 });
        break;
      case 'rank':
        out.set(ind.code, { actual: [2, 3, 5, 4][i % 4] ?? 1 });
        break;
      case 'count':
        out.set(ind.code, { actual: Math.round(goal * f) });
        break;
      case 'milestone':
        out.set(ind.code, { actual: [0.5, 0.3, 1, 0.4][i % 4] ?? 0 });
        break;
      default:
        out.set(ind.code, { actual: goal * f });
    }
  });
  if (campaign.id === 'C1') out.set('C1-01', { actual: 3.2 });
  if (campaign.id === 'C2') out.set('C2-09', { actual: 55, prior: 52 });
  return out;
}

const num = (v: PreviousValues[keyof PreviousValues]): number | null => (typeof v === 'number' ? v : null);

interface RowResult {
  readonly attainment: Shown;
  readonly tier: Shown;
  readonly pace: Shown;
  readonly status: Shown;
}

function evaluate(spec: SheetSpec, blankAs: BlankAs): Map<string, RowResult> {
  kpiEngineSettings.blankAs = blankAs;
  const hf = HyperFormula.buildFromArray(specToArray(spec), { licenseKey: 'gpl-v3', smartRounding: false });
  try {
    const value = (address: string): Shown => {
      const p = parse(address);
      return shown(hf.getCellValue({ sheet: 0, row: p.row - 1, col: p.col - 1 }));
    };
    const out = new Map<string, RowResult>();
    for (const [code, r] of rowsByCode(spec)) {
      out.set(code, {
        attainment: value(at('attainment', r)),
        tier: value(at('tier', r)),
        pace: value(at('pace', r)),
        status: value(at('status', r)),
      });
    }
    return out;
  } finally {
    hf.destroy();
    kpiEngineSettings.blankAs = 'null';
  }
}

function close(a: Shown, b: Shown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  return a === b;
}

describe.each(plan.campaigns.flatMap((c) => [3, JUNE].map((m) => [c.id, m, c] as const)))(
  'formula engine: campaign %s, month %d',
  (_id, month, campaign: Campaign) => {
    const inputs = sampleInputs(campaign);
    const results = MODES.flatMap((mode) =>
      (['null', 'zero'] as const).map((blankAs) => ({
        mode,
        blankAs,
        values: evaluate(reapplyValues(build(campaign.id, mode, { month }), inputs), blankAs),
      })),
    );

    it('KPI and native formulas agree with the domain on every row, on both platforms’ blank handling', () => {
      const mismatches: string[] = [];
      const e = pace(endOfMonth(2019, month));
      if (!e.ok) throw new Error('bad pace');
      for (const ind of campaign.indicators) {
        const input = inputs.get(ind.code) ?? {};
        const actual = num(input.actual);
        const prior = num(input.prior);
        const a =
          ind.kind === 'growth'
            ? actual === null || prior === null
              ? null
              : expectValue(growth(actual, prior))
            : actual;
        const goal = ind.target ?? ind.stretch ?? null;
        const expected = ind.paced ? e.value : 1;
        const light = status(ind.kind, a, goal, expected, plan.thresholds);
        // The row's data state decides first (SPEC §6): 16.5 in a 家 row is 数据有误, as validation says, not a light.
        const { state } = validateRow(
          ind,
          { actual: input.actual ?? null, prior: input.prior ?? null },
          { expected: e.value },
        );
        const shownIf = (r: CalcResult): Shown => (state === 'invalid' || !light.ok ? '' : readable(r));
        const want: RowResult = {
          attainment: shownIf(attainment(ind.kind, a, goal)),
          tier: shownIf(tier(ind.kind, a, ind.target ?? null, ind.stretch ?? null, expected)),
          pace: expected,
          status: state === 'invalid' ? '数据有误' : light.ok ? light.value : '无法计算',
        };
        // the validation module's light agrees as well
        expect(light.ok ? light.value : undefined).toBe(lightOf(ind, actual, prior, { expected: e.value }));
        for (const r of results) {
          const got = r.values.get(ind.code);
          for (const key of ['attainment', 'tier', 'pace', 'status'] as const) {
            if (!got || !close(got[key], want[key]))
              mismatches.push(
                `${r.mode}/${r.blankAs} ${ind.code} ${key}: got ${String(got?.[key])}, want ${String(want[key])}`,
              );
          }
        }
      }
      expect(mismatches).toEqual([]);
    });

    it('KPI and native formulas show the same in every cell', () => {
      const [first, ...rest] = results;
      for (const r of rest) expect(r.values).toEqual(first?.values);
    });

    it('never shows 未达确保 beside 绿: a paced row is 绿 exactly when its tier is ≥ 1 (SPEC §4)', () => {
      const contradictions: string[] = [];
      for (const r of results)
        for (const ind of campaign.indicators) {
          const got = r.values.get(ind.code);
          if (!got || typeof got.tier !== 'number') continue;
          const pacedRatio = ind.paced && ind.kind !== 'growth' && ind.kind !== 'rank';
          // the light is against the 确保 target (the 力争 target of a stretch-only row)
          const stretchOnly = ind.target === undefined && ind.stretch !== undefined;
          const reached = stretchOnly ? got.tier === 2 : got.tier >= 1;
          if ((got.status === 3 && got.tier === 0) || (pacedRatio && reached !== (got.status === 3)))
            contradictions.push(`${r.mode}/${r.blankAs} ${ind.code}: tier ${got.tier}, status ${String(got.status)}`);
        }
      expect(contradictions).toEqual([]);
    });

    it('shows "" and status 0 for rows not reported', () => {
      const blank = campaign.indicators.filter((ind) => !inputs.has(ind.code));
      expect(blank.length).toBeGreaterThan(0);
      for (const r of results)
        for (const ind of blank)
          expect(r.values.get(ind.code)).toEqual(expect.objectContaining({ attainment: '', tier: '', status: 0 }));
    });

    if (month === JUNE && campaign.id === 'C1') {
      it('C1-01: 3.2 of 7 亿美元 in June is 45.7%, 黄 (behind the 50% pace by less than 10 points)', () => {
        for (const r of results) {
          const got = r.values.get('C1-01');
          expect(got?.attainment).toBeCloseTo(3.2 / 7, 12);
          expect(got?.pace).toBe(0.5);
          expect(got?.tier).toBe(0);
          expect(got?.status).toBe(2);
        }
      });
    }

    if (month === JUNE && campaign.id === 'C2') {
      it('C2-09: growth 55 / 52 − 1 = 5.8% against 10% is 红', () => {
        for (const r of results) {
          const got = r.values.get('C2-09');
          expect(got?.attainment).toBeCloseTo(55 / 52 / 1.1, 12);
          expect(got?.tier).toBe(0);
          expect(got?.status).toBe(1);
        }
      });
    }
  },
);

/** The word a two-condition number format such as `[=2]"达力争";[=1]"达确保";"未达确保"` shows for a tier. */
function tierWord(format: string | undefined, tierValue: Shown): string {
  const m = /^\[=2\]"([^"]*)";\[=1\]"([^"]*)";"([^"]*)"$/.exec(format ?? '');
  if (!m) throw new Error(`not a tier format: ${String(format)}`);
  return tierValue === 2 ? (m[1] ?? '') : tierValue === 1 ? (m[2] ?? '') : (m[3] ?? '');
}

describe('issue "What leaders receive is right", observation 7: the paced tier', () => {
  // C2-01 腾退回收低效用地 (total, paced, 确保 2,000 亩, no 力争): 1,150 亩 is 57.5% of the annual target.
  const figures = new Map<string, PreviousValues>([['C2-01', { actual: 1150 }]]);
  const sheet = (mode: FormulaMode, month: number) => {
    const spec = reapplyValues(build('C2', mode, { month }), figures);
    const r = rowsByCode(spec).get('C2-01') ?? -1;
    return { got: evaluate(spec, 'null').get('C2-01'), format: numberFormatOf(spec, cellAt(spec, at('tier', r))) };
  };

  it.each(MODES)('in June (E = 50%%) C2-01 at 57.5%% is 绿 and 序时达确保, never 未达确保 (%s formulas)', (mode) => {
    const { got, format } = sheet(mode, JUNE);
    expect(got?.pace).toBe(0.5);
    expect(got?.status).toBe(3); // 绿
    expect(got?.tier).toBe(1);
    expect(tierWord(format, got?.tier ?? '')).toBe('序时达确保');
  });

  it.each(MODES)('in December (E = 100%%) the same 57.5%% is 红 and 未达确保 (%s formulas)', (mode) => {
    const { got, format } = sheet(mode, 12);
    expect(got?.pace).toBe(1);
    expect(got?.status).toBe(1); // 红
    expect(got?.tier).toBe(0);
    expect(tierWord(format, got?.tier ?? '')).toBe('未达确保');
  });

  it('C1-01 (确保 7, 力争 8 亿美元) in June: 序时达力争 from 4 = 8 × 50%, 序时达确保 from 3.5, 序时未达 below', () => {
    for (const mode of MODES)
      for (const [actual, word] of [
        [4, '序时达力争'],
        [3.5, '序时达确保'],
        [3.4, '序时未达'],
      ] as const) {
        const spec = reapplyValues(build('C1', mode), new Map([['C1-01', { actual }]]));
        const r = rowsByCode(spec).get('C1-01') ?? -1;
        const got = evaluate(spec, 'zero').get('C1-01');
        expect([mode, actual, tierWord(numberFormatOf(spec, cellAt(spec, at('tier', r))), got?.tier ?? '')]).toEqual([
          mode,
          actual,
          word,
        ]);
      }
  });

  it('uses the paced words only on paced rows before December; growth and rank keep the annual ones', () => {
    for (const month of [1, JUNE, 11, 12])
      for (const c of plan.campaigns) {
        const spec = build(c.id, 'native', { month });
        for (const [code, r] of rowsByCode(spec)) {
          const ind = c.indicators.find((i) => i.code === code);
          if (!ind) throw new Error(`no indicator ${code}`);
          const paced = ind.paced && ind.kind !== 'growth' && ind.kind !== 'rank' && month < 12;
          const format = numberFormatOf(spec, cellAt(spec, at('tier', r)));
          expect([code, month, [0, 1, 2].map((v) => tierWord(format, v))]).toEqual([
            code,
            month,
            paced
              ? ['序时未达', '序时达确保', '序时达力争']
              : [ind.target === undefined && ind.stretch !== undefined ? '未达力争' : '未达确保', '达确保', '达力争'],
          ]);
        }
      }
  });

  it('a growth or rank row a plan marks paced keeps the annual tier: its formula has no 序时进度, its words are annual', () => {
    const pacedAll: Plan = {
      ...plan,
      campaigns: plan.campaigns.map((c) => ({ ...c, indicators: c.indicators.map((i) => ({ ...i, paced: true })) })),
    };
    for (const mode of MODES) {
      const spec = buildTemplate({
        plan: pacedAll,
        campaignId: 'C2',
        department: '经信商务局',
        year: 2019,
        month: 6,
        mode,
      });
      const rows = rowsByCode(spec);
      for (const code of ['C2-04', 'C2-09']) {
        const r = rows.get(code) ?? -1;
        expect(cellAt(spec, at('tier', r)).formula).not.toContain(at('pace', r));
        expect(numberFormatOf(spec, cellAt(spec, at('tier', r)))).toBe('[=2]"达力争";[=1]"达确保";"未达确保"');
      }
      // a level row marked paced follows 序时进度 like any ratio kind
      const level = rows.get('C2-03') ?? -1;
      expect(cellAt(spec, at('tier', level)).formula).toContain(at('pace', level));
    }
  });
});

describe('formula engine: the samples cover every light and tier', () => {
  it('has 绿, 黄, 红, 未填报 and 数据有误 rows (16.5 in a 家 row), and every tier', () => {
    const lights = new Set<Shown>();
    const tiers = new Set<Shown>();
    for (const c of plan.campaigns) {
      for (const v of evaluate(reapplyValues(build(c.id, 'native'), sampleInputs(c)), 'null').values()) {
        lights.add(v.status);
        tiers.add(v.tier);
      }
    }
    expect([...lights].sort()).toEqual([0, 1, 2, 3, '数据有误']);
    expect([...tiers].sort()).toEqual(['', 0, 1, 2]);
  });
});

function expectValue(r: CalcResult): number {
  if (!r.ok) throw new Error(`expected a value, got ${JSON.stringify(r)}`);
  return r.value;
}
