import { renderPanel } from './renderPanel';
import { templateSheetNames } from '../../src/workbook/usecases/validationSession';
import { translatorFor } from '../messages';
import { visibleText } from './renderAll';
import type { Locale } from '../../src/domain/i18n/messages';
import { builtinPlan } from '../../src/domain/plan/builtin';
import { encodeMarker } from '../../src/domain/grid/ownSheets';
import type { SheetProblem } from '../../src/domain/grid/problems';
import { Validation } from '../../src/taskpane/features/Validation/Validation';
import {
  autoRevalidatedText,
  indicatorLabel,
  problemGroups,
  problemRow,
  summary,
} from '../../src/taskpane/features/Validation/useValidation';
import { groupBySheet, type ValidationReport } from '../../src/workbook/usecases/validateWorkbook';

/** The 校验 section: its view model as pure functions, and a server-rendered smoke test in both languages. */

const plan = builtinPlan();
const zh = translatorFor('zh-CN');
const en = translatorFor('en-US');
const S1 = '招大引强-投资促进中心-6月';
const S2 = '转型升级-经信商务局-6月';

const pasted: SheetProblem = {
  severity: 'error',
  sheet: S1,
  cell: 'H8',
  indicator: 'C1-02',
  field: 'actual',
  key: 'value.notANumberFix',
  params: { fieldKey: 'field.actual', text: '7亿', fix: 7 },
  fix: { cell: 'H8', value: 7 },
};
const noReason: SheetProblem = {
  severity: 'warning',
  sheet: S1,
  cell: 'N9',
  indicator: 'C1-03',
  field: 'reason',
  key: 'value.reasonMissing',
  params: { lightKey: 'light.2' },
};
const structural: SheetProblem = {
  severity: 'error',
  sheet: S2,
  cell: 'A2',
  field: 'structure',
  key: 'structure.keysRowMissing',
  params: {},
};

function report(problems: readonly SheetProblem[], checked = [S1, S2]): ValidationReport {
  const sheets = groupBySheet(problems, ['指标库', S1, S2]);
  return {
    read: ['指标库', S1, S2],
    scope: 'all',
    checked,
    sheets,
    errors: sheets.reduce((n, s) => n + s.errors, 0),
    warnings: sheets.reduce((n, s) => n + s.warnings, 0),
  };
}

describe('view model', () => {
  test('a problem row: "cell · code name: message", the fix as an accessible name', () => {
    const row = problemRow(pasted, 0, plan, zh, 'zh-CN');
    expect(row.text).toBe('H8 · C1-02 实际到位外资：累计完成“7亿”不是数字，建议改为 7');
    expect(row.severityLabel).toBe('错误');
    expect(row.fixLabel).toBe('修正：将 H8 改为 7');
    const enRow = problemRow(pasted, 0, plan, en, 'en-US');
    expect(enRow.text).toBe(
      'H8 · C1-02 Foreign investment actually received: Year-to-date actual "7亿" is not a number; suggested: 7',
    );
    expect(enRow.fixLabel).toBe('Fix: set H8 to 7');
    const s = problemRow(structural, 0, plan, zh, 'zh-CN');
    expect(s.text).toMatch(/^A2：找不到隐藏的列标识行/);
    expect(s.fixLabel).toBeUndefined();
    expect(indicatorLabel('X9-99', plan, 'zh-CN')).toBe('X9-99');
  });

  test('groups by sheet in tab order, counts by severity, errors first within a sheet; 指标库 problems first', () => {
    const planProblem: SheetProblem = {
      severity: 'error',
      sheet: '指标库',
      cell: 'J5',
      field: 'structure',
      key: 'plan.notANumber',
      params: { label: '确保目标', text: '七亿' },
    };
    const groups = problemGroups(report([structural, noReason, pasted]), [planProblem], plan, zh, 'zh-CN');
    expect(groups.map((g) => [g.sheet, g.errors, g.warnings, g.rows.map((r) => r.problem.cell)])).toEqual([
      ['指标库', 1, 0, ['J5']],
      [S1, 1, 1, ['H8', 'N9']],
      [S2, 1, 0, ['A2']],
    ]);
    expect(groups[1]?.rows[1]?.text).toBe('N9 · C1-03 引进市外内资：状态为黄，请填写滞后原因及措施');
  });

  test('summary: counts, or the empty state with the number of sheets checked', () => {
    expect(summary(report([pasted, noReason]), [], zh)).toEqual({
      clean: false,
      title: '已检查 2 张模板：错误 1 个，警告 1 个',
      text: '',
    });
    expect(summary(report([]), [], zh)).toEqual({
      clean: true,
      title: '未发现问题',
      text: '已检查 2 张模板，均未发现问题。',
    });
    expect(summary(report([], [S1]), [], en)).toEqual({
      clean: true,
      title: 'No problems found',
      text: 'Checked 1 template: no problems found.',
    });
  });

  test('the automatic re-validation line has a time and the sheets', () => {
    const at = new Date(2019, 5, 30, 14, 3, 7);
    expect(autoRevalidatedText(at, [S1, S2], zh, 'zh-CN')).toBe(`已自动重新校验（14:03:07）：${S1}、${S2}`);
    expect(autoRevalidatedText(at, [S1], en, 'en-US')).toBe(`Checked again automatically (14:03:07): ${S1}`);
  });

  test('the sheet picker lists template sheets only', () => {
    expect(
      templateSheetNames([
        { name: '指标库', position: 0, visible: true, marker: { type: 'kpi-plan' } },
        { name: S1, position: 1, visible: true, marker: { type: 'kpi-template', campaign: 'C1' } },
        { name: 'Sheet1', position: 2, visible: true },
      ]),
    ).toEqual([S1]);
    expect(encodeMarker({ type: 'kpi-template' })).toContain('kpi-template');
  });
});

function render(locale: Locale): { html: string; calls: string[] } {
  return renderPanel(locale, <Validation />);
}
const text = visibleText;

describe('Validation (server-rendered)', () => {
  test.each([
    ['zh-CN', ['校验', '工作表', '校验本表', '校验全部', '尚未校验', '填报时会自动重新校验']],
    ['en-US', ['Check', 'Sheet', 'Check this sheet', 'Check all', 'Not checked yet', 'checked again automatically']],
  ] as const)('%s: the controls and an empty live region, without touching the workbook', (locale, expected) => {
    const { html, calls } = render(locale);
    const t = text(html);
    for (const s of expected) expect(t).toContain(s);
    expect(html).toMatch(/role="status" aria-live="polite"/);
    expect(html).toContain('data-testid="check-all"');
    expect(calls).toEqual([]);
  });
});
