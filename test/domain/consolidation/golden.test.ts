import fs from 'fs';
import path from 'path';
import { consolidate, type ConsolidateOptions, type Source } from '../../../src/domain/consolidation/consolidate';
import type { SourcePick } from '../../../src/domain/consolidation/sources';
import { detailSheet, summarySheet } from '../../../src/domain/consolidation/outputs';
import type { Plan } from '../../../src/domain/plan/schema';
import { PLAN, fileSource, fill, insertColumn, put, sheetSource, templateGrid, type Grid } from './fixtures';
import { FINANCE, LEAD_C2, NDRC, contributorPlan, fillByCode, templateOf } from '../contributorPlan';

/**
 * Golden files: the consolidation and the 汇总 and 明细 specs of a few fixed sets of sources, byte for byte. They
 * pin the output while the code that makes it is reorganised; a deliberate change of the output regenerates them
 * with UPDATE_GOLDEN=1 and shows in the diff.
 */

const GOLDEN = path.join(__dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

const LEAD = { C1: '投资促进中心', C2: '经信商务局', C3: '发展改革局', C4: '建设交通局', C5: '社会发展局' } as const;

function sheet(
  campaignId: keyof typeof LEAD,
  values: Parameters<typeof fill>[1],
  options: { department?: string; month?: number; year?: number; name?: string } = {},
): Grid {
  return fill(templateGrid(campaignId, options.department ?? LEAD[campaignId], options), values);
}

/** Five departments' June reports, one of May in a file; reasons that look like formulas; an invalid figure. */
function june(): Source[] {
  return [
    sheetSource(
      sheet('C1', {
        'C1-01': { actual: 3, reason: '=HYPERLINK("http://x")' },
        'C1-02': { actual: 1, reason: '外资到位慢' },
        'C1-03': { actual: '约30' },
        'C1-05': { actual: 1 },
      }),
    ),
    sheetSource(sheet('C1', { 'C1-01': { actual: 1.25, reason: '+配合' } }, { department: LEAD.C2 })),
    sheetSource(
      sheet('C2', {
        'C2-09': { actual: 110, prior: 100 },
        'C2-03': { actual: 30, reason: '-下降' },
        'C2-04': { actual: 2 },
      }),
    ),
    sheetSource(
      sheet(
        'C2',
        { 'C2-09': { actual: 50, prior: 40 }, 'C2-03': { actual: 31 } },
        { department: LEAD.C3, name: "发改's 表" },
      ),
    ),
    fileSource('发展改革局.xlsx', sheet('C3', { 'C3-01': { actual: 1 } }, { month: 5 })),
  ];
}

/** Every way a source can go wrong, side by side with sheets that are fine. */
function troubles(): Source[] {
  const copied = sheet('C4', { 'C4-01': { actual: 5 } }, { name: '建设交通局 6月' });
  return [
    // Conflicts: two different sheets of one department, and a sheet with its copy in a file.
    sheetSource(sheet('C1', { 'C1-01': { actual: 3 } }, { name: '甲' })),
    sheetSource(sheet('C1', { 'C1-01': { actual: 4, reason: '更正' } }, { name: '乙' })),
    sheetSource(copied),
    fileSource('copy.xlsx', copied),
    // single: a second department that differs, one that agrees, and the responsible one.
    sheetSource(
      sheet('C2', { 'C2-03': { actual: 30, reason: '原因' }, 'C2-09': { actual: 120 }, 'C2-04': { actual: 4 } }),
    ),
    // Lagging without a reason (above: a rank below its place), a milestone behind, a growth over a zero prior.
    sheetSource(
      sheet(
        'C3',
        { 'C3-03': { actual: 0.45 }, 'C3-01': { actual: 1 } },
        { department: LEAD.C4, name: '项目 建设交通局' },
      ),
    ),
    fileSource('零.xlsx', sheet('C2', { 'C2-09': { actual: 5, prior: 0 } }, { department: LEAD.C5 })),
    sheetSource(sheet('C2', { 'C2-03': { actual: 31, reason: '不是我的' } }, { department: LEAD.C3 })),
    sheetSource(sheet('C2', { 'C2-03': { actual: 30 } }, { department: '外来单位', name: '=外来' })),
    // Structure: an unknown code, a blanked keys row, a displaced marker; an unreadable period.
    sheetSource(put(sheet('C3', { 'C3-01': { actual: 3 } }), { B8: 'C9-99' })),
    sheetSource(
      put(
        sheet('C3', { 'C3-01': { actual: 3 } }, { department: LEAD.C1 }),
        Object.fromEntries('ABCDEFGHIJKLMNO'.split('').map((c) => [`${c}2`, null])),
      ),
    ),
    sheetSource(insertColumn(sheet('C5', { 'C5-01': { actual: 3 } }, { department: LEAD.C2 }), 1)),
    sheetSource(put(sheet('C5', { 'C5-01': { actual: 2 } }), { F5: '六月' })),
    // Values: a prior on a non-growth row, a boolean, a blank text, a number as a reason; a mistyped year.
    sheetSource(
      put(sheet('C1', { 'C1-02': { actual: true, reason: 7 }, 'C1-03': { actual: ' ' } }, { department: LEAD.C3 }), {
        I7: 2,
      }),
    ),
    sheetSource(sheet('C1', { 'C1-01': { actual: 2 } }, { year: 2091, department: LEAD.C4 })),
    fileSource(
      '五月.xlsx',
      sheet('C4', { 'C4-01': { actual: 1, reason: '五月的原因' } }, { month: 5, department: LEAD.C5 }),
    ),
  ];
}

/**
 * Sheets that cannot be read, claiming by their markers what readable sheets claim: beside two readable ones (a
 * conflict, itself included) and beside one (no conflict: it is only broken).
 */
function unreadableRivals(): Source[] {
  const unreadable = (grid: Grid): Grid =>
    put(grid, Object.fromEntries('ABCDEFGHIJKLMNO'.split('').map((c) => [`${c}2`, null])));
  return [
    sheetSource(sheet('C1', { 'C1-01': { actual: 3 } }, { name: '甲' })),
    sheetSource(sheet('C1', { 'C1-01': { actual: 3 } }, { name: '乙' })),
    sheetSource(unreadable(sheet('C1', { 'C1-01': { actual: 3 } }, { name: '丙' }))),
    sheetSource(sheet('C2', { 'C2-01': { actual: 1 } })),
    fileSource('坏.xlsx', unreadable(sheet('C2', { 'C2-01': { actual: 2 } }))),
  ];
}

/**
 * Corrections (SPEC §8): 社会发展局's 民生改善 file and its 更正 saved later (the correction counts); two files of
 * 经信商务局 saved at the same time, decided by the office's pick; 发展改革局's sheet of this workbook (no save
 * time) beside its file, a conflict; three of 建设交通局's, the two latest saved at the same time (a conflict, the
 * earliest superseded). Picks: the one applied, one overtaken by the correction, one of a sheet that is gone, one of
 * a file not imported this time and one of another month (both kept as they are).
 */
const SAVED = { first: '2019-07-03T01:00:00.000Z', later: '2019-07-04T02:30:00.000Z' } as const;

function corrections(): Source[] {
  const saved = (source: Source, savedAt: string): Source => ({ ...source, savedAt });
  return [
    saved(
      fileSource(
        '民生改善.xlsx',
        sheet('C5', { 'C5-01': { actual: 0.5, reason: '第一次报送' }, 'C5-02': { actual: 0.6 } }),
      ),
      SAVED.first,
    ),
    saved(
      fileSource('民生改善(更正).xlsx', sheet('C5', { 'C5-01': { actual: 0.55 }, 'C5-02': { actual: 0.6 } })),
      SAVED.later,
    ),
    saved(fileSource('经信甲.xlsx', sheet('C2', { 'C2-01': { actual: 1000 } })), SAVED.first),
    saved(fileSource('经信乙.xlsx', sheet('C2', { 'C2-01': { actual: 1100 } })), SAVED.first),
    sheetSource(sheet('C3', { 'C3-01': { actual: 1 } })),
    saved(fileSource('发改.xlsx', sheet('C3', { 'C3-01': { actual: 2 } })), SAVED.later),
    saved(fileSource('建设1.xlsx', sheet('C4', { 'C4-01': { actual: 1 } })), SAVED.first),
    saved(fileSource('建设2.xlsx', sheet('C4', { 'C4-01': { actual: 2 } })), SAVED.later),
    saved(fileSource('建设3.xlsx', sheet('C4', { 'C4-01': { actual: 3 } })), SAVED.later),
  ];
}

const JUNE = { year: 2019, month: 6 } as const;
const CORRECTION_PICKS: readonly SourcePick[] = [
  {
    department: LEAD.C2,
    campaignId: 'C2',
    period: JUNE,
    origin: { kind: 'file', file: '经信乙.xlsx', sheet: '转型升级-经信商务局-6月' },
  },
  {
    department: LEAD.C5,
    campaignId: 'C5',
    period: JUNE,
    origin: { kind: 'file', file: '民生改善.xlsx', sheet: '民生改善-社会发展局-6月' },
  },
  { department: LEAD.C1, campaignId: 'C1', period: JUNE, origin: { kind: 'sheet', sheet: '已删除的表' } },
  {
    department: LEAD.C1,
    campaignId: 'C1',
    period: { year: 2019, month: 5 },
    origin: { kind: 'sheet', sheet: '招大引强-投资促进中心-5月' },
  },
  { department: LEAD.C4, campaignId: 'C4', period: JUNE, origin: { kind: 'file', file: '未导入.xlsx', sheet: 'x' } },
];

/**
 * 配合部门 (SPEC §8), with a 指标库 that names them: 经信商务局 and the shares of 发展改革局 (a file) and 财政局 on
 * 转型升级 — C2-10 (sum) 9 + 6 + 2, C2-09 (growth) 110/100 + 55/50, C2-03 (single) 30 with 发展改革局's 5 listed, not
 * counted; 发展改革局's share sheet holds no reason (none is asked), 经信商务局's C2-03 does.
 */
const CONTRIBUTOR_PLAN = contributorPlan();

function contributors(): Source[] {
  const share = (department: string, values: Parameters<typeof fillByCode>[1]): Grid =>
    fillByCode(templateOf(CONTRIBUTOR_PLAN, 'C2', department).grid, values);
  return [
    sheetSource(
      share(LEAD_C2, {
        'C2-10': { actual: 9 },
        'C2-09': { actual: 110, prior: 100 },
        'C2-03': { actual: 30, reason: '亩均税收下降，正在清理低效企业' },
      }),
    ),
    fileSource(
      '发展改革局-转型升级.xlsx',
      share(NDRC, { 'C2-10': { actual: 6 }, 'C2-09': { actual: 55, prior: 50 }, 'C2-03': { actual: 5 } }),
    ),
    sheetSource(share(FINANCE, { 'C2-10': { actual: 2 } })),
  ];
}

/** Thresholds of its own (the notes say them). */
const STRICT: Plan = { ...PLAN, thresholds: { yellowBand: 0.05, growthYellowBand: 0.01 } };

const CASES: readonly (readonly [string, Plan, readonly Source[], ConsolidateOptions])[] = [
  ['june', PLAN, june(), {}],
  ['troubles', PLAN, troubles(), {}],
  ['troubles-may', STRICT, troubles(), { period: { year: 2019, month: 5 } }],
  ['unreadable-rivals', PLAN, unreadableRivals(), {}],
  ['corrections', PLAN, corrections(), { picks: CORRECTION_PICKS }],
  ['contributors', CONTRIBUTOR_PLAN, contributors(), {}],
  [
    'no-templates',
    PLAN,
    [{ origin: { kind: 'sheet', sheet: 'Sheet1' }, sheet: { name: 'Sheet1', values: [['hello']] } }],
    {},
  ],
];

describe.each(CASES)('golden: %s', (name, plan, sources, options) => {
  const result = consolidate(plan, sources, options);
  test.each([
    ['consolidation', (): unknown => result],
    ['summary', (): unknown => summarySheet(result, plan)],
    ['detail', (): unknown => detailSheet(result)],
  ] as const)('%s', (part, make) => {
    const file = path.join(GOLDEN, `${name}.${part}.json`);
    const actual = JSON.stringify(make());
    if (update) {
      fs.mkdirSync(GOLDEN, { recursive: true });
      fs.writeFileSync(file, `${JSON.stringify(make(), null, 1)}\n`);
    }
    // A missing golden file fails (run once with UPDATE_GOLDEN=1 to write it), rather than passing silently.
    const golden: unknown = JSON.parse(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : 'null');
    expect(golden).toEqual(JSON.parse(actual)); // a readable diff
    // Byte for byte, key order included; the file's own layout does not matter (a formatter may reflow it).
    expect(JSON.stringify(golden)).toBe(actual);
  });
});
