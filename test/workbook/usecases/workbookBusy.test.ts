import { builtinPlan } from '../../../src/domain/plan/builtin';
import { loadSampleWorkbook } from '../../../src/preview/sample';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import { PortError, type WorkbookPort } from '../../../src/workbook/port';
import { lastRun, type LastRun } from '../../../src/workbook/usecases/lastRun';
import { runConsolidation } from '../../../src/workbook/usecases/runConsolidation';
import {
  insertPlanSheetInUse,
  insertTemplateInUse,
  updateTemplateInUse,
} from '../../../src/workbook/usecases/templates';
import {
  WorkbookBusyError,
  exclusively,
  isWorkbookBusy,
  writingNow,
} from '../../../src/workbook/usecases/workbookBusy';

/**
 * One workbook-writing action at a time (issue 12, observation 7): a second 一键汇总 — from the pane or the ribbon —
 * or a 模板 action is refused while one is in flight, told so, and never reaches the workbook; once the first has
 * finished, or failed, the next one runs. The port is the memory workbook behind a gate the test opens.
 */
jest.setTimeout(60_000);

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(e: unknown): void;
}
function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The workbook, with its write batches held at a gate until the test opens it; every call is counted. */
function gated(wb: WorkbookPort): { port: WorkbookPort; calls: string[]; gate: Deferred; reached: Promise<void> } {
  const calls: string[] = [];
  const gate = deferred();
  const arrived = deferred();
  const held = new Set(['writeSheets', 'writeSheet', 'insertSheet']);
  const port = new Proxy(wb, {
    get(target, name, receiver) {
      const member: unknown = Reflect.get(target, name, receiver);
      if (typeof member !== 'function' || typeof name !== 'string') return member;
      return async (...args: unknown[]) => {
        calls.push(name);
        if (held.has(name)) {
          arrived.resolve();
          await gate.promise;
        }
        return (member as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  });
  return { port, calls, gate, reached: arrived.promise };
}

/** What `p` gives within a moment, or 'still running' (a second run that was let through waits at the gate). */
function soon<T>(p: Promise<T> | undefined): Promise<T | 'still running' | undefined> {
  return Promise.race([p, new Promise<'still running'>((r) => setTimeout(() => r('still running'), 300))]);
}

async function sample(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await loadSampleWorkbook(wb);
  return wb;
}

const busy = (running: 'consolidation' | 'templates', source: LastRun['source'] = 'pane') => ({
  source,
  ok: false,
  failure: { kind: 'busy', running },
});

afterEach(() => expect(writingNow()).toBeUndefined());

describe('a second 一键汇总 while one is writing', () => {
  test('is refused, touches nothing and records nothing; the first completes; the next is allowed', async () => {
    const { port, calls, gate, reached } = gated(await sample());
    const first = runConsolidation(port, 'pane');
    await reached; // the first run is in its write batch
    expect(writingNow()).toBe('consolidation');
    const before = lastRun();
    const callsBefore = calls.length;

    // The ribbon's click and the pane's second click, both while the first run writes.
    expect(await soon(runConsolidation(port, 'ribbon'))).toMatchObject(busy('consolidation', 'ribbon'));
    expect(await soon(runConsolidation(port, 'pane'))).toMatchObject(busy('consolidation'));
    expect(calls.length).toBe(callsBefore); // neither read nor wrote anything
    expect(lastRun()).toBe(before); // and neither hid the last result

    gate.resolve();
    const done = await first;
    expect(done.ok).toBe(true);
    expect(lastRun()).toBe(done);
    expect(writingNow()).toBeUndefined();
    // After it: allowed.
    await expect(runConsolidation(port, 'ribbon')).resolves.toMatchObject({ source: 'ribbon', ok: true });
  });

  test('is allowed again after the first failed', async () => {
    const { port, gate, reached } = gated(await sample());
    const first = runConsolidation(port, 'ribbon');
    await reached;
    expect(await soon(runConsolidation(port, 'pane'))).toMatchObject(busy('consolidation'));
    gate.reject(new PortError('sheetProtected', '汇总'));
    await expect(first).resolves.toMatchObject({
      ok: false,
      failure: { kind: 'port', code: 'sheetProtected' },
    });
    expect(writingNow()).toBeUndefined();
    const again = await runConsolidation(await sample(), 'pane');
    expect(again.ok).toBe(true);
  });

  test('two clicks in the same tick: exactly one runs', async () => {
    const wb = await sample();
    const runs = await Promise.all([runConsolidation(wb, 'pane'), runConsolidation(wb, 'ribbon')]);
    expect(runs.map((r) => (r.ok ? 'ran' : r.failure.kind))).toEqual(['ran', 'busy']);
  });

  test('the ribbon entry (its own module instance, as webpack builds it) is refused by the pane’s run too', async () => {
    let ribbonRun: typeof runConsolidation | undefined;
    await jest.isolateModulesAsync(async () => {
      ribbonRun = (await import('../../../src/workbook/usecases/runConsolidation')).runConsolidation;
    });
    expect(ribbonRun).toBeDefined();
    expect(ribbonRun).not.toBe(runConsolidation);
    const { port, gate, reached } = gated(await sample());
    const pane = runConsolidation(port, 'pane');
    await reached;
    expect(await soon(ribbonRun?.(port, 'ribbon'))).toMatchObject(busy('consolidation', 'ribbon'));
    gate.resolve();
    await expect(pane).resolves.toMatchObject({ ok: true });
  });
});

describe('the 模板 actions share the guard (they rewrite sheets a run reads, over several round trips)', () => {
  const plan = builtinPlan();
  const choice = { campaignId: 'C1', department: '投资促进中心', month: 7, mode: 'kpi' } as const;

  test('while 一键汇总 writes, 插入模板 / 更新已有模板 / 插入指标库 are refused before touching the workbook', async () => {
    const { port, calls, gate, reached } = gated(await sample());
    const run = runConsolidation(port, 'ribbon');
    await reached;
    const callsBefore = calls.length;
    for (const action of [
      () => insertTemplateInUse(port, choice),
      () => updateTemplateInUse(port, { sheet: '招大引强-投资促进中心-6月', month: 7, mode: 'kpi' }),
      () => insertPlanSheetInUse(port, plan),
    ]) {
      const refused = await soon(
        action().then(
          () => undefined,
          (e: unknown) => e,
        ),
      );
      expect(refused).toBeInstanceOf(WorkbookBusyError);
      expect(isWorkbookBusy(refused) && refused.running).toBe('consolidation');
    }
    expect(calls.length).toBe(callsBefore);
    gate.resolve();
    await expect(run).resolves.toMatchObject({ ok: true });
  });

  test('while a template is being written, 一键汇总 is refused; after it, it runs', async () => {
    const { port, gate, reached } = gated(await sample());
    const insert = insertTemplateInUse(port, choice);
    await reached;
    expect(await soon(runConsolidation(port, 'pane'))).toMatchObject(busy('templates'));
    gate.resolve();
    await expect(insert).resolves.toMatchObject({ result: { outcome: 'inserted' } });
    await expect(runConsolidation(port, 'pane')).resolves.toMatchObject({ ok: true });
  });

  test('exclusively releases the slot when its task throws', async () => {
    await expect(exclusively('templates', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(writingNow()).toBeUndefined();
    await expect(exclusively('templates', () => Promise.resolve(1))).resolves.toBe(1);
  });
});
