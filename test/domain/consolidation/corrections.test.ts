import { consolidate, type Source } from '../../../src/domain/consolidation/consolidate';
import { detailSheet, summarySheet } from '../../../src/domain/consolidation/outputs';
import { encodePicks, mergePicks, picksOfMarker } from '../../../src/domain/consolidation/picks';
import {
  decideGroup,
  sourceStates,
  type ClaimState,
  type SourceClaim,
  type SourcePick,
} from '../../../src/domain/consolidation/sources';
import { PLAN, fileSource, fill, sheetSource, templateGrid } from './fixtures';
import { specToArray } from '../specToArray';

/**
 * SPEC §8 Corrections: the same department, campaign and period submitted twice — the submission saved last
 * supersedes the earlier one (已被更正, listed, not counted); equal or unknown save times are a conflict until the
 * office picks one (以此为准); a correction never blanks the campaign.
 */

const JUNE = { year: 2019, month: 6 };
const FIRST = '2019-07-03T01:00:00.000Z';
const LATER = '2019-07-04T02:30:00.000Z';
const C5 = '民生改善-社会发展局-6月';

describe('decideGroup: which of a department’s submissions counts', () => {
  const claim = (name: string, savedAt?: string): SourceClaim & { name: string } => ({
    name,
    department: '社会发展局',
    campaignId: 'C5',
    period: JUNE,
    origin: { kind: 'file', file: `${name}.xlsx`, sheet: C5 },
    ...(savedAt !== undefined ? { savedAt } : {}),
  });
  const pickOf = (name: string): SourcePick => ({
    department: '社会发展局',
    campaignId: 'C5',
    period: JUNE,
    origin: { kind: 'file', file: `${name}.xlsx`, sheet: C5 },
  });
  const names = <T extends { name: string }>(xs: readonly T[]): string[] => xs.map((x) => x.name);

  test.each([
    ['one submission', [claim('a')], undefined, 'a', undefined, []],
    ['the one saved last', [claim('a', FIRST), claim('b', LATER)], undefined, 'b', 'savedAt', []],
    ['in any order', [claim('b', LATER), claim('a', FIRST)], undefined, 'b', 'savedAt', []],
    ['equal times: a conflict', [claim('a', FIRST), claim('b', FIRST)], undefined, undefined, undefined, ['a', 'b']],
    ['an unknown time: a conflict', [claim('a', FIRST), claim('b')], undefined, undefined, undefined, ['a', 'b']],
    [
      'a time that is not a date is unknown',
      [claim('a', FIRST), claim('b', '昨天')],
      undefined,
      undefined,
      undefined,
      ['a', 'b'],
    ],
    ['equal times, a pick', [claim('a', FIRST), claim('b', FIRST)], pickOf('a'), 'a', 'pick', []],
    ['unknown times, a pick', [claim('a'), claim('b')], pickOf('b'), 'b', 'pick', []],
    ['a pick does not overrule a later save', [claim('a', FIRST), claim('b', LATER)], pickOf('a'), 'b', 'savedAt', []],
    [
      'the two latest tied: the earliest is out either way',
      [claim('a', FIRST), claim('b', LATER), claim('c', LATER)],
      undefined,
      undefined,
      undefined,
      ['b', 'c'],
    ],
    [
      'a pick of the earliest does not decide the tie of the later two',
      [claim('a', FIRST), claim('b', LATER), claim('c', LATER)],
      pickOf('a'),
      undefined,
      undefined,
      ['b', 'c'],
    ],
  ] as const)('%s', (_label, group, pick, winner, by, tied) => {
    const d = decideGroup(group, pick);
    expect([d.winner?.name, d.by, names(d.tied)]).toEqual([winner, by, tied]);
  });

  test('the preview’s states agree (sourceStates)', () => {
    const group = [claim('a', FIRST), claim('b', LATER), claim('c', LATER)];
    expect(sourceStates(group, JUNE)).toEqual<ClaimState[]>(['superseded', 'conflict', 'conflict']);
    expect(sourceStates(group, JUNE, [pickOf('c')])).toEqual<ClaimState[]>(['superseded', 'superseded', 'included']);
    expect(sourceStates([claim('a', FIRST), claim('b', LATER)], JUNE)).toEqual<ClaimState[]>([
      'superseded',
      'included',
    ]);
  });
});

/** 社会发展局's 民生改善 June file, and its resend “(更正)” with another figure. */
function resent(first: string | undefined, second: string | undefined): Source[] {
  const grid = (actual: number) =>
    fill(templateGrid('C5', '社会发展局'), { 'C5-01': { actual }, 'C5-02': { actual: 0.6 } });
  const saved = (s: Source, at: string | undefined): Source => (at === undefined ? s : { ...s, savedAt: at });
  return [
    saved(fileSource('民生改善.xlsx', grid(0.5)), first),
    saved(fileSource('民生改善(更正).xlsx', grid(0.55)), second),
  ];
}

const indicator = (r: ReturnType<typeof consolidate>, code: string) =>
  r.campaigns.flatMap((c) => c.indicators).find((i) => i.code === code);
const cellOf = (r: ReturnType<typeof consolidate>, department: string, campaignId: string) =>
  r.matrix.rows.flat().find((c) => c.department === department && c.campaignId === campaignId);

describe('consolidate: a correction resent by mail', () => {
  const r = consolidate(PLAN, resent(FIRST, LATER));

  test('the correction counts; the campaign is not blank', () => {
    expect(indicator(r, 'C5-01')).toMatchObject({ actual: 0.55, counted: ['社会发展局'] });
    expect(indicator(r, 'C5-02')?.actual).toBe(0.6);
    expect(r.campaigns.find((c) => c.id === 'C5')?.counts.none).toBeLessThan(6);
    expect(r.sources.map((s) => [s.origin.kind === 'file' && s.origin.file, s.state, s.savedAt])).toEqual([
      ['民生改善(更正).xlsx', 'included', LATER],
      ['民生改善.xlsx', 'superseded', FIRST],
    ]);
  });

  test('the earlier one stays in 明细 as 已被更正, not counted', () => {
    const earlier = r.details.filter((d) => d.origin.kind === 'file' && d.origin.file === '民生改善.xlsx');
    expect(earlier.map((d) => [d.code, d.value, d.used, d.why])).toEqual([
      ['C5-01', 0.5, false, 'superseded'],
      ['C5-02', 0.6, false, 'superseded'],
    ]);
    const rows = specToArray(detailSheet(r));
    const row = rows.find((x) => x.includes('民生改善.xlsx') && x.includes(0.5));
    expect(row?.some((v) => typeof v === 'string' && v.startsWith('已被更正'))).toBe(true);
  });

  test('a warning, not an error, names the correction that counts; the matrix notes 已更正', () => {
    const notices = r.problems.filter((p) => p.key === 'consolidation.superseded');
    expect(notices).toEqual([
      expect.objectContaining({
        severity: 'warning',
        origin: { kind: 'file', file: '民生改善.xlsx', sheet: C5 },
        params: expect.objectContaining({ by: `民生改善(更正).xlsx › “${C5}”` }),
      }),
    ]);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(cellOf(r, '社会发展局', 'C5')).toMatchObject({ state: 'submitted', corrected: true });
    const summary = specToArray(summarySheet(r, PLAN));
    expect(summary.flat()).toContain('已报（已更正）');
  });

  test('the result depends on the save times, not on the order the files come in', () => {
    const shuffled = consolidate(PLAN, [...resent(FIRST, LATER)].reverse());
    expect(shuffled).toEqual(r);
  });

  test('saved the other way round, the other one counts', () => {
    expect(indicator(consolidate(PLAN, resent(LATER, FIRST)), 'C5-01')?.actual).toBe(0.5);
  });
});

describe('consolidate: equal or unknown save times are a conflict until the office picks one', () => {
  const pick: SourcePick = {
    department: '社会发展局',
    campaignId: 'C5',
    period: JUNE,
    origin: { kind: 'file', file: '民生改善.xlsx', sheet: C5 },
  };

  test.each([
    ['equal times', FIRST, FIRST],
    ['unknown times', undefined, undefined],
  ])('%s: reported, those values not used', (_label, a, b) => {
    const r = consolidate(PLAN, resent(a, b));
    expect(r.sources.map((s) => s.state)).toEqual(['conflict', 'conflict']);
    expect(indicator(r, 'C5-01')?.actual).toBeNull();
    expect(cellOf(r, '社会发展局', 'C5')?.state).toBe('conflict');
    expect(r.problems.filter((p) => p.key === 'consolidation.conflict').length).toBe(2);
  });

  test('the pick counts, the other is superseded, and the pick is kept for the marker', () => {
    const r = consolidate(PLAN, resent(FIRST, FIRST), { picks: [pick] });
    expect(indicator(r, 'C5-01')?.actual).toBe(0.5);
    expect(r.sources.map((s) => s.state)).toEqual(['superseded', 'included']);
    expect(r.problems.map((p) => p.key)).toContain('consolidation.supersededByPick');
    expect(r.picks).toEqual([pick]);
    expect(picksOfMarker(summarySheet(r, PLAN).marker).picks).toEqual([pick]);
  });

  test('a sheet of the open workbook (no save time) and a file: a conflict; the pick decides', () => {
    const grid = fill(templateGrid('C5', '社会发展局'), { 'C5-01': { actual: 0.4 } });
    const sources = [sheetSource(grid), { ...fileSource('民生改善.xlsx', grid), savedAt: LATER }];
    expect(consolidate(PLAN, sources).sources.map((s) => s.state)).toEqual(['conflict', 'conflict']);
    const picked: SourcePick = { ...pick, origin: { kind: 'sheet', sheet: grid.name } };
    const r = consolidate(PLAN, sources, { picks: [picked] });
    expect(r.sources.map((s) => [s.origin.kind, s.state])).toEqual([
      ['sheet', 'included'],
      ['file', 'superseded'],
    ]);
  });

  test('a pick whose sheet is gone, or that a later correction overtook, is dropped with a notice', () => {
    const gone: SourcePick = { ...pick, origin: { kind: 'file', file: '民生改善.xlsx', sheet: '改了名' } };
    const r1 = consolidate(PLAN, resent(FIRST, FIRST), { picks: [gone] });
    expect(r1.picks).toBeUndefined();
    expect(r1.problems[0]).toMatchObject({ severity: 'warning', key: 'consolidation.pickGone' });
    expect(r1.sources.map((s) => s.state)).toEqual(['conflict', 'conflict']);
    const r2 = consolidate(PLAN, resent(FIRST, LATER), { picks: [pick] });
    expect(r2.picks).toBeUndefined();
    expect(r2.problems[0]).toMatchObject({
      key: 'consolidation.pickOvertaken',
      params: expect.objectContaining({ by: `民生改善(更正).xlsx › “${C5}”` }),
    });
    expect(indicator(r2, 'C5-01')?.actual).toBe(0.55);
  });

  test('a pick of a file not imported this time (a ribbon run reads no files), or of another month, is kept', () => {
    const notHere: SourcePick = { ...pick, origin: { kind: 'file', file: '未导入.xlsx', sheet: C5 } };
    const may: SourcePick = { ...pick, period: { year: 2019, month: 5 } };
    const r = consolidate(PLAN, [sheetSource(fill(templateGrid('C5', '社会发展局'), { 'C5-01': { actual: 0.4 } }))], {
      picks: [notHere, may],
    });
    expect(r.picks).toEqual(mergePicks([], [notHere, may]));
    expect(r.problems.filter((p) => p.key.startsWith('consolidation.pick'))).toEqual([]);
  });
});

describe('picks in the 汇总 marker', () => {
  const a: SourcePick = {
    department: '社会发展局',
    campaignId: 'C5',
    period: JUNE,
    origin: { kind: 'file', file: '=A1.xlsx', sheet: C5 },
  };
  const b: SourcePick = {
    department: '经信商务局',
    campaignId: 'C2',
    period: JUNE,
    origin: { kind: 'sheet', sheet: 'x' },
  };

  test('written and read back, in a content order', () => {
    expect(picksOfMarker({ type: 'kpi-summary', picks: encodePicks([b, a]) })).toEqual({
      picks: [a, b],
      unreadable: 0,
    });
    expect(encodePicks([a, b])).toBe(encodePicks([b, a]));
  });

  test('a new pick replaces the one for the same department, campaign and period', () => {
    const a2: SourcePick = { ...a, origin: { kind: 'sheet', sheet: C5 } };
    expect(mergePicks([a, b], [a2])).toEqual([a2, b]);
  });

  test('what cannot be read is counted, never silently forgotten', () => {
    expect(picksOfMarker({ type: 'kpi-summary' })).toEqual({ picks: [], unreadable: 0 });
    expect(picksOfMarker({ type: 'kpi-summary', picks: '[{"department":1}' })).toEqual({ picks: [], unreadable: 1 });
    expect(picksOfMarker({ type: 'kpi-summary', picks: `[{"x":1},${encodePicks([a]).slice(1)}` })).toEqual({
      picks: [a],
      unreadable: 1,
    });
  });
});

describe('明细 四、导入文件: each imported sheet with its save time and whether it counts', () => {
  test('the correction counts, the first sending is 已被更正, times in the office’s time (UTC+8, or the plan’s)', () => {
    const grid = fill(templateGrid('C2', '经信商务局'), { 'C2-01': { actual: 1000 } });
    const result = consolidate(
      PLAN,
      [
        { ...fileSource('经信甲.xlsx', grid), savedAt: '2019-07-03T01:00:00Z' },
        { ...fileSource('经信乙.xlsx', grid), savedAt: '2019-07-04T02:30:00Z' },
      ],
      { period: { year: 2019, month: 6 } },
    );
    const rows = (utc?: number) => {
      const grid2 = specToArray(utc === undefined ? detailSheet(result) : detailSheet(result, utc));
      const at = grid2.findIndex((r) => String(r[0] ?? '').startsWith('四、导入文件'));
      return {
        title: String(grid2[at]?.[0]),
        rows: grid2.slice(at + 2, at + 4).map((r) => r.filter((v) => v !== null)),
      };
    };
    const beijing = rows();
    expect(beijing.title).toContain('（2 张工作表；');
    expect(beijing.rows).toEqual([
      [
        1,
        '经信甲.xlsx',
        '转型升级-经信商务局-6月',
        '经信商务局',
        '转型升级',
        '2019年6月',
        '2019-07-03 09:00',
        expect.stringMatching(/^已被更正/),
      ],
      [2, '经信乙.xlsx', '转型升级-经信商务局-6月', '经信商务局', '转型升级', '2019年6月', '2019-07-04 10:30', '计入'],
    ]);
    expect(rows(0).rows.map((r) => r[6])).toEqual(['2019-07-03 01:00', '2019-07-04 02:30']);
    // no file imported: no such section
    const sheetsOnly = consolidate(PLAN, [sheetSource(grid)], { period: { year: 2019, month: 6 } });
    expect(specToArray(detailSheet(sheetsOnly)).some((r) => String(r[0] ?? '').startsWith('四、导入文件'))).toBe(false);
  });
});
