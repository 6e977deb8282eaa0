import type { LightCounts } from '../consolidation/aggregate';
import type { Consolidation } from '../consolidation/consolidate';
import type { MatrixCell, SubmissionState } from '../consolidation/matrix';
import { samePeriod } from '../consolidation/values';
import { BULLETIN_EN } from '../i18n/bulletin.en';
import { BULLETIN_ZH, type BulletinMessageKey } from '../i18n/bulletin.zh';
import { BULLETIN_SHEET_EN } from '../i18n/bulletinSheet.en';
import { BULLETIN_SHEET_ZH, type BulletinSheetMessageKey } from '../i18n/bulletinSheet.zh';
import { CONSOLIDATION_EN } from '../i18n/consolidation.en';
import { CONSOLIDATION_ZH, type ConsolidationMessageKey } from '../i18n/consolidation.zh';
import { describeProblem, formatMessage, type MessageParams, type Messages } from '../i18n/messages';
import { WORDS_EN } from '../i18n/words.en';
import { WORDS_ZH, type WordMessageKey } from '../i18n/words.zh';
import type { MonthBulletin } from './monthBulletin';
import type { Trend } from './trend';
import { timeliness, type Timeliness, type TimelinessSettings } from './timeliness';

/**
 * The 通报's words (SPEC §10) in the sheet's language, and what it says in sentences: the generated 总体情况 and the
 * counts behind them, computed from the same consolidation and bulletin the tables of the sheet show.
 */

export type BulletinLanguage = 'zh' | 'en';

export type BulletinSheetWordKey =
  BulletinSheetMessageKey | BulletinMessageKey | ConsolidationMessageKey | WordMessageKey;

/** The column headers' names (bulletinSheet.column.…). */
export type ColumnName = BulletinSheetMessageKey extends infer K
  ? K extends `bulletinSheet.column.${infer C}`
    ? C
    : never
  : never;

export interface Words {
  readonly language: BulletinLanguage;
  readonly table: Messages<BulletinSheetWordKey>;
  t(key: BulletinSheetWordKey, params?: MessageParams): string;
  /** A message whose `…Key` parameters are other message keys (runMessage). */
  describe(message: { readonly key: BulletinSheetWordKey; readonly params: MessageParams }): string;
  /** A matrix cell in words: its state, noted 已更正 / 待核实 / 逾期 where so (as 汇总's matrix, plus 逾期). */
  matrixText(cell: Pick<MatrixCell, 'state' | 'corrected' | 'doubtful'>, overdue: boolean): string;
}

const TABLES: Readonly<Record<BulletinLanguage, Messages<BulletinSheetWordKey>>> = {
  zh: { ...WORDS_ZH, ...CONSOLIDATION_ZH, ...BULLETIN_ZH, ...BULLETIN_SHEET_ZH },
  en: { ...WORDS_EN, ...CONSOLIDATION_EN, ...BULLETIN_EN, ...BULLETIN_SHEET_EN },
};

export function bulletinWords(language: BulletinLanguage = 'zh'): Words {
  const table = TABLES[language];
  const t = (key: BulletinSheetWordKey, params?: MessageParams): string => formatMessage(table, key, params);
  return {
    language,
    table,
    t,
    describe: (message) => describeProblem(message, table),
    matrixText: (cell, overdue) => {
      const notes = [
        ...(cell.corrected ? [t('consolidation.state.corrected')] : []),
        ...(cell.doubtful ? [t('data.doubtful')] : []),
        ...(overdue ? [t('bulletinSheet.matrix.overdue')] : []),
      ];
      const state = t(`consolidation.state.${cell.state}`);
      if (notes.length === 0) return state;
      return language === 'zh' ? `${state}（${notes.join('、')}）` : `${state} (${notes.join(', ')})`;
    },
  };
}

// ————— submissions —————

/**
 * Whether the submission that counts in a matrix cell was on time: judged on the included sheets of its department,
 * campaign and period (a file's save time; a sheet of this workbook has none: unknown). Only 已报 cells are judged.
 */
export function timelinessOfCell(
  result: Pick<Consolidation, 'sources' | 'period'>,
  cell: Pick<MatrixCell, 'department' | 'campaignId' | 'state'>,
  settings: TimelinessSettings,
): Timeliness | undefined {
  const period = result.period;
  if (cell.state !== 'submitted' || !period) return undefined;
  const counted = result.sources.filter(
    (s) =>
      s.state === 'included' &&
      s.department === cell.department &&
      s.campaignId === cell.campaignId &&
      samePeriod(s.period, period),
  );
  const judged = counted.map((s) => timeliness(period, s.savedAt, settings));
  if (judged.includes('overdue')) return 'overdue';
  if (judged.length === 0 || judged.includes('unknown')) return 'unknown';
  return 'onTime';
}

export interface SubmissionCounts {
  /** Departments expected to report at least one campaign. */
  readonly departments: number;
  /** Reports expected (department × campaign cells of the matrix). */
  readonly expected: number;
  readonly byState: Readonly<Record<Exclude<SubmissionState, 'notExpected'>, number>>;
  readonly onTime: number;
  readonly overdue: number;
  readonly unknown: number;
  /**
   * Reports from departments the plan does not expect for that campaign (a share sent by a department the plan
   * does not name): counted in 汇总 and marked in the matrix, so the sentence says them too, apart from what is owed.
   */
  readonly unplanned: { readonly submitted: number; readonly overdue: number };
}

/** The expected reports of the matrix by state, and the submitted ones by timeliness. */
export function submissionCounts(
  result: Pick<Consolidation, 'sources' | 'period' | 'matrix'>,
  settings: TimelinessSettings,
): SubmissionCounts {
  const all = result.matrix.rows.flat();
  const cells = all.filter((c) => c.expected);
  const n = (s: SubmissionState): number => cells.filter((c) => c.state === s).length;
  const times = cells.map((c) => timelinessOfCell(result, c, settings));
  const t = (x: Timeliness): number => times.filter((y) => y === x).length;
  const unplanned = all.filter((c) => !c.expected && c.state === 'submitted');
  return {
    departments: new Set(cells.map((c) => c.department)).size,
    expected: cells.length,
    byState: {
      submitted: n('submitted'),
      missing: n('missing'),
      invalid: n('invalid'),
      conflict: n('conflict'),
      otherPeriod: n('otherPeriod'),
    },
    onTime: t('onTime'),
    overdue: t('overdue'),
    unknown: t('unknown'),
    unplanned: {
      submitted: unplanned.length,
      overdue: unplanned.filter((c) => timelinessOfCell(result, c, settings) === 'overdue').length,
    },
  };
}

// ————— 一、总体情况 —————

/** The month's headline in figures: what 一、总体情况 says, for the pane's headline to show the same. */
export interface BulletinHeadline {
  readonly indicators: number;
  readonly counts: LightCounts;
  /** Lights that cannot be computed (a reported value, a plan or arithmetic failure). */
  readonly unknown: number;
  /** Since last month; absent when no indicator has a record last month (January, or no history). */
  readonly change?: {
    readonly better: number;
    readonly same: number;
    readonly worse: number;
    readonly incomparable: number;
  };
  readonly supervision: { readonly total: number; readonly supervised: number; readonly inspected: number };
  readonly submissions: SubmissionCounts;
}

export function bulletinHeadline(
  input: { readonly result: Consolidation; readonly bulletin: MonthBulletin },
  settings: TimelinessSettings,
): BulletinHeadline {
  const { result, bulletin } = input;
  const indicators = result.campaigns.flatMap((c) => c.indicators);
  const changes = (x: Trend['change']): number => bulletin.trends.filter((t) => t.change === x).length;
  const supervised = bulletin.supervision.filter((s) => s.level === 'supervision').length;
  return {
    indicators: indicators.length,
    counts: result.counts,
    unknown: indicators.filter((s) => s.light === null && s.dataState !== 'invalid').length,
    ...(bulletin.trends.some((t) => t.previous !== undefined)
      ? {
          change: {
            better: changes('better'),
            same: changes('same'),
            worse: changes('worse'),
            incomparable: changes(null),
          },
        }
      : {}),
    supervision: {
      total: bulletin.supervision.length,
      supervised,
      inspected: bulletin.supervision.length - supervised,
    },
    submissions: submissionCounts(result, settings),
  };
}

/**
 * The sentences of 一、总体情况, numbered （1）（2）…: the indicators and their lights (all green said so; lights that
 * cannot be computed and values to verify only when there are any); the change since last month, only when some
 * indicator has a record last month (none in January or without history); 督办; the submissions, on time or late.
 */
export function overviewSentences(
  input: { readonly result: Consolidation; readonly bulletin: MonthBulletin },
  w: Words,
  settings: TimelinessSettings,
): string[] {
  const h = bulletinHeadline(input, settings);
  const { green, yellow, red, none, invalid, doubtful } = h.counts;
  const total = h.indicators;
  const sentences: string[] = [];
  const next = (): number => sentences.length + 1;
  const sep = w.language === 'zh' ? '' : ' ';

  sentences.push(
    [
      w.t('bulletinSheet.overview.lights', { n: next(), total, green, yellow, red, none, invalid }),
      ...(total > 0 && green === total ? [w.t('bulletinSheet.overview.allGreen')] : []),
      ...(h.unknown > 0 ? [w.t('bulletinSheet.overview.unknown', { count: h.unknown })] : []),
      ...(doubtful > 0 ? [w.t('bulletinSheet.overview.doubtful', { count: doubtful })] : []),
    ].join(sep),
  );

  if (h.change) {
    const { better, same, worse, incomparable } = h.change;
    sentences.push(
      [
        w.t('bulletinSheet.overview.change', { n: next(), better, same, worse }),
        ...(incomparable > 0 ? [w.t('bulletinSheet.overview.incomparable', { count: incomparable })] : []),
      ].join(sep),
    );
  }

  sentences.push(
    h.supervision.total === 0
      ? w.t('bulletinSheet.overview.noSupervision', { n: next() })
      : w.t('bulletinSheet.overview.supervision', { n: next(), ...h.supervision }),
  );

  const s = h.submissions;
  const unplanned = s.unplanned.submitted > 0 ? w.t('bulletinSheet.overview.unplanned', { ...s.unplanned }) : '';
  sentences.push(
    (s.expected > 0 && s.byState.missing === s.expected
      ? w.t('bulletinSheet.overview.nothingSubmitted', { n: next(), departments: s.departments, expected: s.expected })
      : w.t('bulletinSheet.overview.submissions', {
          n: next(),
          departments: s.departments,
          expected: s.expected,
          ...s.byState,
          onTime: s.onTime,
          overdue: s.overdue,
          unknown: s.unknown,
        })) + unplanned,
  );
  return sentences;
}
