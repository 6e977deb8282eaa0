import { CATALOGUE, translatorFor } from '../messages';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { Consolidation as ConsolidationResult } from '../../src/domain/consolidation/consolidate';
import type { ConsolidationProblem } from '../../src/domain/consolidation/problems';
import { builtinPlan } from '../../src/domain/plan/builtin';
import { encodeMarker } from '../../src/domain/grid/ownSheets';
import { failureNotice } from '../../src/taskpane/features/Consolidation/lastRun';
import { defaultPeriod } from '../../src/domain/consolidation/sources';
import { detectSources, estimate, periodsOf } from '../../src/workbook/usecases/consolidationSources';
import {
  fileRows,
  problemItem,
  progressOf,
  resultView,
  sourceRows,
  type ImportedFile,
} from '../../src/taskpane/features/Consolidation/useConsolidation';
import { I18nProvider } from '../../src/taskpane/i18n';
import { NoticesProvider } from '../../src/taskpane/notices';
import { Shell } from '../../src/taskpane/shell/Shell';
import { WorkbookProvider } from '../../src/taskpane/workbookContext';
import type { SheetInfo } from '../../src/workbook/port';
import { FILE_PROBLEM_KEYS, type WorkbookConsolidation } from '../../src/workbook/usecases/consolidate';
import { refusingPort } from './fakePort';
import { renderConsolidation } from './renderPanel';
import { renderAll, visibleText } from './renderAll';

/** The 汇总 section: its view model as pure functions, and server-rendered smoke tests in both languages. */

const plan = builtinPlan();
const zh = translatorFor('zh-CN');
const en = translatorFor('en-US');
const C1 = '招大引强-投资促进中心-6月';
const C2 = '转型升级-经信商务局-6月';

const template = (campaign: string, department: string, month: number, year = 2019) => ({
  type: 'kpi-template',
  v: 1,
  plan: 'plan',
  campaign,
  department,
  year,
  month,
});
const sheets: SheetInfo[] = [
  { name: '指标库', position: 0, visible: true, marker: { type: 'kpi-plan' } },
  { name: C1, position: 1, visible: true, marker: template('C1', '投资促进中心', 6) },
  { name: C2, position: 2, visible: true, marker: template('C2', '经信商务局', 6) },
  { name: '经信5月', position: 3, visible: true, marker: template('C2', '经信商务局', 5) },
  { name: '汇总', position: 4, visible: true, marker: { type: 'kpi-summary' } },
  { name: 'Sheet1', position: 5, visible: true },
];
const file = (
  id: number,
  name: string,
  marker: Record<string, string | number> | undefined,
  problems: ImportedFile['parsed'] = undefined,
): ImportedFile => ({
  id,
  name,
  parsed: problems ?? {
    file: name,
    sheets: [{ name: '转型升级-经信商务局-6月', values: [[marker ? encodeMarker(marker) : '说明'], ['x']] }],
    problems: [],
  },
});

describe('view model: sources, periods, files', () => {
  const files = [file(1, '经信商务局.xlsx', template('C2', '经信商务局', 6)), file(2, '说明.xlsx', undefined)];
  const sources = detectSources(sheets, files);

  test('templates by marker (sheets and files); the plan sheet, outputs and plain sheets are not sources', () => {
    expect(sources.map((s) => s.origin)).toEqual([
      { kind: 'sheet', sheet: C1 },
      { kind: 'sheet', sheet: C2 },
      { kind: 'sheet', sheet: '经信5月' },
      { kind: 'file', file: '经信商务局.xlsx', sheet: '转型升级-经信商务局-6月' },
    ]);
    expect(sources[1]).toMatchObject({ campaignId: 'C2', department: '经信商务局', period: { year: 2019, month: 6 } });
  });

  test('periods latest first; the default is the latest of the plan year (a typed 2091 does not win)', () => {
    expect(periodsOf(sources)).toEqual([
      { year: 2019, month: 6 },
      { year: 2019, month: 5 },
    ]);
    const future = detectSources(
      [...sheets, { name: 'x', position: 9, visible: true, marker: template('C1', '投资促进中心', 1, 2091) }],
      [],
    );
    expect(defaultPeriod(periodsOf(future), 2019)).toEqual({ year: 2019, month: 6 });
    expect(defaultPeriod([], 2019)).toBeUndefined();
  });

  test('the estimate per source: used, another period, or submitted twice (sheet and file)', () => {
    expect([...estimate(sources, { year: 2019, month: 6 }).values()]).toEqual([
      'included',
      'conflict',
      'otherPeriod',
      'conflict',
    ]);
    expect([...estimate(sources, { year: 2019, month: 5 }).values()]).toEqual([
      'otherPeriod',
      'otherPeriod',
      'included',
      'otherPeriod',
    ]);
    const rows = sourceRows(sources, { year: 2019, month: 6 }, plan, zh, 'zh-CN');
    expect(rows[0]).toMatchObject({
      title: C1,
      line: '招大引强 · 投资促进中心 · 2019 年 6 月',
      estimateLabel: '将计入',
    });
    expect(rows[3]).toMatchObject({ title: '经信商务局.xlsx › 转型升级-经信商务局-6月', estimateLabel: '冲突' });
    expect(sourceRows(sources, { year: 2019, month: 6 }, plan, en, 'en-US')[0]?.line).toBe(
      'Investment attraction · 投资促进中心 · 6/2019',
    );
  });

  test('files: reading, their templates, a damaged file, a file without templates', () => {
    const damaged: ImportedFile = {
      id: 3,
      name: '坏.xlsx',
      parsed: { file: '坏.xlsx', sheets: [], problems: [{ code: 'fileUnreadable', detail: 'zip' }] },
    };
    const rows = fileRows([{ id: 4, name: '读取中.xlsx' }, ...files, damaged], sources, zh);
    // the state in words first: ✓ means read, not "no problems" (issue 11, observation 9)
    expect(rows.map((r) => [r.name, r.status, r.text])).toEqual([
      ['读取中.xlsx', 'parsing', '正在读取…'],
      ['经信商务局.xlsx', 'read', '已读取：1 张填报模板'],
      [
        '说明.xlsx',
        'readWithProblems',
        '已读取，有问题：文件“说明.xlsx”中没有填报模板（共 1 张工作表），可能发错了文件',
      ],
      [
        '坏.xlsx',
        'unreadable',
        '文件“坏.xlsx”无法读取（已损坏，或不是 Excel/WPS 工作簿；可读取 .xlsx、.xlsm、.xls、.xlsb、.ods、.et），未计入汇总',
      ],
    ]);
  });

  test('files after a run: the errors and warnings the run found in a file’s sheets make it "read, with problems"', () => {
    const found = new Map([['经信商务局.xlsx', { errors: 2, warnings: 1 }]]);
    const [row] = fileRows(files.slice(0, 1), sources, zh, 'zh-CN', found);
    expect([row?.status, row?.text]).toEqual([
      'readWithProblems',
      '已读取，有问题：1 张填报模板，汇总发现 2 个错误、1 个警告（见问题清单）',
    ]);
    const warned = fileRows(
      files.slice(0, 1),
      sources,
      en,
      'en-US',
      new Map([['经信商务局.xlsx', { errors: 0, warnings: 1 }]]),
    );
    expect([warned[0]?.status, warned[0]?.text]).toEqual([
      'read',
      'Read: 1 template, the summary found 0 errors and 1 warning (see the problem list)',
    ]);
  });
});

describe('view model: progress, problems, result, failures', () => {
  test('progress by stage, as a fraction and in words', () => {
    expect(progressOf('read', zh)).toEqual({ stage: 'read', value: 0.25, text: '第 1/4 步：读取工作表' });
    expect(progressOf('write', en)).toEqual({ stage: 'write', value: 1, text: 'Step 4 of 4: Writing the summary' });
  });

  const pasted: ConsolidationProblem = {
    severity: 'error',
    key: 'value.notANumberFix',
    params: { fieldKey: 'field.actual', text: '2.6亿', fix: 2.6 },
    field: 'actual',
    origin: { kind: 'sheet', sheet: C1 },
    cell: 'H8',
    indicator: 'C1-02',
    department: '投资促进中心',
    campaignId: 'C1',
  };
  const inFile: ConsolidationProblem = { ...pasted, origin: { kind: 'file', file: '发改局.xlsx', sheet: C1 } };
  const unreadable: ConsolidationProblem = {
    severity: 'error',
    key: FILE_PROBLEM_KEYS.fileUnreadable,
    params: { file: '坏.xlsx', sheet: '', detail: '' },
    field: 'submission',
    origin: { kind: 'file', file: '坏.xlsx', sheet: '' },
  };
  const missing: ConsolidationProblem = {
    severity: 'warning',
    key: 'consolidation.missing',
    params: { department: '社会发展局', campaign: '民生改善', year: 2019, month: 6 },
    field: 'submission',
  };

  test('a problem in this workbook leads to its cell; in a file, file › sheet › cell as text', () => {
    expect(problemItem(pasted, 0, plan, zh, 'zh-CN')).toEqual({
      id: '0',
      severity: 'error',
      severityLabel: '错误',
      text: `${C1}!H8 · C1-02 实际到位外资：累计完成“2.6亿”不是数字，建议改为 2.6`,
      goTo: { sheet: C1, cell: 'H8' },
    });
    const f = problemItem(inFile, 1, plan, zh, 'zh-CN');
    expect(f.text.startsWith(`发改局.xlsx › ${C1} › H8 · C1-02`)).toBe(true);
    expect(f.goTo).toBeUndefined();
    expect(problemItem(unreadable, 2, plan, zh, 'zh-CN').text).toBe(
      '坏.xlsx · 文件“坏.xlsx”无法读取（已损坏，或不是 Excel/WPS 工作簿；可读取 .xlsx、.xlsm、.xls、.xlsb、.ods、.et），未计入汇总',
    );
    expect(problemItem(missing, 3, plan, en, 'en-US')).toMatchObject({
      severityLabel: 'Warning',
      text: '社会发展局 has not submitted "民生改善" for 2019-6',
    });
  });

  test('the result: title, counts in words, what was left out and why, every problem', () => {
    const result = {
      period: { year: 2019, month: 6 },
      problems: [unreadable, pasted],
      sources: [
        {
          origin: { kind: 'sheet', sheet: C1 },
          state: 'included',
          department: '投资促进中心',
          campaignId: 'C1',
          errors: 1,
          warnings: 0,
        },
        {
          origin: { kind: 'sheet', sheet: '经信5月' },
          state: 'otherPeriod',
          department: '经信商务局',
          campaignId: 'C2',
          period: { year: 2019, month: 5 },
          errors: 0,
          warnings: 0,
        },
      ],
    } as unknown as ConsolidationResult;
    const outcome: WorkbookConsolidation = {
      result,
      summarySheet: '汇总',
      detailSheet: '明细',
      history: { recomputed: [{ year: 2019, month: 6 }], kept: [], state: 'written', sheet: '历史' },
      overdue: [],
      sections: {},
      counts: {
        workbookSheets: 6,
        files: 1,
        filesWithProblems: 1,
        sources: 2,
        used: 1,
        leftOut: { otherPeriod: 1, conflict: 0, structure: 0, noPeriod: 0, superseded: 0 },
        lights: { green: 3, yellow: 2, red: 1, none: 2, invalid: 1, doubtful: 1 },
        expected: 5,
        matrix: { submitted: 1, missing: 3, invalid: 1, conflict: 0, otherPeriod: 0, notExpected: 0 },
        corrected: 0,
        doubtful: 1,
        errors: 2,
        warnings: 0,
        details: 10,
        detailsUsed: 8,
      },
    };
    const at = new Date(2019, 6, 1, 9, 30, 5).getTime();
    const view = resultView(outcome, { source: 'ribbon', at }, plan, zh, 'zh-CN');
    expect(view.title).toBe('已生成“汇总”和“明细”');
    // 数据有误 and 待核实 beside the lights (SPEC §6; issue 11, observations 1 and 5)
    expect(view.text).toBe(
      '2019 年 6 月：计入 1 份报表，未计入 1 份；红灯 1 项，黄灯 2 项。数据有误 1 项，待核实 1 项，见“汇总”表的“数据状态”栏。',
    );
    expect(view.by).toBe('由功能区“一键汇总”于 09:30:05 生成。');
    expect(resultView(outcome, { source: 'ribbon', at }, plan, en, 'en-US').text).toContain(
      'Invalid data: 1 indicator; to be verified: 1 indicator (see the 数据状态 column of "汇总").',
    );
    expect(view.intent).toBe('warning');
    expect(view.pairs.map((p) => `${p.label}=${p.value}`)).toEqual([
      '报告期=2019 年 6 月',
      '计入的报表=1 / 2 份',
      '未计入=期别不符 1',
      '亮灯=绿 3，黄 2，红 1，未填报 2，数据有误 1，待核实 1',
      '报送情况=应报 5 份：已报 1，未报 3，有误 1，冲突 0，期别不符 0（已报中待核实 1）',
      '历史记录=据报表记入 1 个月，保留原记录 0 个月',
      '填报值=共 10 个，计入汇总 8 个',
      '导入文件=1 个，其中 1 个有问题',
      '问题=错误 2 个，警告 0 个',
    ]);
    expect(view.leftOut).toEqual(['经信5月（经信商务局）：报告期为 2019 年 5 月，不是本次汇总的报告期']);
    expect(view.problems.map((p) => p.goTo)).toEqual([undefined, { sheet: C1, cell: 'H8' }]);
  });

  test('failures as notices: a workbook refusal as every feature says it; an invalid 指标库 as a warning', () => {
    expect(failureNotice({ kind: 'port', code: 'sheetProtected', detail: '汇总' }, 'ribbon', zh)).toEqual({
      intent: 'error',
      title: '功能区“一键汇总”未完成',
      message: '工作表或工作簿结构受保护，无法写入；请先撤销保护（审阅 › 撤销工作表保护／保护工作簿）再试',
      detail: '汇总',
    });
    expect(failureNotice({ kind: 'port', code: 'unknown' }, 'pane', en)).toMatchObject({ title: 'Not done' });
    expect(failureNotice({ kind: 'planInvalid', sheet: '指标库', problems: 2 }, 'pane', zh)).toMatchObject({
      intent: 'warning',
      title: '未汇总：指标库有错误',
    });
  });

  test('a run refused because another writing action is in flight: a warning saying to wait, in both languages', () => {
    expect(failureNotice({ kind: 'busy', running: 'consolidation' }, 'pane', zh)).toEqual({
      intent: 'warning',
      title: '请稍候',
      message: '正在汇总，请等本次完成后再试',
    });
    expect(failureNotice({ kind: 'busy', running: 'consolidation' }, 'ribbon', en)).toMatchObject({
      message: 'Consolidation is running; please try again when it has finished',
    });
    expect(failureNotice({ kind: 'busy', running: 'templates' }, 'pane', zh)).toMatchObject({
      message: '正在写入模板或指标库，请等本次完成后再试',
    });
  });
});

const text = visibleText;

const render = renderConsolidation;

describe('Consolidation (server-rendered)', () => {
  test.each([
    ['zh-CN', ['汇总', '数据来源', '导入部门工作簿…', '报告期', '一键汇总', '尚未汇总']],
    [
      'en-US',
      ['Summary', 'Sources', 'Import department workbooks…', 'Report period', 'Consolidate', 'Not consolidated yet'],
    ],
  ] as const)(
    '%s: sources, import, period, the button and an empty live region, without touching the workbook',
    (locale, expected) => {
      const { html, calls } = render(locale);
      const t = text(html);
      for (const s of expected) expect(t).toContain(s);
      expect(t).not.toContain('即将提供');
      expect(html).toMatch(/<input[^>]*type="file"[^>]*multiple=""[^>]*accept=".xlsx,.xlsm,.xls,.xlsb,.ods,.et"/);
      expect(html).toContain('data-testid="consolidate"');
      expect(html).toMatch(/role="status" aria-live="polite"/);
      expect(calls).toEqual([]);
    },
  );

  test('the shell loads the panel lazily and shows it once loaded', async () => {
    const html = await renderAll(
      <I18nProvider locale="zh-CN" messages={CATALOGUE['zh-CN']}>
        <FluentProvider theme={webLightTheme}>
          <WorkbookProvider port={refusingPort()}>
            <NoticesProvider>
              <Shell host={{ language: 'zh-CN' }} theme={undefined} initialSection="consolidation" />
            </NoticesProvider>
          </WorkbookProvider>
        </FluentProvider>
      </I18nProvider>,
    );
    expect(text(html)).toContain('导入部门工作簿…');
    expect(text(html)).not.toContain('张善根'); // only the selected panel is rendered
  });
});
