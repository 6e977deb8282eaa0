import { builtinPlan } from '../../../src/domain/plan/builtin';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import { encodePicks } from '../../../src/domain/consolidation/picks';
import type { SourcePick } from '../../../src/domain/consolidation/sources';
import {
  detectSources,
  estimate,
  estimateSources,
  listedPicks,
  openConsolidation,
  previewPeriod,
  readImportedFiles,
} from '../../../src/workbook/usecases/consolidationSources';
import { insertPlanSheet, insertTemplate } from '../../../src/workbook/usecases/templates';
import { saveAsXlsx } from '../files/xlsxFixture';

/** What the 汇总 section shows before a run: sources by marker, by the domain's rules; imported files read. */

const plan = builtinPlan();

async function workbook(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await insertPlanSheet(wb, plan);
  for (const [campaignId, department, month] of [
    ['C1', '投资促进中心', 6],
    ['C2', '经信商务局', 6],
    ['C2', '经信商务局', 5],
  ] as const)
    await insertTemplate(wb, { plan, campaignId, department, year: 2019, month, mode: 'kpi' });
  await wb.writeSheet({
    name: '坏表',
    styles: {},
    blocks: [{ at: 'A1', rows: [[{ value: 'KPI-TRACKER:{"type":"kpi-template",' }]] }],
  });
  return wb;
}

it('opens with the plan in use and the sheets; a damaged template marker is listed, its state unknown', async () => {
  const wb = await workbook();
  const { plan: inUse, sheets } = await openConsolidation(wb);
  expect(inUse?.id).toBe(plan.id);
  const sources = detectSources(sheets, []);
  expect(sources.map((s) => s.origin.kind === 'sheet' && s.origin.sheet)).toEqual([
    '招大引强-投资促进中心-6月',
    '转型升级-经信商务局-6月',
    '转型升级-经信商务局-5月',
    '坏表',
  ]);
  const june = previewPeriod(sources, 2019);
  expect(june).toEqual({ year: 2019, month: 6 });
  expect([...estimate(sources, june).values()]).toEqual(['included', 'included', 'otherPeriod', 'unknown']);
});

it('a department file sent in counts like a sheet: the same department twice for June is a conflict', async () => {
  const wb = await workbook();
  const bytes = await saveAsXlsx(wb, ['转型升级-经信商务局-6月']);
  const picked = [
    { name: '经信商务局.xlsx', arrayBuffer: async () => bytes.slice().buffer },
    { name: '坏.xlsx', arrayBuffer: async () => new TextEncoder().encode('not a workbook').buffer },
    {
      name: '读不出.xlsx',
      arrayBuffer: async (): Promise<ArrayBuffer> => {
        throw new Error('disk error');
      },
    },
  ];
  const { files, error } = await readImportedFiles(picked);
  expect(error).toBeUndefined();
  expect(files.map((f) => [f.file, f.problems.map((p) => p.code)])).toEqual([
    ['经信商务局.xlsx', []],
    ['坏.xlsx', ['fileTextFormat']], // no workbook at all: text
    ['读不出.xlsx', ['fileUnreadable']],
  ]);
  expect(files[2]?.problems[0]?.detail).toBe('disk error');
  const sources = detectSources((await openConsolidation(wb)).sheets, [{ name: '经信商务局.xlsx', parsed: files[0] }]);
  expect([...estimate(sources, { year: 2019, month: 6 }).values()]).toEqual([
    'included',
    'conflict',
    'otherPeriod',
    'unknown',
    'conflict',
  ]);
});

describe('corrections in the preview: save times and the office’s picks (SPEC §8)', () => {
  const C2 = '转型升级-经信商务局-6月';
  const june = { year: 2019, month: 6 };

  async function twoFiles(first: Date | undefined, second: Date | undefined, lastModified?: number) {
    const wb = await workbook();
    const bytes = async (savedAt: Date | undefined) =>
      saveAsXlsx(wb, [C2], savedAt ? { savedAt } : {}).then((b) => b.slice().buffer);
    const [a, b] = [await bytes(first), await bytes(second)];
    const { files } = await readImportedFiles([
      { name: '经信商务局.xlsx', lastModified, arrayBuffer: async () => a },
      { name: '经信商务局(更正).xlsx', lastModified, arrayBuffer: async () => b },
    ]);
    // Only the files: the workbook's own 转型升级 sheet is left out of this preview.
    const sheets = (await openConsolidation(wb)).sheets.filter((s) => s.name !== C2);
    return {
      files,
      sources: detectSources(
        sheets,
        files.map((parsed) => ({ name: parsed.file, parsed })),
      ),
    };
  }

  it('a file’s save time: its own property first, else the file system date, else unknown', async () => {
    const withDocument = await twoFiles(new Date('2019-07-03T01:00:00Z'), undefined, Date.UTC(2019, 6, 5, 8));
    expect(withDocument.files.map((f) => [f.savedAt, f.savedAtSource])).toEqual([
      ['2019-07-03T01:00:00.000Z', 'document'],
      ['2019-07-05T08:00:00.000Z', 'file'],
    ]);
    const unknown = await twoFiles(undefined, undefined);
    expect(unknown.files.map((f) => f.savedAt)).toEqual([undefined, undefined]);
  });

  it('two files of one name (picked from two folders) are two files, each with its own content and save time', async () => {
    const wb = await workbook();
    const bytes = async (savedAt: Date) => saveAsXlsx(wb, [C2], { savedAt }).then((b) => b.slice().buffer);
    const [a, b] = [await bytes(new Date('2019-07-03T01:00:00Z')), await bytes(new Date('2019-07-04T02:30:00Z'))];
    const { files } = await readImportedFiles([
      { name: '经信商务局.xlsx', arrayBuffer: async () => a },
      { name: '经信商务局.xlsx', arrayBuffer: async () => b },
    ]);
    // (read by name, both were the second file: the first submission was silently replaced)
    expect(files.map((f) => f.savedAt)).toEqual(['2019-07-03T01:00:00.000Z', '2019-07-04T02:30:00.000Z']);
  });

  it('the file saved later counts, the earlier one is superseded; equal times are a conflict', async () => {
    const later = await twoFiles(new Date('2019-07-03T01:00:00Z'), new Date('2019-07-04T02:30:00Z'));
    expect([...estimate(later.sources, june).values()].slice(-2)).toEqual(['superseded', 'included']);
    const same = new Date('2019-07-03T01:00:00Z');
    const tie = await twoFiles(same, same);
    const estimates = estimateSources(tie.sources, june);
    expect([...estimates.values()].slice(-2).map((e) => [e.state, e.pickable])).toEqual([
      ['conflict', true],
      ['conflict', true],
    ]);
    // The pick that 以此为准 makes, applied: the preview agrees with a run.
    const pick = [...estimates.values()].at(-1)?.pick;
    expect(pick).toEqual({
      department: '经信商务局',
      campaignId: 'C2',
      period: june,
      origin: { kind: 'file', file: '经信商务局(更正).xlsx', sheet: C2 },
    });
    const picked = estimateSources(tie.sources, june, pick ? [pick] : []);
    expect([...picked.values()].slice(-2).map((e) => [e.state, e.pickable])).toEqual([
      ['superseded', true], // the pick can be changed
      ['included', false],
    ]);
  });

  it('the picks in force are those of the 汇总 sheet’s marker, as the sheet list shows it', () => {
    const pick: SourcePick = {
      department: '经信商务局',
      campaignId: 'C2',
      period: june,
      origin: { kind: 'sheet', sheet: '副本' },
    };
    const marker = { type: 'kpi-summary', v: 1, picks: encodePicks([pick]) };
    expect(listedPicks([{ name: '汇总', position: 0, visible: true, marker }])).toEqual([pick]);
    expect(listedPicks([{ name: '别的表', position: 0, visible: true, marker }])).toEqual([]);
    expect(listedPicks([])).toEqual([]);
  });
});

describe('an imported file whose template lost its marker row (issue 12, observation 4c)', () => {
  it('is listed by what its headings say, with the plan; ambiguous ones are listed claiming nothing', async () => {
    const wb = new MemoryWorkbook();
    const C2 = (
      await insertTemplate(wb, { plan, campaignId: 'C2', department: '经信商务局', year: 2019, month: 6, mode: 'kpi' })
    ).sheet;
    const C1 = (
      await insertTemplate(wb, {
        plan,
        campaignId: 'C1',
        department: '投资促进中心',
        year: 2019,
        month: 6,
        mode: 'kpi',
      })
    ).sheet;
    wb.deleteRows(C2, 1);
    wb.deleteRows(C1, 1);
    wb.userUnprotect(C1);
    wb.userEdit(C1, 'C4', '某某局');
    const [read] = await wb.readSheets([C2, C1]).then((sheets) => [{ file: '两表.xlsx', sheets, problems: [] }]);
    const files = [{ name: '两表.xlsx', ...(read ? { parsed: read } : {}) }];
    expect(detectSources([], files)).toEqual([]);
    const sources = detectSources([], files, plan);
    expect(sources.map((s) => [s.origin.sheet, s.department, s.campaignId, s.period])).toEqual([
      [C2, '经信商务局', 'C2', { year: 2019, month: 6 }],
      [C1, undefined, undefined, undefined],
    ]);
    expect([...estimate(sources, { year: 2019, month: 6 }).values()]).toEqual(['included', 'unknown']);
  });
});
