import type { WorkbookPort } from '../../../workbook/port';
import { activePlan, type ActivePlan } from '../../../workbook/usecases/activePlan';
import type { Translate } from '../../i18n';
import { planStatus, type PlanStatus } from '../../planStatus';

/** What a reading of the workbook found: the plan in use, described as the 模板 panel describes it. */
export interface PlanRead {
  readonly state: 'read';
  readonly active: ActivePlan;
  readonly status: PlanStatus;
}

/** What the 设置 panel knows of the plan in use. */
export type PlanReading =
  /** The workbook is being read; `last` is what the previous reading found (kept on screen during a refresh). */
  | { readonly state: 'reading'; readonly last?: PlanRead }
  | PlanRead
  /** The workbook refused (the error went to `report`): the built-in plan is shown, its use is not claimed. */
  | { readonly state: 'failed' };

/**
 * Reads the plan in use through the port (2–3 round trips in Excel). A refusal is handed to `report` (the panel
 * gives it to notifyError: a localized notice) and gives 'failed'; it never rejects.
 */
export async function readPlan(
  port: WorkbookPort,
  t: Translate,
  report: (error: unknown) => void,
): Promise<PlanReading> {
  try {
    const active = await activePlan(port);
    return { state: 'read', active, status: planStatus(active, t) };
  } catch (e) {
    report(e);
    return { state: 'failed' };
  }
}
