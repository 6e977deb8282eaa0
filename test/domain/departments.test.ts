import { builtinPlan } from '../../src/domain/plan/builtin';
import {
  campaignDepartments,
  contributesTo,
  contributorsOf,
  indicatorsFor,
  roleOf,
  splitDepartments,
} from '../../src/domain/plan/departments';
import type { Campaign } from '../../src/domain/plan/schema';

const plan = builtinPlan();
const C2 = plan.campaigns.find((c) => c.id === 'C2') as Campaign;

/** 转型升级 with 配合部门 as an office's 指标库 names them: 发展改革局 on C2-09 and C2-10, 财政局 on C2-10. */
const withContributors: Campaign = {
  ...C2,
  indicators: C2.indicators.map((i) =>
    i.code === 'C2-09'
      ? { ...i, contributors: ['发展改革局'] }
      : i.code === 'C2-10'
        ? { ...i, contributors: ['发展改革局', '财政局'] }
        : i,
  ),
};

describe('departments of a campaign (SPEC §2, §8)', () => {
  it('splits a cell of departments on 、，,；;/ and new lines, each once', () => {
    expect(splitDepartments(' 发展改革局、财政局,财政局；\n建设交通局 / ')).toEqual([
      '发展改革局',
      '财政局',
      '建设交通局',
    ]);
    expect(splitDepartments('  ')).toEqual([]);
  });

  it('the built-in 2019 plan names no 配合部门: each campaign has its lead department only', () => {
    for (const c of plan.campaigns) {
      expect(contributorsOf(c)).toEqual([]);
      expect(campaignDepartments(c)[0]).toEqual({ name: c.leadDepartment, role: 'lead' });
    }
  });

  it('lists lead, responsible and contributing departments, each once in its first role', () => {
    expect(campaignDepartments(withContributors)).toEqual([
      { name: '经信商务局', role: 'lead' },
      { name: '发展改革局', role: 'contributor' },
      { name: '财政局', role: 'contributor' },
    ]);
    expect(contributorsOf(withContributors)).toEqual(['发展改革局', '财政局']);
    expect(contributorsOf({ ...withContributors, supportDepartments: ['财政局', '统计局'] })).toEqual([
      '财政局',
      '统计局',
      '发展改革局',
    ]);
    expect(roleOf(withContributors, ' 发展改革局 ')).toBe('contributor');
    expect(roleOf(withContributors, '经信商务局')).toBe('lead');
    expect(roleOf(withContributors, '教育局')).toBeUndefined();
  });

  it('a contributing department’s template lists only the indicators it contributes to', () => {
    expect(indicatorsFor(withContributors, '发展改革局').map((i) => i.code)).toEqual(['C2-09', 'C2-10']);
    expect(indicatorsFor(withContributors, '财政局').map((i) => i.code)).toEqual(['C2-10']);
    expect(indicatorsFor(withContributors, '经信商务局')).toBe(withContributors.indicators);
    const ind = withContributors.indicators.find((i) => i.code === 'C2-10');
    expect(ind && [contributesTo(ind, '财政局'), contributesTo(ind, '经信商务局')]).toEqual([true, false]);
  });
});
