import { isBlankText } from '../../src/domain/grid/cells';
import { CATALOGUE } from '../messages';
import fc from 'fast-check';
import { LOCALES, placeholders, type Locale } from '../../src/domain/i18n/messages';
import { describeProblem, localiseParams } from '../../src/domain/i18n/messages';
import { EXCEL_ERRORS } from '../../src/domain/grid/numberText';
import { validateRow, type Problem } from '../../src/domain/validation/validateRow';
import { type CellValue } from '../../src/domain/grid/cells';
import { validateTemplateSheet } from '../../src/domain/validation/validateSheet';
import { type SheetProblem } from '../../src/domain/grid/problems';
import { CORPUS, type ExpectedProblem, type RowEntry, type SheetEntry } from './corpus';
import {
  PLAN,
  campaignOf,
  filledTemplate,
  indicator,
  inputCell,
  insertColumns,
  insertRows,
  rowOf,
  set,
  shifted,
  template,
} from './sheetFixtures';

const JUNE = { expected: 0.5 };
const ROW_ENTRIES = CORPUS.filter((c): c is RowEntry => c.type === 'row');
const SHEET_ENTRIES = CORPUS.filter((c): c is SheetEntry => c.type === 'sheet');

/**
 * The placeholders of a problem's message left unfilled. A cell's own text may contain "{" (a damaged marker is
 * JSON), so the check is by placeholder name, and by the absence of any "{" where the params hold no "{".
 */
function unfilled(p: Pick<Problem, 'key' | 'params'>, locale: Locale): string[] {
  const supplied = localiseParams(p.params, CATALOGUE[locale]);
  const missing = placeholders(CATALOGUE[locale][p.key]).filter((name) => !(name in supplied));
  const text = describeProblem(p, CATALOGUE[locale]);
  const paramsHaveBraces = Object.values(p.params).some((v) => String(v).includes('{'));
  return paramsHaveBraces || !text.includes('{') ? missing : [...missing, text];
}

/** Every message reads as a sentence in both languages: no placeholder left unfilled; Chinese in zh-CN. */
function expectReadable(p: Pick<Problem, 'key' | 'params'>): void {
  for (const locale of LOCALES) {
    expect({ key: p.key, locale, unfilled: unfilled(p, locale) }).toEqual({ key: p.key, locale, unfilled: [] });
    expect(describeProblem(p, CATALOGUE[locale]).trim()).not.toBe('');
  }
  expect(describeProblem(p, CATALOGUE['zh-CN'])).toMatch(/[\u4e00-\u9fff]/u);
}

describe('the bad-input corpus', () => {
  it('has at least 100 entries, each id unique', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(100);
    expect(ROW_ENTRIES.filter((r) => r.expected.length > 0).length).toBeGreaterThanOrEqual(100);
    expect(new Set(CORPUS.map((c) => c.id)).size).toBe(CORPUS.length);
  });

  it('covers every value problem the row validator knows', () => {
    const keys = new Set(ROW_ENTRIES.flatMap((r) => r.expected.map((p) => p.key)));
    for (const key of [
      'value.errorValue',
      'value.notANumber',
      'value.notANumberFix',
      'value.approximate',
      'value.unitMismatch',
      'value.ambiguousComma',
      'value.boolean',
      'value.looksLikeDate',
      'value.whitespace',
      'value.notFinite',
      'value.negative',
      'value.notWhole',
      'value.rankInvalid',
      'value.percentConfusion',
      'value.milestoneRange',
      'value.rateRange',
      'value.implausibleMagnitude',
      'value.implausibleGrowth',
      'value.growthMissingPrior',
      'value.growthMissingCurrent',
      'value.priorNotPositive',
      'value.reasonMissing',
    ] as const) {
      expect({ key, covered: keys.has(key) }).toEqual({ key, covered: true });
    }
  });
});

describe('corpus rows through validateRow', () => {
  test.each(ROW_ENTRIES.map((r) => [r.id, r] as const))('%s', (_id, entry) => {
    const r = validateRow(indicator(entry.code), entry.input, JUNE);
    expect(r.problems.map((p) => ({ key: p.key, field: p.field, ...(p.fix ? { fix: p.fix.value } : {}) }))).toEqual(
      entry.expected.map((p) => ({ key: p.key, field: p.field, ...(p.fix !== undefined ? { fix: p.fix } : {}) })),
    );
    for (const p of r.problems) {
      expectReadable(p);
      if (p.fix) expect(p.fix.field).toBe(p.field);
    }
    // A value in error is never used as a number.
    if (r.problems.some((p) => p.severity === 'error' && p.field === 'actual')) expect(r.numbers.actual).toBeNull();
  });
});

/** The entry's values typed into a generated June template of the indicator's campaign. */
function placed(entry: RowEntry) {
  const code = entry.code;
  const cells: Record<string, CellValue> = { [inputCell(code, 'actual')]: entry.input.actual };
  if (entry.input.prior !== undefined) cells[inputCell(code, 'prior')] = entry.input.prior;
  if (entry.input.reason !== undefined) cells[inputCell(code, 'reason')] = entry.input.reason;
  const formats: Record<string, string> = {};
  if (entry.input.formats?.actual) formats[inputCell(code, 'actual')] = entry.input.formats.actual;
  if (entry.input.formats?.prior) formats[inputCell(code, 'prior')] = entry.input.formats.prior;
  return set(template(campaignOf(code)), cells, formats);
}

describe('corpus rows typed into a template', () => {
  test.each(ROW_ENTRIES.map((r) => [r.id, r] as const))('%s', (_id, entry) => {
    const sheet = placed(entry);
    const { template: reading, problems } = validateTemplateSheet(sheet, PLAN);
    const fieldCell = (field: ExpectedProblem['field']): string => {
      if (field === 'actual' || field === 'prior' || field === 'reason') return inputCell(entry.code, field);
      throw new Error(`unexpected field ${field}`);
    };
    const expected = entry.expected.map((p) => ({
      sheet: sheet.name,
      cell: fieldCell(p.field),
      indicator: entry.code,
      field: p.field,
      key: p.key,
      ...(p.fix !== undefined ? { fix: { cell: fieldCell(p.field), value: p.fix } } : {}),
    }));
    expect(
      problems.map(({ sheet: s, cell, indicator: ind, field, key, fix }) => ({
        sheet: s,
        cell,
        indicator: ind,
        field,
        key,
        ...(fix ? { fix } : {}),
      })),
    ).toEqual(expected);
    for (const p of problems) {
      expectReadable(p);
      if (p.fix && 'fix' in p.params) expect(p.params.fix).toBe(p.fix.value);
    }
    const row = reading?.rows.find((r) => r.code === entry.code);
    expect(row?.row).toBe(rowOf(entry.code));
    expect(reading?.rows).toHaveLength(
      PLAN.campaigns.find((c) => c.id === campaignOf(entry.code))?.indicators.length ?? -1,
    );
  });
});

function sortProblems<T extends { cell?: string; key: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => `${a.cell ?? ''}|${a.key}`.localeCompare(`${b.cell ?? ''}|${b.key}`));
}

describe('corpus sheets (broken structure) through validateTemplateSheet', () => {
  test.each(SHEET_ENTRIES.map((s) => [s.id, s] as const))('%s', (_id, entry) => {
    const sheet = entry.sheet();
    const { problems } = validateTemplateSheet(sheet, PLAN);
    expect(
      sortProblems(
        problems.map((p) => ({ cell: p.cell, key: p.key, field: p.field, ...(p.fix ? { fix: p.fix.value } : {}) })),
      ),
    ).toEqual(
      sortProblems(
        entry.expected.map((p) => ({
          cell: p.cell,
          key: p.key,
          field: p.field,
          ...(p.fix !== undefined ? { fix: p.fix } : {}),
        })),
      ),
    );
    for (const p of problems) {
      expect(p.sheet).toBe(sheet.name);
      expectReadable(p);
    }
  });
});

// ————— properties —————

const STRUCTURE_WORDS = [
  'KPI-TRACKER:',
  'KPI-TRACKER:{"type":"kpi-template"',
  'code',
  'actual',
  'prior',
  'reason',
  '报告期',
  '填报单位',
  '指标编码',
  '序号',
  'C1-01',
  'C2-09',
  'C9-01',
  '2019年6月',
  '',
];
const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.double(),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(...EXCEL_ERRORS).map((error) => ({ error })),
  fc.constantFrom(...STRUCTURE_WORDS),
);

function wellFormed(p: SheetProblem): void {
  expect(p.cell).toMatch(/^[A-Z]+[1-9]\d*$/);
  expect(['error', 'warning']).toContain(p.severity);
  if (p.fix) {
    expect(p.fix.cell).toMatch(/^[A-Z]+[1-9]\d*$/);
    expect(Number.isFinite(p.fix.value)).toBe(true);
  }
  for (const locale of LOCALES) expect(unfilled(p, locale)).toEqual([]);
}

describe('properties of validateTemplateSheet', () => {
  const campaignIds = PLAN.campaigns.map((c) => c.id);

  it('never throws for a real template with random values in random cells, and reports well-formed problems', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...campaignIds),
        fc.boolean(),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 17 }), cellValue), {
          maxLength: 25,
        }),
        (campaignId, filled, edits) => {
          const base = filled ? filledTemplate(campaignId) : template(campaignId);
          const cells: Record<string, CellValue> = {};
          for (const [row, column, value] of edits) cells[`${String.fromCharCode(64 + column)}${row}`] = value;
          const sheet = set(base, cells);
          const r = validateTemplateSheet(sheet, PLAN);
          r.problems.forEach(wellFormed);
          for (const row of r.template?.rows ?? []) expect(row.row).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  const inputOf = (field: 'actual' | 'prior') =>
    fc.constantFrom(
      ...PLAN.campaigns
        .flatMap((c) => c.indicators)
        .filter((i) => field === 'actual' || i.kind === 'growth')
        .map((i) => i.code),
    );
  const typedText = fc
    .oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.constantFrom('7亿', '１２', '1,234', '约5', '#N/A', '60%', 'TRUE', '0', '-0', '1e3', '\u00a05\u00a0'),
    )
    // not blank as a template's formula reads blank (only spaces and control characters)
    .filter((s) => !isBlankText(s));

  /** A template with `value` typed into one input cell of `code` (and, on growth rows, `other` into its pair). */
  const typedInto = (code: string, field: 'actual' | 'prior', value: CellValue, other: number | undefined) => {
    const cells: Record<string, CellValue> = { [inputCell(code, field)]: value };
    if (other !== undefined && indicator(code).kind === 'growth')
      cells[inputCell(code, field === 'actual' ? 'prior' : 'actual')] = other;
    return set(template(campaignOf(code)), cells);
  };

  test.each(['actual', 'prior'] as const)(
    'every non-blank text typed into an input %s cell is an error at that cell',
    (field) => {
      fc.assert(
        fc.property(
          inputOf(field),
          typedText,
          fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
          (code, text, other) => {
            const cell = inputCell(code, field);
            const { problems } = validateTemplateSheet(typedInto(code, field, text, other), PLAN);
            expect(problems.some((p) => p.cell === cell && p.severity === 'error' && p.indicator === code)).toBe(true);
          },
        ),
        { numRuns: 400 },
      );
    },
  );

  test.each(['actual', 'prior'] as const)(
    'a fix offered for a %s cell, written into it, leaves no error there',
    (field) => {
      const typedNumber = fc
        .tuple(
          fc.constantFrom('', '约', '-', '约-', '+'),
          fc.oneof(
            fc.constantFrom('0', '0.7', '1.5', '2.5', '10', '15.5', '60', '100', '101', '150', '1,234.5'),
            fc.double({ min: 0, max: 1e6, noNaN: true }).map(String),
          ),
          fc.constantFrom('', '%', '个百分点', '家', '个', '亿', '亿元', '万元', '亩', '左右', '多'),
        )
        .map(([a, b, c]) => `${a}${b}${c}`);
      fc.assert(
        fc.property(
          inputOf(field),
          fc.oneof(typedNumber, typedText, fc.double({ min: -200, max: 200, noNaN: true })),
          fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
          (code, typed, other) => {
            const sheet = typedInto(code, field, typed, other);
            for (const p of validateTemplateSheet(sheet, PLAN).problems) {
              if (!p.fix) continue;
              expect(p.fix.cell).toBe(p.cell);
              const fixed = set(sheet, { [p.fix.cell]: p.fix.value });
              const left = validateTemplateSheet(fixed, PLAN).problems.filter(
                (q) => q.cell === p.fix?.cell && q.severity === 'error',
              );
              expect({ typed, fix: p.fix.value, left: left.map((q) => q.key) }).toEqual({
                typed,
                fix: p.fix.value,
                left: [],
              });
            }
          },
        ),
        { numRuns: 400 },
      );
    },
  );

  it('inserted rows and columns move the problems with the cells and change nothing else', () => {
    const entryValue = fc.constantFrom<CellValue>(
      null,
      5,
      1,
      '7亿',
      '约5',
      -3,
      10,
      0.3,
      '#N/A',
      { error: '#REF!' },
      true,
      '  ',
      '１２',
      1e9,
      110,
      100,
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...campaignIds),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('actual', 'prior', 'reason'), entryValue), { maxLength: 8 }),
        fc.record({ before: fc.integer({ min: 1, max: 16 }), count: fc.integer({ min: 0, max: 3 }) }),
        fc.record({ before: fc.integer({ min: 2, max: 16 }), count: fc.integer({ min: 0, max: 3 }) }),
        (campaignId, edits, rows, columns) => {
          const inds = PLAN.campaigns.find((c) => c.id === campaignId)?.indicators ?? [];
          const cells: Record<string, CellValue> = {};
          for (const [i, field, value] of edits) {
            const ind = inds[i % inds.length];
            if (ind && (field !== 'prior' || ind.kind === 'growth')) cells[inputCell(ind.code, field)] = value;
          }
          const original = set(template(campaignId), cells);
          const moved = insertRows(insertColumns(original, columns.before, columns.count), rows.before, rows.count);
          const move = (a: string): string => shifted(a, rows, columns);
          const before = validateTemplateSheet(original, PLAN).problems.map((p) => ({
            ...p,
            cell: move(p.cell),
            ...(p.fix ? { fix: { ...p.fix, cell: move(p.fix.cell) } } : {}),
          }));
          const after = validateTemplateSheet({ ...moved, name: original.name }, PLAN).problems;
          expect(sortProblems(after)).toEqual(sortProblems(before));
        },
      ),
      { numRuns: 200 },
    );
  });
});
