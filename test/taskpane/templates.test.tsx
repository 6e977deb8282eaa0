import { renderPanel } from './renderPanel';
import { translatorFor } from '../messages';
import { visibleText } from './renderAll';
import type { Locale } from '../../src/domain/i18n/messages';
import { builtinPlan } from '../../src/domain/plan/builtin';
import type { Campaign } from '../../src/domain/plan/schema';
import { defaultReportMonth } from '../../src/domain/validation/period';
import { Templates } from '../../src/taskpane/features/Templates/Templates';
import {
  departmentOptions,
  formForPlan,
  initialForm,
  insertPlanNotices,
  insertTemplateNotices,
  templateOptions,
  updateTemplateNotices,
  withCampaign,
} from '../../src/taskpane/features/Templates/useTemplates';
import { planStatus } from '../../src/taskpane/planStatus';

/** The 模板 section: its logic as pure functions, and a server-rendered smoke test in both languages. */

const plan = builtinPlan();
const zh = translatorFor('zh-CN');
const en = translatorFor('en-US');
const campaign = (id: string): Campaign => {
  const c = plan.campaigns.find((x) => x.id === id);
  if (!c) throw new Error(id);
  return c;
};

describe('the form', () => {
  test('departments: 牵头部门 first, then 责任单位 and 配合部门, each once, lists split', () => {
    expect(departmentOptions(campaign('C2'))).toEqual(['经信商务局']);
    const mixed: Campaign = {
      ...campaign('C2'),
      supportDepartments: ['发展改革局', '经信商务局'],
      indicators: campaign('C2').indicators.map((i, n) =>
        n === 1 ? { ...i, department: '社会发展局、 建设交通局' } : i,
      ),
    };
    expect(departmentOptions(mixed)).toEqual(['经信商务局', '社会发展局', '建设交通局', '发展改革局']);
  });

  // SPEC §5: the last completed month, kept within the plan's year (issue 11, observation 3: early July gave 7月)
  test.each([
    [2019, new Date(2019, 6, 3), 6],
    [2019, new Date(2019, 5, 15), 5],
    [2019, new Date(2019, 11, 31), 11],
    [2019, new Date(2019, 1, 1), 1],
    [2019, new Date(2019, 0, 1), 1],
    [2019, new Date(2020, 2, 1), 12],
    [2019, new Date(2018, 11, 31), 1],
  ])('default report month for plan year %i on %s: %i', (year, today, month) => {
    expect(defaultReportMonth(year, today)).toBe(month);
  });

  test('initial form, choosing a campaign resets the department to its 牵头部门, a new plan keeps what still exists', () => {
    const form = initialForm(plan, new Date(2019, 6, 5)); // early July: the June report
    expect(form).toEqual({ campaignId: 'C1', department: '投资促进中心', month: 6, mode: 'kpi' });
    const c2 = withCampaign({ ...form, month: 9, mode: 'native' }, plan, 'C2');
    expect(c2).toEqual({ campaignId: 'C2', department: '经信商务局', month: 9, mode: 'native' });
    expect(withCampaign(form, plan, 'C9')).toBe(form);
    expect(formForPlan(c2, plan)).toEqual(c2);
    const withoutC2 = { ...plan, campaigns: plan.campaigns.filter((c) => c.id !== 'C2') };
    expect(formForPlan(c2, withoutC2)).toEqual({
      campaignId: 'C1',
      department: '投资促进中心',
      month: 9,
      mode: 'native',
    });
  });
});

describe('notices', () => {
  test('inserted: names the sheet and the selected cell', () => {
    expect(
      insertTemplateNotices({ outcome: 'inserted', sheet: '转型升级-经信商务局-6月', selected: 'H7' }, zh),
    ).toEqual([
      { intent: 'success', title: '已插入模板', message: '已插入“转型升级-经信商务局-6月”并选中 H7，可以开始填报。' },
    ]);
  });

  test('re-applied: counts the values kept, and lists those without a place (never silently dropped)', () => {
    const unplaced = Array.from({ length: 7 }, (_, i) => ({
      code: `C1-0${i + 1}`,
      field: 'actual' as const,
      value: i,
      why: 'unknownCode' as const,
    }));
    const [done, warning] = insertTemplateNotices(
      { outcome: 'reapplied', sheet: '投促6月', selected: 'H7', kept: 3, unplaced },
      zh,
    );
    expect(done).toEqual({
      intent: 'success',
      title: '已重新应用模板',
      message: '“投促6月”已按当前计划重建，保留已填数值 3 个。',
    });
    expect(warning?.intent).toBe('warning');
    expect(warning?.message).toBe(
      '7 个已填数值在新模板中没有位置，未写入：C1-01 累计完成 0（指标已不在计划中）；C1-02 累计完成 1（指标已不在计划中）；C1-03 累计完成 2（指标已不在计划中）；C1-04 累计完成 3（指标已不在计划中）；C1-05 累计完成 4（指标已不在计划中） …',
    );
    const [, en1] = insertTemplateNotices(
      {
        outcome: 'reapplied',
        sheet: 'S',
        selected: 'H7',
        kept: 0,
        unplaced: [{ code: 'C2-09', field: 'prior', value: 50, why: 'notAnInput' }],
      },
      en,
    );
    expect(en1?.message).toBe(
      '1 entered value has no place in the new template and was not written: C2-09 Prior-year value 50 (that column is no longer an input)',
    );
    expect(
      insertTemplateNotices({ outcome: 'reapplied', sheet: 'S', selected: 'H7', kept: 2, unplaced: [] }, en),
    ).toHaveLength(1);
  });

  test('updated: the new period, the rename, what was kept; refusals say why and that nothing changed', () => {
    const july = { year: 2019, month: 7 };
    const updated = {
      outcome: 'updated',
      sheet: '招大引强-投资促进中心-7月',
      renamedFrom: '招大引强-投资促进中心-6月',
      selected: 'H7',
      kept: 4,
      unplaced: [],
    } as const;
    expect(updateTemplateNotices(updated, july, plan, zh)).toEqual([
      {
        intent: 'success',
        title: '已更新模板',
        message:
          '“招大引强-投资促进中心-6月”已改为 2019 年 7 月并更名为“招大引强-投资促进中心-7月”，按当前计划重建，保留已填数值 4 个。',
      },
    ]);
    const { renamedFrom: _r, ...kept } = updated;
    expect(updateTemplateNotices({ ...kept, sheet: '投促月报' }, july, plan, en)[0]?.message).toBe(
      '"投促月报" now reports 7/2019, rebuilt from the current plan, keeping 4 values already entered.',
    );
    expect(
      updateTemplateNotices(
        { ...updated, unplaced: [{ code: 'C1-09', field: 'actual', value: 1, why: 'unknownCode' }] },
        july,
        plan,
        zh,
      ),
    ).toHaveLength(2);
    expect(
      updateTemplateNotices({ outcome: 'periodTaken', sheet: '投促6月', other: '投促7月' }, july, plan, zh),
    ).toEqual([
      {
        intent: 'warning',
        title: '未更新模板',
        message: '“投促7月”已是该攻坚战和填报单位 2019 年 7 月的模板；为免两表冲突，“投促6月”未作更改。',
      },
    ]);
    expect(
      updateTemplateNotices({ outcome: 'campaignMissing', sheet: 'S', campaignId: 'C9' }, july, plan, zh)[0]?.message,
    ).toBe('“S”所属的攻坚战（C9）不在当前计划中，未作更改。');
    expect(updateTemplateNotices({ outcome: 'notATemplate', sheet: 'S' }, july, plan, en)[0]?.message).toContain(
      'no longer one of this add-in',
    );
    expect(updateTemplateNotices({ outcome: 'unreadable', sheet: 'S' }, july, plan, zh)[0]?.title).toBe('未更新模板');
  });

  test('the update list names each template with its campaign, department and period', () => {
    const sheets = [{ name: '投促6月', campaignId: 'C1', department: '投资促进中心', year: 2019, month: 6 }];
    expect(templateOptions(sheets, plan, 'zh-CN', zh)).toEqual([
      { name: '投促6月', label: '2019 年 6 月 · 招大引强 · 投资促进中心（投促6月）' },
    ]);
    expect(templateOptions(sheets, plan, 'en-US', en)[0]?.label).toBe(
      '6/2019 · Investment attraction · 投资促进中心 (投促6月)',
    );
  });

  test('unreadable and the plan sheet', () => {
    expect(insertTemplateNotices({ outcome: 'unreadable', sheet: 'S' }, zh)[0]).toMatchObject({
      intent: 'warning',
      title: '未重新应用模板',
    });
    expect(insertPlanNotices({ outcome: 'inserted', sheet: '指标库' }, zh)[0]?.message).toContain('已插入“指标库”');
    expect(insertPlanNotices({ outcome: 'exists', sheet: '2019指标' }, en)[0]).toMatchObject({
      intent: 'info',
      message: expect.stringContaining('"2019指标"'),
    });
  });

  test('plan status: built in, from the sheet, or the sheet with its problems and the built-in plan', () => {
    expect(planStatus({ plan, source: 'builtin', problems: [] }, zh)).toEqual({
      intent: 'info',
      text: `使用内置计划：${plan.title}（2019 年）`,
      problems: [],
      more: 0,
    });
    expect(planStatus({ plan, source: 'sheet', sheet: '指标库', problems: [] }, zh).text).toBe(
      '使用工作簿中的指标库“指标库”（2019 年）',
    );
    const problems = Array.from({ length: 6 }, (_, i) => ({
      severity: 'error' as const,
      sheet: '指标库',
      cell: `J${5 + i}`,
      field: 'structure' as const,
      key: 'plan.notANumber' as const,
      params: { label: '确保目标', text: '七亿' },
    }));
    const s = planStatus({ plan, source: 'builtin', sheet: '指标库', problems }, zh);
    expect(s.intent).toBe('warning');
    expect(s.text).toBe('工作簿中的指标库“指标库”有 6 个问题，暂用内置计划。请修改以下单元格：');
    expect(s.problems[0]).toBe('J5：“确保目标”应为数字，当前为“七亿”');
    expect([s.problems.length, s.more]).toEqual([5, 1]);
  });
});

function render(locale: Locale): string {
  return renderPanel(locale, <Templates plan={plan} />).html;
}
const text = visibleText;

describe('Templates (server-rendered)', () => {
  test('zh-CN: the five campaigns as radios, department, month, mode, the two actions', () => {
    const html = render('zh-CN');
    const t = text(html);
    expect(html.match(/type="radio"/g)).toHaveLength(5 + 2);
    expect(t).toMatch(/转型升级 指挥长 周志祥 牵头部门 经信商务局 指标数 14/);
    expect(t).toContain('填报单位');
    expect(t).toContain('投资促进中心');
    expect(t).toMatch(/报告月份 2019 年 \d+ 月/);
    expect(t).toContain('KPI 自定义函数');
    expect(t).toContain('原生公式');
    expect(t).toContain('插入模板');
    expect(t).toContain('插入指标库');
    expect(t).toContain('正在读取工作簿中的指标库'); // until the workbook has been read (effects do not run here)
    expect(html.match(/role="radiogroup" aria-labelledby=/g)).toHaveLength(2); // campaigns, formula mode: each labelled
    // 填报单位, 报告月份 and the template to update: native selects, each labelled
    expect(html.match(/<select /g)).toHaveLength(3);
    expect(html).toMatch(/<label for="([^"]+)"[^>]*>填报单位<\/label>/);
    expect(html).toMatch(/<label for="([^"]+)"[^>]*>要更新的模板<\/label>/);
    // until the workbook has been read there is no template to update: the list says so, the button waits
    expect(t).toContain('更新已有模板');
    expect(t).toContain('工作簿中还没有模板');
    expect(html).toMatch(
      /<button[^>]*aria-disabled="true"[^>]*data-testid="update-template"|<button[^>]*data-testid="update-template"[^>]*aria-disabled="true"/,
    );
  });

  test('en-US', () => {
    const t = text(render('en-US'));
    expect(t).toMatch(/Industrial upgrading Commander 周志祥 Lead department 经信商务局 Indicators 14/);
    for (const s of [
      'Reporting department',
      'Report month',
      'KPI custom functions',
      'Native formulas',
      'Insert template',
      'Insert plan sheet',
      'Update an existing template',
      'No templates in this workbook yet',
    ])
      expect(t).toContain(s);
    expect(t).not.toContain('插入模板');
  });
});
