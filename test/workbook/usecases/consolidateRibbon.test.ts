import { SUMMARY_SHEET } from '../../../src/domain/consolidation/sheetParts';
import { builtinPlan } from '../../../src/domain/plan/builtin';
import { buildPlanSheet } from '../../../src/domain/plan/planSheet';
import { buildTemplate } from '../../../src/domain/template/template';
import { lastRun, ribbonRefusal, takeRibbonRefusal } from '../../../src/workbook/usecases/lastRun';
import { exclusively, writingNow } from '../../../src/workbook/usecases/workbookBusy';
import { specToArray } from '../../domain/specToArray';
import { FakeExcel, type Seed } from '../excel/fakeExcel';

/**
 * The ribbon's 一键汇总 (src/commands/commands.ts) in the shared runtime: Office and Excel are the recording fake.
 * It consolidates the workbook's own sheets without opening the pane, activates 汇总 and records the outcome; when
 * it fails it opens the pane (where the failure is shown) — and it always completes the event.
 */
jest.setTimeout(60_000);

const plan = builtinPlan();
const excel = new FakeExcel();
const showAsTaskpane = jest.fn(() => Promise.resolve());
let handler: ((event: { completed: () => void }) => Promise<void>) | undefined;

function seedSheet(rows: readonly (readonly (string | number | boolean | null)[])[], name: string): void {
  excel.addSheet(
    name,
    rows.map((row) =>
      row.map((v): Seed => (typeof v === 'string' && v.startsWith('=') ? { formula: v, value: null } : v)),
    ),
  );
}

beforeAll(async () => {
  const office = {
    onReady: (callback: () => void) => {
      callback();
      return Promise.resolve({ host: 'Excel', platform: 'PC' });
    },
    actions: {
      associate: (name: string, fn: typeof handler) => {
        if (name === 'consolidate') handler = fn;
      },
    },
    addin: { showAsTaskpane },
    context: { requirements: { isSetSupported: excel.isSetSupported } },
  };
  Object.assign(globalThis, { Office: office, Excel: { run: excel.run } });
  seedSheet(specToArray(buildPlanSheet(plan)), '指标库');
  for (const c of plan.campaigns) {
    seedSheet(
      specToArray(
        buildTemplate({ plan, campaignId: c.id, department: c.leadDepartment, year: 2019, month: 6, mode: 'kpi' }),
      ),
      `${c.name}6月`,
    );
  }
  await import('../../../src/commands/commands');
});

afterAll(() => {
  for (const key of ['Office', 'Excel']) Reflect.deleteProperty(globalThis, key);
});

it('registers the 一键汇总 command', () => {
  expect(handler).toBeDefined();
});

it('consolidates the workbook, activates 汇总, records the outcome, does not open the pane, completes the event', async () => {
  const completed = jest.fn();
  await handler?.({ completed });
  expect(completed).toHaveBeenCalledTimes(1);
  expect(showAsTaskpane).not.toHaveBeenCalled();
  expect(excel.active?.name).toBe(SUMMARY_SHEET);
  const run = lastRun();
  expect(run).toMatchObject({ source: 'ribbon', ok: true });
  if (run?.ok) expect(run.outcome.counts).toMatchObject({ sources: 5, used: 5, files: 0 });
});

it('on failure: records why, opens the task pane, completes the event', async () => {
  excel.failNextSyncs('AccessDenied', 50, 'The sheet is protected');
  const completed = jest.fn();
  await handler?.({ completed });
  expect(completed).toHaveBeenCalledTimes(1);
  expect(showAsTaskpane).toHaveBeenCalledTimes(1);
  expect(lastRun()).toMatchObject({ source: 'ribbon', ok: false, failure: { kind: 'port', code: 'sheetProtected' } });
});

it('completes the event even when the pane cannot be opened', async () => {
  excel.failNextSyncs('AccessDenied', 50);
  showAsTaskpane.mockImplementationOnce(() => Promise.reject(new Error('no pane')));
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const completed = jest.fn();
  await handler?.({ completed });
  expect(completed).toHaveBeenCalledTimes(1);
  expect(error).toHaveBeenCalledWith(new Error('no pane'));
  error.mockRestore();
});

it('while a run (the pane’s) is writing: refused, nothing touched, the refusal recorded apart, the pane opened', async () => {
  let finish: () => void = () => undefined;
  const inFlight = exclusively('consolidation', () => new Promise<void>((resolve) => (finish = resolve)));
  const before = lastRun();
  const syncs = excel.syncs;
  showAsTaskpane.mockClear();
  const completed = jest.fn();
  await handler?.({ completed });
  expect(completed).toHaveBeenCalledTimes(1);
  expect(excel.syncs).toBe(syncs); // not a single round trip
  expect(lastRun()).toBe(before); // the pane keeps showing the last result
  expect(ribbonRefusal()).toMatchObject({ running: 'consolidation' }); // which the pane shows as 正在汇总…
  expect(showAsTaskpane).toHaveBeenCalledTimes(1);
  const refusal = ribbonRefusal();
  if (refusal) takeRibbonRefusal(refusal);
  finish();
  await inFlight;
  expect(writingNow()).toBeUndefined();
});
