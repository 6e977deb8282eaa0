import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { levelKey, runMessage } from '../../../domain/bulletin/escalation';
import type { ConsolidationProblem } from '../../../domain/consolidation/problems';
import type { ClaimState, Origin, SourcePick } from '../../../domain/consolidation/sources';
import type { Locale } from '../../../domain/i18n/messages';
import type { Plan } from '../../../domain/plan/schema';
import type { Period } from '../../../domain/validation/period';
import type { ParsedFile } from '../../../workbook/files/readXlsx';
import type { SheetInfo, WorkbookPort } from '../../../workbook/port';
import { BULLETIN_SECTIONS } from '../../../domain/bulletin/bulletinSheet';
import {
  CONSOLIDATION_STAGES,
  FILE_PROBLEM_KEYS,
  fileProblemParams,
  LEFT_OUT_STATES,
  type ConsolidationStage,
  type WorkbookConsolidation,
} from '../../../workbook/usecases/consolidate';
import {
  detectSources,
  estimateSources,
  listedPicks,
  openConsolidation,
  periodKey,
  periodsOf,
  previewPeriod,
  readImportedFiles,
  type DetectedSource,
} from '../../../workbook/usecases/consolidationSources';
import { runConsolidation } from '../../../workbook/usecases/runConsolidation';
import type { LastRun } from '../../../workbook/usecases/lastRun';
import { useLocale, useT, type MessageKey, type Translate } from '../../i18n';
import { useNotices } from '../../notices';
import { useAlive } from '../../useAlive';
import { useWorkbook } from '../../workbookContext';
import { defaultReportMonth } from '../../../domain/validation/period';
import { failureNotice, useLastRun } from './lastRun';

// ————— Pure view model (unit-tested without a DOM) —————

/** An imported department workbook: being read, or read (its problems, if any, are in `parsed`). */
export interface ImportedFile {
  readonly id: number;
  readonly name: string;
  readonly parsed?: ParsedFile;
}

export function periodText(p: Period | undefined, t: Translate): string {
  return p ? t('ui.consolidation.periodText', { year: p.year, month: p.month }) : t('ui.consolidation.periodUnknown');
}

export function originText(o: Origin, t: Translate): string {
  return o.kind === 'sheet' ? o.sheet : t('ui.consolidation.inFile', { file: o.file, sheet: o.sheet });
}

function campaignName(plan: Plan | undefined, id: string | undefined, locale: Locale): string {
  const c = plan?.campaigns.find((x) => x.id === id);
  if (!c) return id ?? '?';
  return locale === 'zh-CN' ? c.name : (c.nameEn ?? c.name);
}

export interface SourceRow {
  readonly id: string;
  readonly title: string;
  readonly line: string;
  readonly estimate: ClaimState;
  readonly estimateLabel: string;
  /** The pick that makes this source count (以此为准), where the office can choose (a conflict, or a pick to change). */
  readonly pick?: SourcePick;
}

/** A save time as the office reads it: date and time, in its own time zone. */
export function savedText(at: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(at));
}

export function sourceRows(
  sources: readonly DetectedSource[],
  period: Period | undefined,
  plan: Plan | undefined,
  t: Translate,
  locale: Locale,
  picks: readonly SourcePick[] = [],
): SourceRow[] {
  const estimates = estimateSources(sources, period, picks);
  return sources.map((s) => {
    const e = estimates.get(s.id);
    const state = e?.state ?? 'unknown';
    const line = t('ui.consolidation.sourceLine', {
      campaign: campaignName(plan, s.campaignId, locale),
      department: s.department ?? '?',
      period: periodText(s.period, t),
    });
    return {
      id: s.id,
      title: originText(s.origin, t),
      line:
        s.savedAt === undefined
          ? line
          : t('ui.consolidation.sourceLineSaved', { line, time: savedText(s.savedAt, locale) }),
      estimate: state,
      estimateLabel: t(`ui.consolidation.estimate.${state}`),
      ...(e?.pick ? { pick: e.pick } : {}),
    };
  });
}

/**
 * A file's state in the list: being read; read (every sheet); read, with problems (a sheet it could not read, no
 * template, or errors the last run found in its sheets); not readable at all.
 */
export type FileStatus = 'parsing' | 'read' | 'readWithProblems' | 'unreadable';

/** What the last run found in each imported file's sheets, by file name. */
export type FileFindings = ReadonlyMap<string, { readonly errors: number; readonly warnings: number }>;

/** The problems the last run found in each file's sheets (not the file's own reading problems), for the file list. */
export function fileFindings(last: LastRun | undefined): FileFindings {
  const found = new Map<string, { errors: number; warnings: number }>();
  if (!last?.ok) return found;
  for (const p of last.outcome.result.problems) {
    if (p.origin?.kind !== 'file' || p.key.startsWith('consolidation.file.')) continue;
    const f = found.get(p.origin.file) ?? { errors: 0, warnings: 0 };
    if (p.severity === 'error') f.errors += 1;
    else f.warnings += 1;
    found.set(p.origin.file, f);
  }
  return found;
}

export interface FileRow {
  readonly id: number;
  readonly name: string;
  readonly status: FileStatus;
  readonly text: string;
  /** When it was saved, and by what account (its own property or the file system's date); absent while reading. */
  readonly saved?: string;
}

/** A file's save time in words: which of a department's submissions counts depends on it (SPEC §8 Corrections). */
function fileSaved(parsed: ParsedFile, t: Translate, locale: Locale): string | undefined {
  if (parsed.sheets.length === 0) return undefined;
  if (parsed.savedAt === undefined) return t('ui.consolidation.savedUnknown');
  const time = savedText(parsed.savedAt, locale);
  return parsed.savedAtSource === 'file'
    ? t('ui.consolidation.savedByFile', { time })
    : t('ui.consolidation.savedByDocument', { time });
}

export function fileRows(
  files: readonly ImportedFile[],
  sources: readonly DetectedSource[],
  t: Translate,
  locale: Locale = 'zh-CN',
  found: FileFindings = new Map(),
): FileRow[] {
  return files.map((f): FileRow => {
    if (!f.parsed) return { id: f.id, name: f.name, status: 'parsing', text: t('ui.consolidation.fileParsing') };
    const saved = fileSaved(f.parsed, t, locale);
    const templates = sources.filter((s) => s.origin.kind === 'file' && s.origin.file === f.name).length;
    const problems = f.parsed.problems.map((p) =>
      t.problem({
        key: FILE_PROBLEM_KEYS[p.code],
        params: fileProblemParams(f.name, p),
      }),
    );
    if (templates === 0 && problems.length === 0)
      problems.push(
        t.problem({ key: FILE_PROBLEM_KEYS.noTemplates, params: { file: f.name, sheets: f.parsed.sheets.length } }),
      );
    // What the last run found in the file's sheets (its reading problems are those above).
    const run = found.get(f.name);
    const findings = run ? [t('ui.consolidation.fileFindings', { errors: run.errors, warnings: run.warnings })] : [];
    const status: Exclude<FileStatus, 'parsing'> =
      f.parsed.sheets.length === 0 && problems.length > 0
        ? 'unreadable'
        : problems.length > 0 || (run?.errors ?? 0) > 0
          ? 'readWithProblems'
          : 'read';
    const parts = [
      ...(templates > 0 ? [t('ui.consolidation.fileTemplates', { count: templates })] : []),
      ...problems,
      ...findings,
    ].join(t('ui.consolidation.listSeparator'));
    // The state first, in words (the badge only repeats it); an unreadable file's problem says so itself.
    const text = status === 'unreadable' ? parts : t(`ui.consolidation.fileState.${status}`, { detail: parts });
    return {
      id: f.id,
      name: f.name,
      status,
      text,
      ...(saved !== undefined ? { saved } : {}),
    };
  });
}

export interface ProblemItem {
  readonly id: string;
  readonly severity: ConsolidationProblem['severity'];
  readonly severityLabel: string;
  readonly text: string;
  /** For a problem in a sheet of this workbook: where clicking goes. */
  readonly goTo?: { readonly sheet: string; readonly cell: string };
}

function indicatorLabel(code: string, plan: Plan | undefined, locale: Locale): string {
  const ind = plan?.campaigns.flatMap((c) => c.indicators).find((i) => i.code === code);
  return ind ? `${code} ${locale === 'zh-CN' ? ind.name : (ind.nameEn ?? ind.name)}` : code;
}

function where(p: ConsolidationProblem, t: Translate): string | undefined {
  const o = p.origin;
  if (!o) return undefined;
  if (o.kind === 'sheet') return p.cell ? t('ui.consolidation.whereSheet', { sheet: o.sheet, cell: p.cell }) : o.sheet;
  if (o.sheet === '') return t('ui.consolidation.whereFileOnly', { file: o.file });
  return p.cell
    ? t('ui.consolidation.whereFile', { file: o.file, sheet: o.sheet, cell: p.cell })
    : t('ui.consolidation.whereFileSheet', { file: o.file, sheet: o.sheet });
}

export function problemItem(
  p: ConsolidationProblem,
  index: number,
  plan: Plan | undefined,
  t: Translate,
  locale: Locale,
): ProblemItem {
  const message = t.problem(p);
  const at = where(p, t);
  const body = p.indicator
    ? t('ui.consolidation.problemIndicator', { indicator: indicatorLabel(p.indicator, plan, locale), message })
    : message;
  return {
    id: `${index}`,
    severity: p.severity,
    severityLabel: t(p.severity === 'error' ? 'severity.error' : 'severity.warning'),
    text: at === undefined ? body : t('ui.consolidation.problemRow', { where: at, message: body }),
    ...(p.origin?.kind === 'sheet' && p.cell !== undefined ? { goTo: { sheet: p.origin.sheet, cell: p.cell } } : {}),
  };
}

/** One line of the pane's 督办清单: the indicator and its run, then each month's light and reason. */
export interface SupervisionView {
  readonly level: 'supervision' | 'inspection';
  readonly title: string;
  readonly months: readonly string[];
}

/** A place in the workbook the pane leads to (a 通报 section, 汇总's 督办清单): one activate, 1 round trip. */
export interface CellTarget {
  readonly sheet: string;
  readonly cell: string;
}

/** A link to a section's heading: what it says, and where it goes. */
export interface SectionLink {
  readonly id: string;
  readonly label: string;
  readonly goTo: CellTarget;
}

/** A lead department's 考核得分 as the pane lists it: rank (shared by equal scores), name, score to 2 decimals. */
export interface ScoreView {
  readonly rank: number;
  readonly department: string;
  readonly score: string;
}

/** The month's headline (SPEC §10): lights, the change since last month, the 督办 count, and the 督办清单. */
export interface HeadlineView {
  readonly lines: readonly string[];
  readonly supervision: readonly SupervisionView[];
  /** 通报 一…六 (and its annex), then 汇总's 督办清单: each selects its heading cell. */
  readonly links: readonly SectionLink[];
  /** Ranked departments, best first (those without a scored indicator are counted in `unscored`, not listed). */
  readonly scores: readonly ScoreView[];
  readonly unscored: number;
}

/** The links to the sections of the 通报 the run wrote, and to 汇总's 督办清单, in the pane's language. */
export function sectionLinks(outcome: WorkbookConsolidation, t: Translate): SectionLink[] {
  const { bulletin, supervision } = outcome.sections;
  return [
    ...(bulletin
      ? BULLETIN_SECTIONS.map((k) => ({
          id: `bulletin.${k}`,
          label: t(`ui.consolidation.section.${k}`),
          goTo: { sheet: bulletin.sheet, cell: bulletin.cells[k] },
        }))
      : []),
    ...(supervision
      ? [
          {
            id: 'summary.supervision',
            label: t('ui.consolidation.section.summarySupervision', { summary: supervision.sheet }),
            goTo: supervision,
          },
        ]
      : []),
  ];
}

/** Selects a cell for the user: one activate (1 round trip in Excel); a failure is shown, never thrown. */
export async function goToCell(
  port: Pick<WorkbookPort, 'activate'>,
  target: CellTarget | undefined,
  notifyError: (e: unknown) => void,
): Promise<void> {
  if (!target) return;
  try {
    await port.activate(target.sheet, target.cell);
  } catch (e) {
    notifyError(e);
  }
}

export interface ResultView {
  readonly title: string;
  /** Absent when the run had no period. */
  readonly headline?: HeadlineView;
  readonly text: string;
  readonly intent: 'success' | 'warning';
  readonly by: string;
  readonly pairs: readonly { readonly label: string; readonly value: string }[];
  readonly leftOut: readonly string[];
  readonly problems: readonly ProblemItem[];
}

export function timeText(at: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(new Date(at));
}

/** The result in a sentence: the period, the sheets, the lights asking for action, and any 数据有误 / 待核实 (SPEC §6). */
function doneText(outcome: WorkbookConsolidation, period: string, leftOut: number, t: Translate): string {
  const { lights, used } = outcome.counts;
  const text = t('ui.consolidation.doneText', { period, used, leftOut, red: lights.red, yellow: lights.yellow });
  if (lights.invalid + lights.doubtful === 0) return text;
  return (
    text +
    t('ui.consolidation.doneDataStates', {
      invalid: lights.invalid,
      doubtful: lights.doubtful,
      summary: outcome.summarySheet,
    })
  );
}

/** The headline of the month, from the run's bulletin (the same figures as 汇总's trend columns and 督办清单). */
export function headlineView(
  outcome: WorkbookConsolidation,
  plan: Plan | undefined,
  t: Translate,
  locale: Locale,
): HeadlineView | undefined {
  const bulletin = outcome.bulletin;
  if (!bulletin) return undefined;
  const { red, yellow, green } = outcome.counts.lights;
  const changes = { better: 0, same: 0, worse: 0 };
  let uncompared = 0;
  for (const tr of bulletin.trends) {
    if (tr.change) changes[tr.change] += 1;
    else uncompared += 1;
  }
  const count = (level: 'supervision' | 'inspection') => bulletin.supervision.filter((s) => s.level === level).length;
  const scores = bulletin.scores.flatMap((d): ScoreView[] =>
    d.score === null || d.rank === undefined
      ? []
      : [{ rank: d.rank, department: d.department, score: d.score.toFixed(2) }],
  );
  return {
    links: sectionLinks(outcome, t),
    scores,
    unscored: bulletin.scores.length - scores.length,
    lines: [
      t('ui.consolidation.headlineLights', { red, yellow, green }),
      t('ui.consolidation.headlineChanges', changes) +
        (uncompared > 0 ? t('ui.consolidation.headlineUncompared', { count: uncompared }) : ''),
      t('ui.consolidation.headlineSupervision', {
        supervision: count('supervision'),
        inspection: count('inspection'),
      }),
    ],
    supervision: bulletin.supervision.map((s) => ({
      level: s.level,
      title: t('ui.consolidation.supervisionItem', {
        level: t(levelKey(s.level)),
        indicator: indicatorLabel(s.code, plan, locale),
        department: s.department,
        run: t.problem(runMessage(s)),
      }),
      months: s.months.map((m) =>
        t('ui.consolidation.supervisionMonth', {
          month: m.month,
          light: t(`light.${m.light}`),
          reason: m.reason === '' ? t('ui.consolidation.supervisionNoReason') : m.reason,
        }),
      ),
    })),
  };
}

/** 报送情况 in words: the expected submissions by state, with 已更正, 待核实 and 逾期 noted. */
function matrixPair(outcome: WorkbookConsolidation, t: Translate): { readonly label: string; readonly value: string } {
  const { counts } = outcome;
  return {
    label: t('ui.consolidation.result.matrix'),
    value:
      t('ui.consolidation.result.matrixValue', { expected: counts.expected, ...counts.matrix }) +
      (counts.corrected > 0 ? t('ui.consolidation.result.matrixCorrected', { count: counts.corrected }) : '') +
      (counts.doubtful > 0 ? t('ui.consolidation.result.matrixDoubtful', { count: counts.doubtful }) : '') +
      (outcome.overdue.length > 0 ? t('ui.consolidation.result.matrixOverdue', { count: outcome.overdue.length }) : ''),
  };
}

/** 历史: the months recorded from the reports and those kept, or that a hand-edited 历史 was left as typed. */
function historyPairs(
  outcome: WorkbookConsolidation,
  t: Translate,
): { readonly label: string; readonly value: string }[] {
  const { history } = outcome;
  if (history.state === 'none') return [];
  return [
    {
      label: t('ui.consolidation.result.history'),
      value:
        history.state === 'written'
          ? t('ui.consolidation.result.historyValue', {
              recomputed: history.recomputed.length,
              kept: history.kept.length,
            })
          : t('ui.consolidation.result.historyNotWritten', { sheet: history.sheet }),
    },
  ];
}

export function resultView(
  outcome: WorkbookConsolidation,
  run: Pick<LastRun, 'source' | 'at'>,
  plan: Plan | undefined,
  t: Translate,
  locale: Locale,
): ResultView {
  const { result, counts } = outcome;
  const sep = t('ui.consolidation.listSeparator');
  const leftOutTotal = LEFT_OUT_STATES.reduce((n, k) => n + counts.leftOut[k], 0);
  const leftOutParts = LEFT_OUT_STATES.filter((k) => counts.leftOut[k] > 0).map((k) =>
    t(`ui.consolidation.leftOutCount.${k}`, { count: counts.leftOut[k] }),
  );
  const period = periodText(result.period, t);
  const pairs = [
    { label: t('ui.consolidation.result.period'), value: result.period ? period : t('ui.consolidation.doneNoPeriod') },
    {
      label: t('ui.consolidation.result.sources'),
      value: t('ui.consolidation.result.sourcesValue', { used: counts.used, sources: counts.sources }),
    },
    {
      label: t('ui.consolidation.result.leftOut'),
      value: leftOutParts.length ? leftOutParts.join(sep) : t('ui.consolidation.result.none'),
    },
    {
      label: t('ui.consolidation.result.lights'),
      value: t('ui.consolidation.result.lightsValue', { ...counts.lights }),
    },
    matrixPair(outcome, t),
    ...historyPairs(outcome, t),
    {
      label: t('ui.consolidation.result.values'),
      value: t('ui.consolidation.result.valuesValue', { details: counts.details, used: counts.detailsUsed }),
    },
    ...(counts.files > 0
      ? [
          {
            label: t('ui.consolidation.result.files'),
            value: t('ui.consolidation.result.filesValue', { files: counts.files, problems: counts.filesWithProblems }),
          },
        ]
      : []),
    {
      label: t('ui.consolidation.result.problems'),
      value: t('ui.consolidation.result.problemsValue', { errors: counts.errors, warnings: counts.warnings }),
    },
  ];
  const leftOut = result.sources
    .filter((s) => s.state !== 'included')
    .map((s) => {
      const reason = t.problem({
        key: `consolidation.why.${s.state}` as MessageKey,
        params: s.period ? { year: s.period.year, month: s.period.month } : {},
      });
      const origin = originText(s.origin, t);
      return s.department !== undefined
        ? t('ui.consolidation.leftOutItem', { origin, department: s.department, reason })
        : t('ui.consolidation.leftOutItemNoDepartment', { origin, reason });
    });
  const headline = headlineView(outcome, plan, t, locale);
  return {
    title: t('ui.consolidation.doneTitle', { summary: outcome.summarySheet, detail: outcome.detailSheet }),
    ...(headline ? { headline } : {}),
    text: doneText(outcome, period, leftOutTotal, t),
    intent: counts.errors > 0 || leftOutTotal > 0 ? 'warning' : 'success',
    by: t(run.source === 'ribbon' ? 'ui.consolidation.doneByRibbon' : 'ui.consolidation.doneByPane', {
      time: timeText(run.at, locale),
    }),
    pairs,
    leftOut,
    problems: result.problems.map((p, i) => problemItem(p, i, plan, t, locale)),
  };
}

export interface Progress {
  readonly stage: ConsolidationStage;
  /** 0 … 1, the share of stages begun. */
  readonly value: number;
  readonly text: string;
}

export function progressOf(stage: ConsolidationStage, t: Translate): Progress {
  const index = CONSOLIDATION_STAGES.indexOf(stage);
  const total = CONSOLIDATION_STAGES.length;
  return {
    stage,
    value: (index + 1) / total,
    text: t('ui.consolidation.stageProgress', { step: index + 1, total, stage: t(`ui.consolidation.stage.${stage}`) }),
  };
}

// ————— The hook —————

export interface ConsolidationState {
  readonly plan: Plan | undefined;
  readonly sources: readonly SourceRow[];
  readonly files: readonly FileRow[];
  readonly periods: readonly { readonly key: string; readonly text: string }[];
  readonly period: { readonly key: string; readonly text: string } | undefined;
  readonly progress: Progress | undefined;
  readonly busy: boolean;
  readonly result: ResultView | undefined;
  refresh(): Promise<void>;
  importFiles(files: readonly File[]): Promise<void>;
  removeFile(id: number): void;
  selectPeriod(key: string): void;
  run(): Promise<void>;
  /** 以此为准: the source that counts for its department, campaign and period; consolidates at once. */
  choose(id: string): Promise<void>;
  /** Selects a problem's cell, or a section's heading (1 round trip). */
  goTo(item: { readonly goTo?: CellTarget }): Promise<void>;
}

/** The department workbooks imported into the pane: read and parsed as they are picked (the reader loads lazily). */
function useImportedFiles() {
  const { notifyError } = useNotices();
  const alive = useAlive();
  const [files, setFiles] = useState<readonly ImportedFile[]>([]);
  const nextId = useRef(1);

  const importFiles = useCallback(
    async (picked: readonly File[]) => {
      if (picked.length === 0) return;
      const entries = picked.map((f): ImportedFile => ({ id: nextId.current++, name: f.name }));
      const names = new Set(entries.map((e) => e.name));
      // A file imported again under the same name (a department re-sent it) replaces the earlier one.
      setFiles((prev) => [...prev.filter((f) => !names.has(f.name)), ...entries]);
      const { files: parsed, error } = await readImportedFiles(picked);
      if (error !== undefined && alive()) notifyError(error);
      const byId = new Map(entries.map((e, i) => [e.id, parsed[i]]));
      setFiles((prev) => prev.map((f) => ({ ...f, ...(byId.has(f.id) ? { parsed: byId.get(f.id) } : {}) })));
    },
    [alive, notifyError],
  );
  const removeFile = useCallback((id: number) => setFiles((prev) => prev.filter((f) => f.id !== id)), []);
  return { files, importFiles, removeFile };
}

/** The picks (以此为准) in force: those the last run kept (written into 汇总's marker), else those listed there. */
export function picksInForce(last: LastRun | undefined, sheets: readonly SheetInfo[]): readonly SourcePick[] {
  return last?.ok ? (last.outcome.result.picks ?? []) : listedPicks(sheets);
}

/**
 * 以此为准 records the pick by consolidating at once: the pick is kept in 汇总's marker, where the next run — the
 * ribbon's too — finds it, and the summary the leaders read shows the decision without another click. (Only marking
 * it for the next run would leave 汇总 showing the conflict, and lose the pick if the pane closed before a run.)
 */
function useChoose(sources: readonly SourceRow[], run: (picks: readonly SourcePick[]) => Promise<void>) {
  return useCallback(
    async (id: string) => {
      const pick = sources.find((r) => r.id === id)?.pick;
      if (pick) await run([pick]);
    },
    [sources, run],
  );
}

/** 一键汇总 from the pane: the shared use case (also the ribbon's), its stages shown as they begin. */
function useRun(files: readonly ImportedFile[], period: Period | undefined) {
  const port = useWorkbook();
  const t = useT();
  const locale = useLocale();
  const { notify } = useNotices();
  const alive = useAlive();
  const [stage, setStage] = useState<ConsolidationStage | undefined>(undefined);
  const run = useCallback(
    async (picks: readonly SourcePick[] = []) => {
      setStage('read');
      try {
        const parsed = files.flatMap((f) => (f.parsed ? [f.parsed] : []));
        const done = await runConsolidation(port, 'pane', {
          files: parsed,
          language: locale, // the 通报 in the pane's language
          ...(period ? { period } : {}),
          ...(picks.length > 0 ? { picks } : {}),
          // Committed at once (not batched): the stage is on screen before the next, possibly long, step runs.
          onStage: (s) => flushSync(() => setStage(s)),
        });
        if (!done.ok && alive()) notify(failureNotice(done.failure, 'pane', t));
      } finally {
        setStage(undefined);
      }
    },
    [port, files, period, locale, alive, notify, t],
  );
  return { stage, run };
}

/**
 * The 汇总 section's state for React. What the workbook's sheets and the imported files would give, by their
 * markers, is the use case's preview (workbook/usecases/consolidationSources: the domain's rules); files are read
 * and parsed as they are imported; 一键汇总 runs the shared use case, whose outcome (this pane's or the ribbon's)
 * is shown from lastRun.
 */
export function useConsolidation(): ConsolidationState {
  const port = useWorkbook();
  const t = useT();
  const locale = useLocale();
  const { notifyError } = useNotices();
  const alive = useAlive();
  const last = useLastRun();
  const [plan, setPlan] = useState<Plan | undefined>(undefined);
  const [sheets, setSheets] = useState<readonly SheetInfo[]>([]);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const { files, importFiles, removeFile } = useImportedFiles();

  const refresh = useCallback(async () => {
    try {
      const opened = await openConsolidation(port);
      setSheets(opened.sheets);
      if (opened.plan) setPlan(opened.plan);
      if (opened.error !== undefined && alive()) notifyError(opened.error);
    } catch (e) {
      if (alive()) notifyError(e);
    }
  }, [port, alive, notifyError]);
  useEffect(() => void refresh(), [refresh]);

  const detectedSources = useMemo(() => detectSources(sheets, files, plan), [sheets, files, plan]);
  const periods = useMemo(() => periodsOf(detectedSources), [detectedSources]);
  const year = plan?.year ?? new Date().getFullYear();
  const fallback = previewPeriod(detectedSources, year, defaultReportMonth(year, new Date()));
  const period = periods.find((p) => periodKey(p) === chosen) ?? fallback;
  const { stage, run } = useRun(files, period);
  const picks = useMemo(() => picksInForce(last, sheets), [last, sheets]);
  const sources = sourceRows(detectedSources, period, plan, t, locale, picks);
  const choose = useChoose(sources, run);

  const goTo = useCallback(
    (item: { readonly goTo?: CellTarget }) => goToCell(port, item.goTo, notifyError),
    [port, notifyError],
  );

  const fileList = useMemo(
    () => fileRows(files, detectedSources, t, locale, fileFindings(last)),
    [files, detectedSources, t, locale, last],
  );
  const result = useMemo(
    () => (last?.ok ? resultView(last.outcome, last, plan, t, locale) : undefined),
    [last, plan, t, locale],
  );
  const option = (p: Period) => ({ key: periodKey(p), text: periodText(p, t) });
  return {
    plan,
    sources,
    files: fileList,
    periods: periods.map(option),
    period: period ? option(period) : undefined,
    progress: stage ? progressOf(stage, t) : undefined,
    busy: stage !== undefined || files.some((f) => !f.parsed),
    result,
    refresh,
    importFiles,
    removeFile,
    selectPeriod: setChosen,
    run: () => run(),
    choose,
    goTo,
  };
}
