import { SnapshotKeeper } from '../../../src/workbook/excel/snapshot';
import { FakeExcel } from './fakeExcel';

/** The snapshot writeSheets may plan from (how it is used through the port: writeSheets.test.ts). */

/** A keeper that has taken a snapshot of `excel` at `clock.ms`, in the batch after the names came back. */
async function taken(excel: FakeExcel, clock: { ms: number }, maxAgeMs = 60_000): Promise<SnapshotKeeper> {
  const keeper = new SnapshotKeeper(maxAgeMs, () => clock.ms);
  await excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const keep = keeper.queueTake(sheets.items, true);
    await context.sync();
    keep();
  });
  return keeper;
}

describe('SnapshotKeeper', () => {
  it('keeps each sheet’s tables, charts and protection by case-insensitive name, in the batch it rides on', async () => {
    const excel = new FakeExcel();
    const summary = excel.addSheet('Summary');
    summary.tables.push({ name: '汇总表1', address: 'A3:C9' });
    summary.charts.push({ name: '完成情况1', type: 'Pie', source: 'A3:B9', seriesBy: 'Columns' });
    summary.isProtected = true;
    excel.addSheet('模板');

    const keeper = await taken(excel, { ms: 1000 });

    expect(excel.syncs).toBe(2);
    expect(keeper.fresh()?.takenAt).toBe(1000);
    expect(keeper.fresh()?.sheets.get('summary')).toEqual({
      name: 'Summary',
      tables: ['汇总表1'],
      charts: ['完成情况1'],
      isProtected: true,
    });
    expect(keeper.fresh()?.sheets.get('模板')).toEqual({ name: '模板', tables: [], charts: [], isProtected: false });
  });

  it('an empty workbook makes a snapshot too: every name is then known to be new', async () => {
    const keeper = await taken(new FakeExcel(), { ms: 0 });
    expect(keeper.fresh()?.sheets.size).toBe(0);
  });

  it.each([
    ['just taken', 0, true],
    ['at maxAgeMs', 60_000, true],
    ['older than maxAgeMs', 60_001, false],
    ['taken “in the future” (the clock was set back)', -1, false],
  ])('%s: fresh %s', async (_when, age, fresh) => {
    const clock = { ms: 1_000_000 };
    const keeper = await taken(new FakeExcel(), clock);
    clock.ms += age;
    expect(keeper.fresh() !== undefined).toBe(fresh);
  });

  it('is gone once dropped, and none is there before the first is taken', async () => {
    const clock = { ms: 0 };
    expect(new SnapshotKeeper(60_000, () => clock.ms).fresh()).toBeUndefined();
    const keeper = await taken(new FakeExcel(), clock);
    keeper.drop();
    expect(keeper.fresh()).toBeUndefined();
  });
});
