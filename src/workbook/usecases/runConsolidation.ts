import { defaultReportMonth } from '../../domain/validation/period';
import { PortError, type WorkbookPort } from '../port';
import { activePlanOf } from './activePlan';
import { consolidateSheets, stager, type ConsolidateWorkbookRequest } from './consolidate';
import { asRunFailure, recordRun, type LastRun, type RunSource } from './lastRun';
import { exclusively, isWorkbookBusy } from './workbookBusy';
import { OUTPUT_READS } from './outputSheets';

/**
 * The 一键汇总 click, as the ribbon and the task pane start it: every sheet of the workbook is read once, the plan in
 * use is taken from that same read (the 指标库 sheet as it is now), and so are the office's picks (以此为准) the last
 * run kept in 汇总's marker (consolidateSheets: a ribbon run keeps them too), the workbook is consolidated and 汇总
 * and 明细 written. Round trips in Excel: 3 for 1 sheet or 250 — readAllSheets 2, writeSheets 1 (see the sync-budget test),
 * where reading the plan first and then every sheet took 6. The outcome — or why there is none — is recorded for
 * the 汇总 panel (lastRun) and returned; never throws. A 指标库 sheet with errors stops the run: consolidating
 * against the built-in plan instead would compare another year's figures with the wrong targets.
 *
 * One writing action at a time (workbookBusy): while another run — the pane's or the ribbon's — or a 模板 action is
 * in flight, the run does not start and a `busy` failure is returned, not recorded (the last run's result stays).
 */
export async function runConsolidation(
  port: WorkbookPort,
  source: RunSource,
  request: Omit<ConsolidateWorkbookRequest, 'plan'> = {},
): Promise<LastRun> {
  try {
    return await exclusively('consolidation', () => consolidateAndRecord(port, source, request));
  } catch (e) {
    // consolidateAndRecord never throws: only the refusal to start arrives here.
    if (isWorkbookBusy(e)) return { source, at: Date.now(), ok: false, failure: { kind: 'busy', running: e.running } };
    throw e;
  }
}

async function consolidateAndRecord(
  port: WorkbookPort,
  source: RunSource,
  request: Omit<ConsolidateWorkbookRequest, 'plan'>,
): Promise<LastRun> {
  let run: LastRun;
  try {
    const stage = stager(request.onStage);
    await stage('read');
    const sheets = await port.readAllSheets({ numberFormats: true, lean: OUTPUT_READS });
    const active = await activePlanOf(sheets);
    if (active.source === 'builtin' && active.sheet !== undefined) {
      const problems = active.problems.filter((p) => p.severity === 'error').length;
      run = { source, at: Date.now(), ok: false, failure: { kind: 'planInvalid', sheet: active.sheet, problems } };
    } else {
      // Without a period chosen, the month being reported now leads (SPEC §5), for the pane and the ribbon alike.
      const reportMonth = request.reportMonth ?? defaultReportMonth(active.plan.year, new Date());
      const outcome = await consolidateSheets(port, sheets, { ...request, reportMonth, plan: active.plan }, stage);
      run = { source, at: Date.now(), ok: true, outcome };
    }
  } catch (e) {
    // An unexpected error is a bug or an outage: kept as text for the user, with its stack for the developer.
    if (!(e instanceof PortError)) console.error(e);
    run = { source, at: Date.now(), ok: false, failure: asRunFailure(e) };
  }
  recordRun(run);
  return run;
}
