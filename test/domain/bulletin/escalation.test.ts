import fc from 'fast-check';
import type { Light } from '../../../src/domain/calc/calc';
import {
  DEFAULT_ESCALATION,
  lightRun,
  levelKey,
  lightRuns,
  runMessage,
  supervisionList,
  type EscalationLevel,
} from '../../../src/domain/bulletin/escalation';
import type { HistoryRecord } from '../../../src/domain/bulletin/history';
import { BULLETIN_EN } from '../../../src/domain/i18n/bulletin.en';
import { BULLETIN_ZH } from '../../../src/domain/i18n/bulletin.zh';
import { describeProblem } from '../../../src/domain/i18n/messages';
import { rec } from './records';

/** Lights of one indicator from January: 3 绿 2 黄 1 红 0 未填报, 'x' 数据有误, '-' no record. */
type Month = Light | 'x' | '-';
function monthsOf(code: string, lights: readonly Month[], department = '经信商务局'): HistoryRecord[] {
  return lights.flatMap((l, i) =>
    l === '-'
      ? []
      : [
          l === 'x'
            ? rec(code, i + 1, null, { dataState: 'invalid', attainment: null, department })
            : rec(code, i + 1, l, { department, reason: `${i + 1}月原因` }),
        ],
  );
}
const period = (month: number) => ({ year: 2019, month });

describe('escalation (SPEC §10): 督办 after 2 reported months 黄/红, 效能监察 after 3 红', () => {
  it.each<[string, Month[], number, number, EscalationLevel]>([
    ['one 黄', [3, 2], 1, 0, 'none'],
    ['黄 黄', [3, 2, 2], 2, 0, 'supervision'],
    ['红 黄', [1, 2], 2, 0, 'supervision'],
    ['黄 红', [2, 1], 2, 1, 'supervision'],
    ['红 红', [1, 1], 2, 2, 'supervision'],
    ['红 红 红', [1, 1, 1], 3, 3, 'inspection'],
    ['黄 红 红 红', [2, 1, 1, 1], 4, 3, 'inspection'],
    ['红 黄 红 红: the 红 run is 2', [1, 2, 1, 1], 4, 2, 'supervision'],
    ['绿 breaks a run', [1, 1, 3, 1], 1, 1, 'none'],
    ['back to 绿 this month', [1, 1, 1, 3], 0, 0, 'none'],
    ['未填报 is skipped, never clears a run', [1, 0, 1, 1], 3, 3, 'inspection'],
    ['数据有误 and a missing month are skipped', [1, 'x', 1, '-', 1], 3, 3, 'inspection'],
    ['未填报 this month: not listed', [1, 1, 1, 0], 0, 0, 'none'],
  ])('%s', (_case, lights, yellowOrRed, red, level) => {
    const run = lightRun(monthsOf('C1-01', lights), 'C1-01', period(lights.length));
    expect([run?.yellowOrRed, run?.red, run?.level]).toEqual([yellowOrRed, red, level]);
    expect(run?.months.length).toBe(yellowOrRed);
  });

  it('the run lists each month with its light and reason, oldest first', () => {
    const run = lightRun(monthsOf('C1-01', [3, 2, 0, 1]), 'C1-01', period(4));
    expect(run?.months.map((m) => [m.month, m.light, m.reason])).toEqual([
      [2, 2, '2月原因'],
      [4, 1, '4月原因'],
    ]);
  });

  it('settings change the counts; months after the period are not looked at', () => {
    const history = monthsOf('C1-01', [1, 1, 3, 3]);
    expect(lightRun(history, 'C1-01', period(2), { supervisionAfter: 3, inspectionAfter: 2 })?.level).toBe(
      'inspection',
    );
    expect(lightRun(history, 'C1-01', period(2), { supervisionAfter: 3, inspectionAfter: 4 })?.level).toBe('none');
    expect(lightRun(history, 'C1-01', period(5))).toBeUndefined();
  });

  it('督办清单: 效能监察 first, then the longest run, then department and code', () => {
    const history = [
      ...monthsOf('C1-01', [3, 2, 2], '经信商务局'),
      ...monthsOf('C1-02', [2, 2, 2], '发展改革局'),
      ...monthsOf('C2-01', [1, 1, 1], '建设交通局'),
      ...monthsOf('C2-02', [3, 3, 1], '建设交通局'),
    ];
    expect(supervisionList(history, period(3)).map((i) => [i.code, i.department, i.level, i.yellowOrRed])).toEqual([
      ['C2-01', '建设交通局', 'inspection', 3],
      ['C1-02', '发展改革局', 'supervision', 3],
      ['C1-01', '经信商务局', 'supervision', 2],
    ]);
    expect(lightRuns(history, period(3)).map((r) => r.code)).toEqual(['C1-01', 'C1-02', 'C2-01', 'C2-02']);
  });

  it('a run in words, in both languages', () => {
    const list = supervisionList(
      [...monthsOf('C1-01', [3, 2, 1]), ...monthsOf('C2-01', [1, 1, 1], '建设交通局')],
      period(3),
    );
    expect(list.map((i) => [BULLETIN_ZH[levelKey(i.level)], describeProblem(runMessage(i), BULLETIN_ZH)])).toEqual([
      ['效能监察', '连续 3 个月红灯'],
      ['督办', '连续 2 个月黄灯或红灯'],
    ]);
    const second = list[1];
    expect(second && describeProblem(runMessage(second), BULLETIN_EN)).toBe('yellow or red for 2 months in a row');
  });

  const LEVEL = { none: 0, supervision: 1, inspection: 2 } as const;
  const month = fc.constantFrom<Month>(0, 1, 2, 3, 'x', '-');
  const worse = (m: Month): Month => (m === 3 ? 2 : m === 2 ? 1 : m);

  it('is monotone: a worse light in any month never lowers the level (property)', () => {
    fc.assert(
      fc.property(fc.array(month, { minLength: 1, maxLength: 12 }), fc.nat(11), (lights, i) => {
        const at = i % lights.length;
        const worsened = lights.map((m, j) => (j === at ? worse(m) : m));
        const level = (ls: Month[]) =>
          LEVEL[lightRun(monthsOf('C1-01', ls), 'C1-01', period(ls.length))?.level ?? 'none'];
        expect(level(worsened)).toBeGreaterThanOrEqual(level(lights));
      }),
    );
  });

  it('one more 红 month extends both runs by one (property)', () => {
    fc.assert(
      fc.property(fc.array(month, { minLength: 1, maxLength: 11 }), (lights) => {
        const history = monthsOf('C1-01', [...lights, 1]);
        const before = lightRun(history, 'C1-01', period(lights.length), DEFAULT_ESCALATION);
        const after = lightRun(history, 'C1-01', period(lights.length + 1), DEFAULT_ESCALATION);
        const lagging = before !== undefined && (before.months.length > 0 || before.yellowOrRed > 0);
        // a run before counts only when that month itself was 黄/红; otherwise the new one starts (or bridges) anew
        if (lagging) {
          expect(after?.yellowOrRed).toBe((before?.yellowOrRed ?? 0) + 1);
          expect(after?.red).toBe(lights.at(-1) === 1 ? (before?.red ?? 0) + 1 : 1);
        } else expect(after?.yellowOrRed).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});
