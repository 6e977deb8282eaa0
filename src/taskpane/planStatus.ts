import type { ActivePlan } from '../workbook/usecases/activePlan';
import type { Translate } from './i18n';

/** How the plan in use is described (模板 above its form, 设置 under its list). */
export interface PlanStatus {
  readonly intent: 'info' | 'warning';
  readonly text: string;
  /** The 指标库 sheet's problems, "cell: message", when it could not be used. */
  readonly problems: readonly string[];
  readonly more: number;
}

/** At 320 px a long list is unreadable: the first few problems are listed, `more` counts the rest. */
const LISTED = 5;

export function planStatus(active: ActivePlan, t: Translate): PlanStatus {
  const { plan } = active;
  const problems = active.problems
    .slice(0, LISTED)
    .map((p) => t('ui.templates.planProblem', { cell: p.cell, message: t.problem(p) }));
  const more = Math.max(0, active.problems.length - LISTED);
  const intent = problems.length > 0 ? 'warning' : 'info';
  if (active.source === 'sheet')
    return {
      intent,
      text: t('ui.templates.planSheet', { sheet: active.sheet ?? '', year: plan.year }),
      problems,
      more,
    };
  if (active.sheet === undefined)
    return { intent, text: t('ui.templates.planBuiltin', { title: plan.title, year: plan.year }), problems, more };
  // The sheet exists but could not be used: say so plainly, with where to correct it.
  return {
    intent: 'warning',
    text: t('ui.templates.planSheetInvalid', { sheet: active.sheet, count: active.problems.length }),
    problems,
    more,
  };
}
