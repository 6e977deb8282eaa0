import { KINDS, KIND_ZH } from '../../src/domain/calc/kinds';
import { BULLETIN_EN } from '../../src/domain/i18n/bulletin.en';
import { BULLETIN_ZH } from '../../src/domain/i18n/bulletin.zh';
import { CALC_EN } from '../../src/domain/i18n/calc.en';
import { CALC_ZH } from '../../src/domain/i18n/calc.zh';
import { CONSOLIDATION_EN } from '../../src/domain/i18n/consolidation.en';
import { CONSOLIDATION_ZH } from '../../src/domain/i18n/consolidation.zh';
import { LOCALES, formatMessage, placeholders, type Messages } from '../../src/domain/i18n/messages';
import { PLAN_EN } from '../../src/domain/i18n/plan.en';
import { PLAN_ZH } from '../../src/domain/i18n/plan.zh';
import { VALIDATION_EN } from '../../src/domain/i18n/validation.en';
import { VALIDATION_ZH } from '../../src/domain/i18n/validation.zh';
import { WORDS_EN } from '../../src/domain/i18n/words.en';
import { WORDS_ZH } from '../../src/domain/i18n/words.zh';
import {
  applyDocumentLocale,
  loadMessages,
  loadMoreMessages,
  loadShellMessages,
  type MessageKey,
} from '../../src/taskpane/i18n';
import { UI_EN } from '../../src/taskpane/messages/ui.en';
import { UI_ZH } from '../../src/taskpane/messages/ui.zh';
import { CATALOGUE, translatorFor } from '../messages';

/** The catalogue, split by owner and language: each owner's two tables agree, and no key has two owners. */
const OWNERS: readonly [string, RegExp, Messages, Messages][] = [
  ['calc (the custom functions)', /^calc\./, CALC_ZH, CALC_EN],
  ['words', /^(field|light|data|tier|severity|kind|cell)\./, WORDS_ZH, WORDS_EN],
  ['plan', /^plan\./, PLAN_ZH, PLAN_EN],
  ['validation', /^(value|period|structure)\./, VALIDATION_ZH, VALIDATION_EN],
  ['consolidation', /^consolidation\./, CONSOLIDATION_ZH, CONSOLIDATION_EN],
  ['bulletin', /^bulletin\./, BULLETIN_ZH, BULLETIN_EN],
  ['task pane', /^(ui|port)\./, UI_ZH, UI_EN],
];

describe.each(OWNERS)('%s messages', (_owner, prefix, zh, en) => {
  const keys = Object.keys(zh);
  test('there are some, all under the owner’s prefix', () => {
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => !prefix.test(k))).toEqual([]);
  });

  test('both languages have the same keys, each with text and the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
    const bad = keys.filter((k) => {
      const a = zh[k] ?? '';
      const b = en[k] ?? '';
      return a.trim() === '' || b.trim() === '' || placeholders(a).join() !== placeholders(b).join();
    });
    expect(bad).toEqual([]);
  });
});

test('no key has two owners, and the task pane’s catalogues are exactly their union', () => {
  const all = OWNERS.flatMap(([, , zh]) => Object.keys(zh));
  expect(new Set(all).size).toBe(all.length);
  for (const locale of LOCALES) expect(Object.keys(CATALOGUE[locale]).sort()).toEqual([...all].sort());
});

test('kind names are the kinds’ Chinese aliases (one truth: calc/kinds)', () => {
  expect(KINDS.map((k) => WORDS_ZH[`kind.${k}`])).toEqual(KINDS.map((k) => KIND_ZH[k]));
  expect(KINDS.map((k) => WORDS_EN[`kind.${k}`])).toEqual([...KINDS]);
});

test('loadMessages gives the pane one language, as the bundle loads it', async () => {
  expect(await loadMessages('zh-CN')).toEqual(CATALOGUE['zh-CN']);
  expect(await loadMessages('en-US')).toEqual(CATALOGUE['en-US']);
});

test.each(['zh-CN', 'en-US'] as const)(
  '%s: the shell’s messages before the first paint, completed in place before a feature panel mounts',
  async (locale) => {
    const messages = await loadShellMessages(locale);
    expect(messages['ui.app.title']).toBe(CATALOGUE[locale]['ui.app.title']);
    expect(messages['plan.markerMissing']).toBe(CATALOGUE[locale]['plan.markerMissing']); // the plan status bar
    expect(messages['plan.markerMissing']).toBeDefined();
    expect(messages['value.notANumber']).toBeUndefined(); // validation's: after the first paint
    await loadMoreMessages();
    expect(messages).toEqual(CATALOGUE[locale]); // the same object, now whole
  },
);

test('navigation labels', () => {
  const zh = translatorFor('zh-CN');
  const en = translatorFor('en-US');
  expect(
    ['ui.nav.templates', 'ui.nav.validation', 'ui.nav.consolidation', 'ui.nav.settings'].map((k) =>
      zh(k as MessageKey),
    ),
  ).toEqual(['模板', '校验', '汇总', '设置']);
  expect(en('ui.nav.templates')).toBe('Templates');
  expect(zh('ui.comingSoon.title')).toBe('即将提供');
});

test('translator fills placeholders, and describes a problem with its …Key parameters and kind translated', () => {
  expect(translatorFor('zh-CN')('ui.templates.campaigns', { year: 2019 })).toBe('2019 年计划中的攻坚战');
  expect(translatorFor('en-US')('ui.templates.campaigns', { year: 2019 })).toBe('Campaigns in the 2019 plan');
  const negative = { key: 'value.negative', params: { fieldKey: 'field.actual', value: -5, kind: 'count' } } as const;
  expect(translatorFor('zh-CN').problem(negative)).toBe('累计完成为负数 -5，本指标（个数）不应为负');
  expect(translatorFor('en-US').problem(negative)).toContain('count');
});

describe('applyDocumentLocale', () => {
  test.each([
    ['zh-CN', '五大攻坚战指标推进'],
    ['en-US', 'Campaign KPI Tracker'],
  ] as const)('%s', (locale, title) => {
    const doc = { documentElement: { lang: 'x' }, title: '' };
    applyDocumentLocale(doc, locale, translatorFor(locale));
    expect(doc).toEqual({ documentElement: { lang: locale }, title });
  });
});

describe('English counts (issue 11, observation 11: "1 warnings")', () => {
  const en = translatorFor('en-US');
  test('one and other: the word agrees with the number', () => {
    expect(en('ui.validation.summary', { sheets: 1, errors: 0, warnings: 1 })).toBe(
      'Checked 1 template: 0 errors, 1 warning',
    );
    expect(en('ui.validation.summary', { sheets: 3, errors: 2, warnings: 1 })).toBe(
      'Checked 3 templates: 2 errors, 1 warning',
    );
    expect(en('ui.templates.reapplied', { sheet: 'S', kept: 1 })).toBe(
      '"S" was rebuilt from the current plan, keeping 1 value already entered.',
    );
  });

  test('a plural case is a placeholder like any other: missing, it stays visible; Chinese has none', () => {
    expect(placeholders('{n, plural, one {# sheet} other {# sheets}} of {total}')).toEqual(['n', 'total']);
    expect(formatMessage({ k: '{n, plural, one {# sheet} other {# sheets}}' }, 'k')).toBe(
      '{n, plural, one {# sheet} other {# sheets}}',
    );
    const zhPlurals = Object.entries(CATALOGUE['zh-CN']).filter(([, text]) => /, plural,/.test(text));
    expect(zhPlurals).toEqual([]);
  });

  test('no English message puts a bare count before a plural noun ("{count} warnings")', () => {
    const bare =
      /\{(count|sheets|files|errors|warnings|problems|kept)\} (errors|warnings|problems|templates|sheets|files|values|times)\b/;
    expect(Object.entries(CATALOGUE['en-US']).filter(([, text]) => bare.test(text))).toEqual([]);
  });
});
