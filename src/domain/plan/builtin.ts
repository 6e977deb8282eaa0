import raw from './plan-2019.json';
import type { Plan } from './schema';

/**
 * The built-in 2019 plan (SPEC §2), the data of the plan document. It is checked against the plan schema by a test
 * (test/domain/plan.test.ts: every field, every figure of the document) rather than at start-up, so that the task
 * pane does not load zod to read its own data; zod is loaded only to read a 指标库 sheet.
 */
const PLAN = raw as unknown as Plan;

export function builtinPlan(): Plan {
  return PLAN;
}
