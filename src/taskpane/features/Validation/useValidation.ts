import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Locale } from '../../../domain/i18n/messages';
import type { Plan } from '../../../domain/plan/schema';
import type { SheetProblem } from '../../../domain/grid/problems';
import { groupBySheet, isFixable, type ValidationReport } from '../../../workbook/usecases/validateWorkbook';
import {
  validationSession,
  type ValidationSession,
  type ValidationView,
} from '../../../workbook/usecases/validationSession';
import { useLocale, useT, type Translate } from '../../i18n';
import { useNotices } from '../../notices';
import { portErrorCode } from '../../portErrors';
import { useAction } from '../../useAction';
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
 * Opens the session (the plan and the template sheets) and keeps it live while the section is open: each
 * re-validation after an edit replaces the view and is reported through `onAuto`.
 */
function useLiveSession(
  session: ValidationSession,
  alive: () => boolean,
  setView: (view: ValidationView) => void,
  onAuto: (sheets: readonly string[]) => void,
): LiveState {
  const { notifyError } = useNotices();
  const [live, setLive] = useState<LiveState>('starting');
  const autoRef = useRef(onAuto);
  autoRef.current = onAuto;
  useEffect(() => {
    // This effect's own: a session replaced (another port) must not keep a subscription that arrives late.
    let ended = false;
    let stop: (() => Promise<void>) | undefined;
    session.open().then(setView, (e: unknown) => {
      setView(session.current());
      if (alive()) notifyError(e);
    });
    const checked = (next: ValidationView, sheets: readonly string[]) => {
      if (ended) return;
      setView(next);
      autoRef.current(sheets);
    };
    session
      .watch(checked, (e) => alive() && notifyError(e))
      .then(
        (unsubscribe) => {
          if (ended || !alive()) return void unsubscribe();
          stop = unsubscribe;
          setLive('on');
        },
        (e: unknown) => {
          setLive('unavailable');
          // An Excel without change events is expected (manual checks still work); anything else is reported.
          if (alive() && portErrorCode(e) !== 'unsupported') notifyError(e);
        },
      );
    return () => {
      ended = true;
      if (stop) void stop();
    };
  }, [session, alive, setView, notifyError]);
  return live;
}

/**
 * The 校验 section's state for React: the flows (what is read, in which order, live re-validation, serialising) are
 * the validation session's (workbook/usecases/validationSession); this holds its view, the selection and the busy
 * state. A result or an error that arrives after the section closed is dropped.
 */
export function useValidation(): ValidationState {
  const port = useWorkbook();
  const t = useT();
  const locale = useLocale();
  const { notify, notifyError } = useNotices();
  const session = useMemo(() => validationSession(port), [port]);
  const [view, setView] = useState<ValidationView>({ templateSheets: [] });
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [autoAt, setAutoAt] = useState<{ at: Date; sheets: readonly string[] } | undefined>(undefined);
  const { busy, run: action, alive } = useAction<Exclude<ValidationBusy, undefined>>();
  const live = useLiveSession(session, alive, setView, (sheets) => setAutoAt({ at: new Date(), sheets }));

  /** A check the user asked for: its view replaces the last, and the "checked automatically" line goes. */
  const run = useCallback(
    async (kind: Exclude<ValidationBusy, undefined>, task: () => Promise<ValidationView>): Promise<boolean> => {
      const next = await action(kind, task);
      if (!next) return false;
      setView(next);
      setAutoAt(undefined);
      return true;
    },
    [action],
  );

  const sheets = view.templateSheets;
  const selected = chosen !== undefined && sheets.includes(chosen) ? chosen : sheets[0];
  const checkAll = useCallback(() => run('all', session.checkAll).then(() => undefined), [run, session]);
  const checkSelected = useCallback(async () => {
    if (selected !== undefined) await run('sheet', () => session.checkSheets([selected]));
  }, [run, session, selected]);

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
    async (problem: SheetProblem) => {
      if (!isFixable(problem)) return;
      if (!(await run('fix', () => session.fix(problem))) || !alive()) return;
      notify({
        intent: 'success',
        title: t('ui.validation.fixedTitle'),
        message: t('ui.validation.fixed', { sheet: problem.sheet, cell: problem.fix.cell, value: problem.fix.value }),
      });
    },
    [run, session, alive, notify, t],
  );

  const plan = view.active?.plan;
  const planProblems = view.active?.problems ?? [];
  const report = view.report;
  return {
    plan,
    templateSheets: sheets,
    selected,
    report,
    groups: report && plan ? problemGroups(report, planProblems, plan, t, locale) : [],
    summary: report ? summary(report, planProblems, t) : undefined,
    busy,
    live,
    autoRevalidated: autoAt ? autoRevalidatedText(autoAt.at, autoAt.sheets, t, locale) : undefined,
    select: setChosen,
    checkSelected,
    checkAll,
    goTo,
    fix,
  };
}
