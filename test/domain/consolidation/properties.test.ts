import fc from 'fast-check';
import { consolidate, type Consolidation, type Source } from '../../../src/domain/consolidation/consolidate';
import type { DetailRecord } from '../../../src/domain/consolidation/details';
import { originKey, type Origin } from '../../../src/domain/consolidation/sources';
import { detailSheet, summarySheet } from '../../../src/domain/consolidation/outputs';
import type { Indicator } from '../../../src/domain/plan/schema';
import type { CellSpec, SheetSpec } from '../../../src/domain/grid/sheetSpec';
import type { LiteralValue, CellValue } from '../../../src/domain/grid/cells';
import type { Period } from '../../../src/domain/validation/period';
import {
  PLAN,
  campaign,
  fill,
  inputAddress,
  insertColumn,
  insertRow,
  moved,
  put,
  templateGrid,
  type Grid,
} from './fixtures';

/**
 * The consolidation invariants (issue item 5) over generated sets of department sheets and files: templates built
 * by the real generator, random values typed into their input cells (valid, invalid, blank, dangerous text),
 * random rows and columns inserted, random names, duplicates and other periods.
 */

const CAMPAIGNS = ['C1', 'C2', 'C3'] as const;
const DEPARTMENTS = ['投资促进中心', '经信商务局', '发展改革局', '综合执法局'] as const;
/** Marks text that came from a source, so that a test can tell it never reached a formula. */
const TOKEN = '§';
const NAME_TOKEN = '¤';

type Values = Record<string, { actual?: CellValue; prior?: CellValue; reason?: CellValue }>;

interface Submission {
  readonly campaignId: (typeof CAMPAIGNS)[number];
  readonly department: string;
  readonly month: number;
  readonly values: Values;
  readonly asFile: boolean;
  readonly file: string;
  readonly insertRowBefore?: number;
  readonly insertColumnBefore?: number;
  /** A broken structure: this indicator's code cell overwritten with an unknown code. */
  readonly damaged?: string;
}

const invalid: fc.Arbitrary<CellValue> = fc.constantFrom<CellValue>(
  '约5',
  '7亿',
  { error: '#N/A' },
  'abc',
  '   ',
  true,
  -3,
  '1,5',
);

function validNumber(ind: Indicator): fc.Arbitrary<CellValue> {
  switch (ind.kind) {
    case 'growth':
      return fc.integer({ min: 1, max: 500 });
    case 'count':
      return fc.integer({ min: 0, max: 2 * (ind.target ?? ind.stretch ?? 5) });
    case 'rank':
      return fc.integer({ min: 1, max: 8 });
    case 'share':
      return fc.integer({ min: -20, max: 30 }).map((n) => n / 10); // points: -2.0 to 3.0 个百分点
    case 'floor':
    case 'milestone':
      return fc.integer({ min: 0, max: 100 }).map((n) => n / 100);
    default:
      return fc.integer({ min: 0, max: Math.round(150 * (ind.target ?? ind.stretch ?? 10)) }).map((n) => n / 100);
  }
}

const cellArb = (ind: Indicator): fc.Arbitrary<CellValue | undefined> =>
  fc.option(fc.oneof({ weight: 6, arbitrary: validNumber(ind) }, { weight: 1, arbitrary: invalid }), {
    nil: undefined,
    freq: 3,
  });

/** Reasons that would be formulas, numbers or commands if written carelessly. */
const reasonArb: fc.Arbitrary<CellValue | undefined> = fc.option(
  fc
    .tuple(
      fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '=SUM(A1:A9)', "=cmd|' /C calc'!A0", '', ' '),
      fc.string({ maxLength: 6 }),
    )
    .map(([p, s]) => `${p}${TOKEN}${s}`),
  { nil: undefined, freq: 3 },
);

function valuesArb(campaignId: string): fc.Arbitrary<Values> {
  const inds = campaign(campaignId).indicators;
  return fc
    .tuple(
      ...inds.map((ind) =>
        fc.record({
          actual: cellArb(ind),
          // A stray value in the 上年同期 cell of a non-growth row, now and then.
          prior:
            ind.kind === 'growth'
              ? cellArb(ind)
              : fc.oneof(
                  { weight: 19, arbitrary: fc.constant(undefined) },
                  { weight: 1, arbitrary: fc.constant<CellValue>(5) },
                ),
          reason: reasonArb,
        }),
      ),
    )
    .map((rows) => Object.fromEntries(inds.map((ind, i) => [ind.code, rows[i] ?? {}])));
}

const submissionArb: fc.Arbitrary<Submission> = fc
  .record({
    campaignId: fc.constantFrom(...CAMPAIGNS),
    department: fc.constantFrom(...DEPARTMENTS),
    month: fc.constantFrom(5, 6, 6, 6),
    asFile: fc.boolean(),
    file: fc.constantFrom(`a${NAME_TOKEN}.xlsx`, `=b${NAME_TOKEN}.xlsx`),
    insertRowBefore: fc.option(fc.integer({ min: 1, max: 25 }), { nil: undefined }),
    insertColumnBefore: fc.option(fc.integer({ min: 2, max: 16 }), { nil: undefined }),
    damage: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.nat() }),
  })
  .chain(({ damage, ...s }) =>
    valuesArb(s.campaignId).map((values): Submission => {
      const inds = campaign(s.campaignId).indicators;
      const damaged = damage === undefined ? undefined : inds[damage % inds.length]?.code;
      return { ...s, values, ...(damaged ? { damaged } : {}) };
    }),
  );

const namesArb = (n: number): fc.Arbitrary<string[]> =>
  fc
    .array(fc.constantFrom("部门's 表", 'Sheet 1', '=x', '+报表', '表'), { minLength: n, maxLength: n })
    .map((ps) => ps.map((p, i) => `${p}${NAME_TOKEN}${i}`));

const setArb = fc
  .array(submissionArb, { minLength: 1, maxLength: 6 })
  .chain((subs) => namesArb(subs.length).map((names) => ({ subs, names })));

function gridOf(s: Submission, name: string, edits = true): Grid {
  let g = fill(templateGrid(s.campaignId, s.department, { month: s.month, name }), s.values);
  if (s.damaged) g = put(g, { [`B${inputAddress(s.damaged, 'actual').slice(1)}`]: 'C9-99' });
  if (edits && s.insertColumnBefore !== undefined) g = insertColumn(g, s.insertColumnBefore);
  if (edits && s.insertRowBefore !== undefined) g = insertRow(g, s.insertRowBefore);
  return g;
}

function sourceOf(s: Submission, name: string, edits = true): Source {
  const sheet = gridOf(s, name, edits);
  const origin: Origin = s.asFile ? { kind: 'file', file: s.file, sheet: name } : { kind: 'sheet', sheet: name };
  return { origin, sheet };
}

const sourcesOf = ({ subs, names }: { subs: Submission[]; names: string[] }): Source[] =>
  subs.map((s, i) => sourceOf(s, names[i] ?? `s${i}`));

const literal = (v: CellValue): LiteralValue => (v !== null && typeof v === 'object' ? v.error : v);
const isValue = (v: CellValue | undefined): v is CellValue => v !== undefined && v !== null && v !== '';

/**
 * What a person typed, as (origin, code, field, cell, value) keys: the detail must hold exactly these. The row of
 * a damaged code cannot be read: its values are covered by the structure problem instead (checked separately).
 */
function typed(subs: readonly Submission[], sources: readonly Source[]): string[] {
  return subs.flatMap((s, i) =>
    Object.entries(s.values)
      .filter(([code]) => code !== s.damaged)
      .flatMap(([code, v]) =>
        (['actual', 'prior', 'reason'] as const).flatMap((field) => {
          const value = v[field];
          if (!isValue(value)) return [];
          const cell = moved(
            moved(inputAddress(code, field), undefined, s.insertColumnBefore),
            s.insertRowBefore,
            undefined,
          );
          return [
            JSON.stringify([
              originKey(sources[i]?.origin ?? { kind: 'sheet', sheet: '' }),
              code,
              field,
              cell,
              literal(value),
            ]),
          ];
        }),
      ),
  );
}

const detailKey = (d: DetailRecord): string => JSON.stringify([originKey(d.origin), d.code, d.field, d.cell, d.value]);
const sorted = (xs: readonly string[]): string[] => [...xs].sort();
/** The summary without where its reasons came from (names and addresses change under renames and inserts). */
/** The summary's figures; the cells a row names (reasons, 待核实, 数据有误) by what they are, not where they are. */
const figures = (r: Consolidation): unknown =>
  r.campaigns.map((c) => ({
    ...c,
    indicators: c.indicators.map((s) => ({
      ...s,
      reasons: s.reasons.map((x) => [x.department, x.text]),
      doubtful: s.doubtful.length,
      invalid: s.invalid.length,
    })),
  }));

/**
 * 汇总 as a JSON text, the cells its 数据状态 column names masked (SPEC §6): they are where the values are, and move
 * with inserted rows and columns and renamed sheets, as they should.
 */
function summaryOf(r: Consolidation): string {
  const spec = summarySheet(r, PLAN);
  const mask = (c: CellSpec | null): CellSpec | null =>
    c !== null && typeof c.value === 'string' && /^(数据有误|待核实)[（：]/.test(c.value)
      ? { ...c, value: c.value.replace(/：[^；]*/g, '：…') }
      : c;
  return JSON.stringify({
    ...spec,
    blocks: spec.blocks.map((b) => ({ ...b, rows: b.rows.map((row) => row.map(mask)) })),
  });
}
const approx = (a: number | null, b: number | null): boolean =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

const RUNS = { numRuns: 60, seed: 20190630 };

describe('consolidation properties', () => {
  test('every source value appears exactly once in the detail; a value not used says why and, where it is a problem, is in the problems', () => {
    fc.assert(
      fc.property(setArb, (set) => {
        const sources = sourcesOf(set);
        const r = consolidate(PLAN, sources);
        expect(sorted(r.details.map(detailKey))).toEqual(sorted(typed(set.subs, sources)));
        set.subs.forEach((s, i) => {
          if (!s.damaged) return;
          const origin = originKey(sources[i]?.origin ?? { kind: 'sheet', sheet: '' });
          const row = Number(inputAddress(s.damaged, 'actual').slice(1));
          const cell = moved(moved(`B${row}`, undefined, s.insertColumnBefore), s.insertRowBefore, undefined);
          expect(
            r.problems.some(
              (p) => p.origin && originKey(p.origin) === origin && p.key === 'structure.unknownCode' && p.cell === cell,
            ),
          ).toBe(true);
          expect(r.sources.find((x) => originKey(x.origin) === origin)?.state).toMatch(
            /^(structure|otherPeriod|conflict)$/,
          );
        });
        for (const d of r.details) {
          if (d.used) {
            expect(d.why).toBeUndefined();
            if (d.field !== 'reason') expect(d.value).toBe(d.number);
            continue;
          }
          expect(d.why).toBeDefined();
          const here = r.problems.filter((p) => p.origin && originKey(p.origin) === originKey(d.origin));
          switch (d.why) {
            case 'invalid':
              expect(here.some((p) => p.severity === 'error' && p.indicator === d.code && p.field === d.field)).toBe(
                true,
              );
              break;
            case 'otherPeriod':
              expect(here.map((p) => p.key)).toContain('consolidation.otherPeriod');
              break;
            case 'conflict':
              expect(
                here.some((p) => p.key === 'consolidation.conflict' || p.key === 'consolidation.conflictIdentical'),
              ).toBe(true);
              break;
            case 'differsFromResponsible':
            case 'notResponsible':
              if (d.field !== 'reason')
                expect(here.some((p) => p.indicator === d.code && p.key.startsWith('consolidation.single'))).toBe(true);
              break;
            case 'structure':
              expect(here.map((p) => p.key)).toContain('consolidation.structure');
              break;
            case 'notApplicable':
              expect(here.some((p) => p.key === 'consolidation.priorNotApplicable' && p.cell === d.cell)).toBe(true);
              break;
            default:
              break;
          }
        }
      }),
      RUNS,
    );
  });

  test('Σ 明细 = 汇总: sum indicators add the used details, single ones take the one used detail', () => {
    fc.assert(
      fc.property(setArb, (set) => {
        const r = consolidate(PLAN, sourcesOf(set));
        for (const s of r.campaigns.flatMap((c) => c.indicators)) {
          if (s.kind === 'growth') continue;
          const used = r.details.filter((d) => d.code === s.code && d.field === 'actual' && d.used);
          const sum = used.length === 0 ? null : used.reduce((a, d) => a + (d.number ?? Number.NaN), 0);
          expect(approx(s.actual, sum)).toBe(true);
          if (s.aggregation === 'single')
            expect(used.every((d) => d.department === s.department) && used.length <= 1).toBe(true);
          expect(s.counted).toEqual([...new Set(used.map((d) => d.department))].sort());
        }
      }),
      RUNS,
    );
  });

  test('growth: Σ current / Σ prior − 1 over exactly the departments that reported both', () => {
    fc.assert(
      fc.property(setArb, (set) => {
        const r = consolidate(PLAN, sourcesOf(set));
        for (const s of r.campaigns.flatMap((c) => c.indicators).filter((x) => x.kind === 'growth')) {
          const used = (field: 'actual' | 'prior'): DetailRecord[] =>
            r.details.filter((d) => d.code === s.code && d.field === field && d.used);
          const cur = used('actual');
          const pri = used('prior');
          expect(cur.map((d) => originKey(d.origin))).toEqual(pri.map((d) => originKey(d.origin)));
          if (cur.length === 0) {
            expect([s.actual, s.current, s.prior]).toEqual([null, null, null]);
            continue;
          }
          const c = cur.reduce((a, d) => a + (d.number ?? Number.NaN), 0);
          const p = pri.reduce((a, d) => a + (d.number ?? Number.NaN), 0);
          expect(approx(s.current, c) && approx(s.prior, p) && approx(s.actual, c / p - 1)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  test('a re-run gives an identical result and identical sheets', () => {
    fc.assert(
      fc.property(setArb, (set) => {
        const a = consolidate(PLAN, sourcesOf(set));
        const b = consolidate(PLAN, sourcesOf(set));
        expect(b).toEqual(a);
        expect(JSON.stringify(summarySheet(b, PLAN))).toBe(JSON.stringify(summarySheet(a, PLAN)));
        expect(JSON.stringify(detailSheet(b))).toBe(JSON.stringify(detailSheet(a)));
      }),
      { ...RUNS, numRuns: 25 },
    );
  });

  test('shuffling, renaming or moving sheets and inserting rows or columns change nothing in the summary', () => {
    const variant = fc.record({
      order: fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
      rename: fc.boolean(),
      row: fc.integer({ min: 1, max: 25 }),
      column: fc.integer({ min: 2, max: 16 }),
      edit: fc.boolean(),
    });
    fc.assert(
      fc.property(setArb, variant, (set, v) => {
        const base = sourcesOf(set);
        const keys = base.map(() => v.order.next().value as number);
        const changed = base
          .map((s, i): Source => {
            const name = v.rename ? `改名${NAME_TOKEN}${base.length - i}'` : s.origin.sheet;
            const sheet = v.edit
              ? insertRow(insertColumn({ name, values: s.sheet.values.map((r) => [...r]) }, v.column), v.row)
              : { name, values: s.sheet.values };
            return {
              origin: s.origin.kind === 'file' ? { ...s.origin, sheet: name } : { kind: 'sheet', sheet: name },
              sheet,
            };
          })
          .map((s, i) => ({ s, k: keys[i] ?? 0 }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.s);
        const a = consolidate(PLAN, base);
        const b = consolidate(PLAN, changed);
        expect(figures(b)).toEqual(figures(a));
        expect(b.matrix.rows.map((r) => r.map((c) => c.state))).toEqual(
          a.matrix.rows.map((r) => r.map((c) => c.state)),
        );
        expect(summaryOf(b)).toBe(summaryOf(a));
        if (!v.rename && !v.edit)
          expect(JSON.stringify(summarySheet(b, PLAN))).toBe(JSON.stringify(summarySheet(a, PLAN)));
        const strip = (r: Consolidation): string[] =>
          r.details.map((d) => JSON.stringify([d.code, d.department, d.field, d.value, d.used, d.why ?? '']));
        expect(sorted(strip(b))).toEqual(sorted(strip(a)));
        if (!v.rename) {
          // Same names: the same order of details, problems and sheets, whatever the order of the sources.
          expect(strip(b)).toEqual(strip(a));
          expect(b.problems.map((p) => [p.key, p.origin, p.indicator])).toEqual(
            a.problems.map((p) => [p.key, p.origin, p.indicator]),
          );
          expect(b.sources.map((x) => x.origin)).toEqual(a.sources.map((x) => x.origin));
          if (!v.edit) {
            expect(b).toEqual(a);
            expect(JSON.stringify(detailSheet(b))).toBe(JSON.stringify(detailSheet(a)));
          }
        }
      }),
      RUNS,
    );
  });

  test('duplicates become conflicts, never double counts: the summary is as if the department had not reported', () => {
    const dup = fc.record({ pick: fc.nat(), asFile: fc.boolean(), edited: fc.boolean() });
    fc.assert(
      fc.property(setArb, dup, (set, d) => {
        const sources = sourcesOf(set);
        const i = d.pick % set.subs.length;
        const s = set.subs[i] as Submission;
        const copy = sourceOf(
          { ...s, asFile: d.asFile, file: `copy${NAME_TOKEN}.xlsx`, ...(d.edited ? { values: {} } : {}) },
          `副本${NAME_TOKEN}`,
        );
        const withCopy = consolidate(PLAN, [...sources, copy]);
        const period: Period | undefined = withCopy.period;
        const group = (x: Submission): boolean =>
          x.department === s.department && x.campaignId === s.campaignId && x.month === s.month;
        const without = consolidate(
          PLAN,
          sources.filter((_, j) => !group(set.subs[j] as Submission)),
          period ? { period } : {},
        );
        expect(figures(withCopy)).toEqual(figures(without));
        if (period?.month === s.month) {
          const mine = withCopy.sources.filter(
            (x) => x.department === s.department && x.campaignId === s.campaignId && x.period?.month === s.month,
          );
          expect(mine.length).toBeGreaterThanOrEqual(2);
          expect(mine.every((x) => x.state === 'conflict')).toBe(true);
          const cell =
            withCopy.matrix.rows[withCopy.matrix.departments.indexOf(s.department)]?.[
              withCopy.matrix.campaignIds.indexOf(s.campaignId)
            ];
          expect(cell?.state).toBe('conflict');
        }
      }),
      RUNS,
    );
  });

  test('text starting with = + - @ tab CR LF stays text: verbatim values in 明细, never in a formula', () => {
    fc.assert(
      fc.property(setArb, (set) => {
        const r = consolidate(PLAN, sourcesOf(set));
        const detail = detailSheet(r);
        const summary = summarySheet(r, PLAN);
        const all = (spec: SheetSpec): CellSpec[] =>
          spec.blocks.flatMap((b) => b.rows.flatMap((row) => row.filter((c): c is CellSpec => c !== null)));
        const values = new Set(all(detail).map((c) => c.value));
        for (const d of r.details) if (typeof d.value === 'string') expect(values.has(d.value)).toBe(true);
        for (const c of [...all(detail), ...all(summary)]) {
          if (c.formula === undefined) continue;
          expect(c.formula.includes(TOKEN) || c.formula.includes(NAME_TOKEN)).toBe(false);
        }
        // A value cell is never also a formula cell, whatever its text looks like.
        for (const c of all(detail))
          if (typeof c.value === 'string' && /^[=+\-@\t\r\n]/.test(c.value)) expect(c.formula).toBeUndefined();
      }),
      { ...RUNS, numRuns: 40 },
    );
  });
});
