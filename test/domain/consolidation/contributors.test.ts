import { consolidate, type Consolidation } from '../../../src/domain/consolidation/consolidate';
import type { IndicatorSummary } from '../../../src/domain/consolidation/aggregate';
import { detailSheet } from '../../../src/domain/consolidation/outputs';
import type { WhyNot } from '../../../src/domain/consolidation/rows';
import { builtinPlan } from '../../../src/domain/plan/builtin';
import { validateTemplateSheet } from '../../../src/domain/validation/validateSheet';
import { FINANCE, LEAD_C2, NDRC, contributorPlan, fillByCode, templateOf } from '../contributorPlan';
import { specToArray } from '../specToArray';
import { fileSource, sheetSource } from './fixtures';

/**
 * 配合部门 in 一键汇总 (SPEC §2, §6, §8; issue 11, observation 6): a contributing department reports its share of the
 * indicators it contributes to, on its own template; the share has no light or 滞后原因 of its own; `sum` and
 * `growth` add the shares, `single` takes the responsible department's figure only; the matrix expects each 配合部门.
 */

const plan = contributorPlan();

function row(r: Consolidation, code: string): IndicatorSummary {
  const s = r.campaigns.flatMap((c) => c.indicators).find((x) => x.code === code);
  if (!s) throw new Error(`no summary row ${code}`);
  return s;
}

const stateOf = (r: Consolidation, department: string, campaignId: string): string | undefined =>
  r.matrix.rows[r.matrix.departments.indexOf(department)]?.[r.matrix.campaignIds.indexOf(campaignId)]?.state;
const why = (r: Consolidation, code: string, department: string, field = 'actual'): (WhyNot | 'used')[] =>
  r.details
    .filter((d) => d.code === code && d.department === department && d.field === field)
    .map((d) => (d.used ? 'used' : (d.why ?? 'used')));

describe('issue 11, observation 6: 发展改革局’s share of 转型升级 is judged by the district total', () => {
  // June: E = 50%. C2-10 (新增国家高新技术企业, 确保 15 家, paced): 发展改革局's 6 alone would be 40% — 黄 against the
  // district's 15 — but with 经信商务局's 9 the district has 15: 100%, 绿.
  const ndrc = templateOf(plan, 'C2', NDRC);
  const lead = templateOf(plan, 'C2', LEAD_C2);
  const share = fillByCode(ndrc.grid, { 'C2-10': { actual: 6 } });
  const own = fillByCode(lead.grid, { 'C2-10': { actual: 9 } });

  it('the template header’s 配合部门 cell names the campaign’s contributors', () => {
    const M4 = (spec: typeof ndrc.spec) => specToArray(spec)[3]?.[12];
    expect(M4(lead.spec)).toBe(`${NDRC}、${FINANCE}`);
    expect(M4(ndrc.spec)).toBe(`${NDRC}、${FINANCE}`);
  });

  it('its share gets no 滞后原因 error: it has no light of its own', () => {
    const { template, problems } = validateTemplateSheet(share, plan);
    expect(problems.filter((p) => p.key === 'value.reasonMissing')).toEqual([]);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(template?.rows.find((r) => r.code === 'C2-10')?.numbers.actual).toBe(6);
  });

  it('一键汇总 adds the share: C2-10 is 15 家, 绿; the matrix shows 发展改革局 已报 and 财政局 未报', () => {
    const r = consolidate(plan, [sheetSource(own), fileSource('发展改革局.xlsx', share)]);
    expect(row(r, 'C2-10')).toMatchObject({ actual: 15, light: 3, counted: [NDRC, LEAD_C2].sort() });
    expect(stateOf(r, NDRC, 'C2')).toBe('submitted');
    expect(stateOf(r, FINANCE, 'C2')).toBe('missing');
    expect(r.problems.filter((p) => p.key === 'value.reasonMissing')).toEqual([]);
  });
});

describe('consolidating 配合部门’s shares', () => {
  const lead = fillByCode(templateOf(plan, 'C2', LEAD_C2).grid, {
    'C2-10': { actual: 9 },
    'C2-09': { actual: 110, prior: 100 },
    'C2-03': { actual: 30, reason: '亩均税收下降，正在清理低效企业' },
  });
  const ndrc = fillByCode(templateOf(plan, 'C2', NDRC).grid, {
    'C2-10': { actual: 6 },
    'C2-09': { actual: 55, prior: 50 },
    'C2-03': { actual: 5 },
  });
  const finance = fillByCode(templateOf(plan, 'C2', FINANCE).grid, { 'C2-10': { actual: 2 } });
  const r = consolidate(plan, [sheetSource(lead), sheetSource(ndrc), fileSource('财政局.xlsx', finance)]);

  it('sum adds every share: C2-10 = 9 + 6 + 2', () => {
    expect(row(r, 'C2-10')).toMatchObject({ actual: 17, counted: [FINANCE, NDRC, LEAD_C2].sort() });
    expect(why(r, 'C2-10', NDRC)).toEqual(['used']);
    expect(why(r, 'C2-10', FINANCE)).toEqual(['used']);
  });

  it('growth is Σ current / Σ prior − 1 over the responsible department and the shares', () => {
    const s = row(r, 'C2-09');
    expect([s.current, s.prior]).toEqual([165, 150]);
    expect(s.actual).toBeCloseTo(165 / 150 - 1, 12);
    expect(s.light).toBe(3); // 10% against 10%
    expect([why(r, 'C2-09', NDRC), why(r, 'C2-09', NDRC, 'prior')]).toEqual([['used'], ['used']]);
  });

  it('single takes the responsible department’s figure; the share is listed as not counted, not as a dissent', () => {
    expect(row(r, 'C2-03')).toMatchObject({ actual: 30, counted: [LEAD_C2] });
    expect(why(r, 'C2-03', NDRC)).toEqual(['shareOfSingle']);
    expect(r.problems.filter((p) => p.indicator === 'C2-03')).toEqual([]);
  });

  it('the light and the reasons are the district total’s: the responsible department’s reason', () => {
    expect(row(r, 'C2-03').light).toBe(1); // 30 of 35 万元/亩
    expect(row(r, 'C2-03').reasons.map((x) => x.department)).toEqual([LEAD_C2]);
  });

  it('expects and shows every 配合部门 of the campaign in the matrix: 已报 with a usable share', () => {
    expect(r.matrix.departments).toEqual(expect.arrayContaining([NDRC, FINANCE]));
    expect([stateOf(r, LEAD_C2, 'C2'), stateOf(r, NDRC, 'C2'), stateOf(r, FINANCE, 'C2')]).toEqual([
      'submitted',
      'submitted',
      'submitted',
    ]);
    // a 配合部门 is expected only for the campaigns it contributes to (发展改革局 leads 项目建设)
    expect(stateOf(r, FINANCE, 'C1')).toBe('notExpected');
    expect(stateOf(r, NDRC, 'C3')).toBe('missing');
    // a share that is not a number is 有误
    const wrong = fillByCode(templateOf(plan, 'C2', FINANCE).grid, { 'C2-10': { actual: '两家' } });
    expect(stateOf(consolidate(plan, [sheetSource(lead), sheetSource(wrong)]), FINANCE, 'C2')).toBe('invalid');
  });

  it('明细 says a counted share is added to the responsible department’s figure', () => {
    const detail = specToArray(detailSheet(r));
    const shares = detail.filter((cells) => cells[8] === '配合部门分担的数，与责任单位的数相加');
    expect(shares.map((cells) => [cells[2], cells[4], cells[6]])).toEqual([
      ['C2-09', NDRC, 55],
      ['C2-09', NDRC, 50],
      ['C2-10', NDRC, 6],
      ['C2-10', FINANCE, 2],
    ]);
    expect(detail.some((cells) => cells[2] === 'C2-03' && cells[4] === NDRC && String(cells[8]).includes('单一'))).toBe(
      true,
    );
  });

  it('an older sheet of a 配合部门 with every row: figures it does not contribute to and its reasons are not counted', () => {
    const old = fillByCode(templateOf(builtinPlan(), 'C2', NDRC).grid, {
      'C2-10': { actual: 6, reason: '我局配合指标进度慢' },
      'C2-01': { actual: 300 },
    });
    const o = consolidate(plan, [sheetSource(lead), sheetSource(old)]);
    expect(row(o, 'C2-10').actual).toBe(15);
    expect(row(o, 'C2-01').actual).toBeNull();
    expect(why(o, 'C2-01', NDRC)).toEqual(['notShared']);
    expect(why(o, 'C2-10', NDRC, 'reason')).toEqual(['shareReason']);
    expect(stateOf(o, NDRC, 'C2')).toBe('submitted');
  });
});
