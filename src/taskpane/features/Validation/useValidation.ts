import { useCallback, useEffect, useRef, useState } from 'react';
import type { Locale } from '../../../domain/i18n/messages';
import type { Plan } from '../../../domain/plan/schema';
import type { SheetProblem } from '../../../domain/grid/problems';
import { TEMPLATE_MARKER_TYPE } from '../../../domain/grid/ownSheets';
import { PortError, type SheetInfo } from '../../../workbook/port';
import { activePlan, type ActivePlan } from '../../../workbook/usecases/activePlan';
import {
  applyFix,
  groupBySheet,
  isFixable,
  mergeReports,
  validateAll,
  validateWorkbook,
  type ValidationReport,
} from '../../../workbook/usecases/validateWorkbook';
import { watchChanges } from '../../../workbook/usecases/watchChanges';
import { useLocale, useT, type Translate } from '../../i18n';
import { useNotices } from '../../notices';
import { portErrorCode } from '../../portErrors';
import { useWorkbook } from '../../workbookContext';

// ————— Pure view model (unit-tested without a DOM) —————

export interface ProblemRow {
  readonly id: string;
  readonly problem: SheetProblem;
  readonly severity: SheetProblem['severity'];
  /** "H8 · C1-02 实际到位外资：message" */
  readonly text: string;
  /** The localized severity word shown beside the text (never colour alone). */
  readonly severityLabel: string;
  /** The fix button's accessible name, when the problem has a fix. */
  readonly fixLabel?: string;
}

export interface SheetGroup {
  readonly sheet: string;
  readonly errors: number;
  readonly warnings: number;
  readonly rows: readonly ProblemRow[];
}

/** "C1-02 实际到位外资" (the English name where the plan has one), or the code alone when it is not in the plan. */
export function indicatorLabel(code: string, plan: Plan, locale: Locale): string {
  for (const c of plan.campaigns) {
    const ind = c.indicators.find((i) => i.code === code);
    if (ind) return `${code} ${locale === 'zh-CN' ? ind.name : (ind.nameEn ?? ind.name)}`;
  }
  return code;
}

export function problemRow(problem: SheetProblem, index: number, plan: Plan, t: Translate, locale: Locale): ProblemRow {
  const message = t.problem(problem);
  const text = problem.indicator
    ? t('ui.validation.row', {
        cell: problem.cell,
        indicator: indicatorLabel(problem.indicator, plan, locale),
        message,
      })
    : t('ui.validation.rowNoIndicator', { cell: problem.cell, message });
  return {
    id: `${problem.sheet}!${problem.cell}!${problem.key}!${index}`,
    problem,
    severity: problem.severity,
    text,
    severityLabel: t(problem.severity === 'error' ? 'severity.error' : 'severity.warning'),
    ...(isFixable(problem)
      ? { fixLabel: t('ui.validation.fixLabel', { cell: problem.fix.cell, value: problem.fix.value }) }
      : {}),
  };
}

/**
 * What the section lists: the 指标库 sheet's problems first (they decide which plan is used), then each template
 * sheet with problems, in tab order; errors before warnings within a sheet, otherwise in sheet order.
 */
export function problemGroups(
  report: ValidationReport,
  planProblems: readonly SheetProblem[],
  plan: Plan,
  t: Translate,
  locale: Locale,
): SheetGroup[] {
  const planGroups = groupBySheet(planProblems, []);
  return [...planGroups, ...report.sheets.filter((s) => !planGroups.some((g) => g.sheet === s.sheet))].map((g) => ({
    sheet: g.sheet,
    errors: g.errors,
    warnings: g.warnings,
    rows: [...g.problems]
      .map((p, i) => ({ p, i }))
      .sort((a, b) => severityRank(a.p) - severityRank(b.p) || a.i - b.i)
      .map(({ p, i }) => problemRow(p, i, plan, t, locale)),
  }));
}

const severityRank = (p: SheetProblem) => (p.severity === 'error' ? 0 : 1);

export interface Summary {
  readonly clean: boolean;
  readonly title: string;
  readonly text: string;
}

/** The announced result line: counts, or the empty state with the number of sheets checked. */
export function summary(report: ValidationReport, planProblems: readonly SheetProblem[], t: Translate): Summary {
  const errors = report.errors + planProblems.filter((p) => p.severity === 'error').length;
  const warnings = report.warnings + planProblems.filter((p) => p.severity === 'warning').length;
  const sheets = report.checked.length;
  if (errors + warnings === 0)
    return { clean: true, title: t('ui.validation.clean'), text: t('ui.validation.cleanDetail', { sheets }) };
  return { clean: false, title: t('ui.validation.summary', { sheets, errors, warnings }), text: '' };
}

/** "已自动重新校验（14:03:07）：sheet, sheet" */
export function autoRevalidatedText(at: Date, sheets: readonly string[], t: Translate, locale: Locale): string {
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(at);
  return t('ui.validation.autoRevalidated', { time, sheets: sheets.join(locale === 'zh-CN' ? '、' : ', ') });
}

/** The template sheets of the workbook (by marker, readable or damaged), for the sheet picker. */
export function templateSheetNames(sheets: readonly SheetInfo[]): string[] {
  // A damaged template marker is listed too: checking that sheet says what is wrong with it.
  return sheets
    .filter((s) => s.marker?.type === TEMPLATE_MARKER_TYPE || s.damagedMarker === TEMPLATE_MARKER_TYPE)
    .map((s) => s.name);
}

// ————— The hook —————

export type ValidationBusy = 'all' | 'sheet' | 'fix' | undefined;
export type LiveState = 'starting' | 'on' | 'unavailable';

export interface ValidationState {
  readonly plan: Plan | undefined;
  readonly templateSheets: readonly string[];
  readonly selected: string | undefined;
  readonly report: ValidationReport | undefined;
  readonly groups: readonly SheetGroup[];
  readonly summary: Summary | undefined;
  readonly busy: ValidationBusy;
  readonly live: LiveState;
  /** Set after a re-validation triggered by edits, with the sheets re-validated. */
  readonly autoRevalidated: string | undefined;
  select(sheet: string): void;
  checkSelected(): Promise<void>;
  checkAll(): Promise<void>;
  goTo(problem: SheetProblem): Promise<void>;
  fix(problem: SheetProblem): Promise<void>;
}

/**
 * The 校验 section's state. Everything goes through the use cases; the port is only handed on. Runs are serialised
 * (a live re-validation never overlaps a manual one), and results that arrive after the section closed are dropped.
 */
export function useValidation(): ValidationState {
  const port = useWorkbook();
  const t = useT();
  const locale = useLocale();
  const { notify, notifyError } = useNotices();
  const [active, setActive] = useState<ActivePlan | undefined>(undefined);
  const [templateSheets, setTemplateSheets] = useState<readonly string[]>([]);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [report, setReport] = useState<ValidationReport | undefined>(undefined);
  const [busy, setBusy] = useState<ValidationBusy>(undefined);
  const [live, setLive] = useState<LiveState>('starting');
  const [autoAt, setAutoAt] = useState<{ at: Date; sheets: readonly string[] } | undefined>(undefined);

  const mounted = useRef(false);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const reportRef = useRef<ValidationReport | undefined>(undefined);
  const activeRef = useRef<ActivePlan | undefined>(undefined);

  /** Runs tasks one after the other; each reports its own errors. */
  const serial = useCallback((task: () => Promise<void>): Promise<void> => {
    const next = queue.current.then(task);
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  const adoptPlan = useCallback((next: ActivePlan) => {
    activeRef.current = next;
    if (mounted.current) setActive(next);
  }, []);
  const adoptReport = useCallback((next: ValidationReport) => {
    const merged = mergeReports(reportRef.current, next);
    reportRef.current = merged;
    if (!mounted.current) return;
    setReport(merged);
    if (next.scope === 'all') {
      setTemplateSheets(merged.checked);
      setSelected((s) => (s !== undefined && merged.checked.includes(s) ? s : merged.checked[0]));
    }
  }, []);
  const adoptSheets = useCallback((sheets: readonly SheetInfo[]) => {
    const names = templateSheetNames(sheets);
    if (!mounted.current) return;
    setTemplateSheets(names);
    setSelected((s) => (s !== undefined && names.includes(s) ? s : names[0]));
  }, []);

  const planNow = useCallback(async (): Promise<ActivePlan> => {
    const current = activeRef.current;
    if (current) return current;
    const fresh = await activePlan(port);
    adoptPlan(fresh);
    return fresh;
  }, [port, adoptPlan]);

  const recheckAll = useCallback(async () => {
    // The plan is read again with everything else (one batch): the 指标库 sheet may have been edited since.
    const { active: fresh, report: next } = await validateAll(port);
    adoptPlan(fresh);
    adoptReport(next);
  }, [port, adoptPlan, adoptReport]);

  /** Re-validates the sheets that changed, in one read; a change to the 指标库 sheet re-reads the plan and checks all. */
  const revalidate = useCallback(
    async (sheets: readonly string[]) => {
      const current = activeRef.current;
      if (current?.sheet !== undefined && sheets.includes(current.sheet)) return recheckAll();
      try {
        adoptReport(await validateWorkbook(port, (await planNow()).plan, { sheets }));
      } catch (e) {
        // A sheet renamed or deleted since it changed: check everything instead of guessing.
        if (e instanceof PortError && e.code === 'sheetMissing') return recheckAll();
        throw e;
      }
    },
    [port, planNow, recheckAll, adoptReport],
  );

  useEffect(() => {
    mounted.current = true;
    let stop: (() => Promise<void>) | undefined;
    void serial(async () => {
      try {
        const sheets = await port.listSheets();
        adoptSheets(sheets);
        adoptPlan(await activePlan(port, sheets));
      } catch (e) {
        if (mounted.current) notifyError(e);
      }
    });
    watchChanges(port, (changed) => {
      void serial(async () => {
        const planSheet = activeRef.current?.sheet;
        const planChanged = planSheet !== undefined && changed.includes(planSheet);
        if (planChanged) activeRef.current = undefined; // read again when next needed
        if (!reportRef.current || !mounted.current) return; // nothing shown yet: nothing to refresh
        try {
          await (planChanged ? recheckAll() : revalidate(changed));
          if (mounted.current) setAutoAt({ at: new Date(), sheets: changed });
        } catch (e) {
          if (mounted.current) notifyError(e);
        }
      });
    }).then(
      (unsubscribe) => {
        if (!mounted.current) return void unsubscribe();
        stop = unsubscribe;
        setLive('on');
      },
      (e: unknown) => {
        if (!mounted.current) return;
        setLive('unavailable');
        // An Excel without change events is expected (manual checks still work); anything else is reported.
        if (portErrorCode(e) !== 'unsupported') notifyError(e);
      },
    );
    return () => {
      mounted.current = false;
      if (stop) void stop();
    };
  }, [port, serial, adoptSheets, adoptPlan, recheckAll, revalidate, notifyError]);

  const run = useCallback(
    (kind: Exclude<ValidationBusy, undefined>, task: () => Promise<void>) =>
      serial(async () => {
        if (mounted.current) setBusy(kind);
        try {
          await task();
          if (mounted.current) setAutoAt(undefined);
        } catch (e) {
          if (mounted.current) notifyError(e);
        } finally {
          if (mounted.current) setBusy(undefined);
        }
      }),
    [serial, notifyError],
  );

  const checkAll = useCallback(() => run('all', recheckAll), [run, recheckAll]);

  const checkSelected = useCallback(
    () =>
      run('sheet', async () => {
        if (selected === undefined) return;
        adoptReport(await validateWorkbook(port, (await planNow()).plan, { sheet: selected }));
      }),
    [run, selected, port, planNow, adoptReport],
  );

  const goTo = useCallback(
    async (problem: SheetProblem) => {
      try {
        await port.activate(problem.sheet, problem.cell);
      } catch (e) {
        notifyError(e);
      }
    },
    [port, notifyError],
  );

  const fix = useCallback(
    (problem: SheetProblem) =>
      run('fix', async () => {
        if (!isFixable(problem)) return;
        await applyFix(port, problem);
        await revalidate([problem.sheet]);
        notify({
          intent: 'success',
          title: t('ui.validation.fixedTitle'),
          message: t('ui.validation.fixed', { sheet: problem.sheet, cell: problem.fix.cell, value: problem.fix.value }),
        });
      }),
    [run, port, revalidate, notify, t],
  );

  const plan = active?.plan;
  const planProblems = active?.problems ?? [];
  return {
    plan,
    templateSheets,
    selected,
    report,
    groups: report && plan ? problemGroups(report, planProblems, plan, t, locale) : [],
    summary: report ? summary(report, planProblems, t) : undefined,
    busy,
    live,
    autoRevalidated: autoAt ? autoRevalidatedText(autoAt.at, autoAt.sheets, t, locale) : undefined,
    select: setSelected,
    checkSelected,
    checkAll,
    goTo,
    fix,
  };
}
