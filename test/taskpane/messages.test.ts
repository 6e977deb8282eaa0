import { CATALOGUE, LOCALES, placeholders, type MessageKey } from '../../src/domain/i18n/messages';
import { applyDocumentLocale, translator } from '../../src/taskpane/i18n';

const keys = Object.keys(CATALOGUE['zh-CN']) as MessageKey[];
const shellKeys = keys.filter((k) => k.startsWith('ui.') || k.startsWith('port.'));

describe("the task pane's messages (ui.*, port.*)", () => {
  test('there are some', () => {
    expect(shellKeys.length).toBeGreaterThan(30);
    expect(shellKeys).toEqual(
      expect.arrayContaining(['ui.nav.templates', 'ui.nav.validation', 'ui.nav.consolidation', 'ui.nav.settings']),
    );
  });

  test.each(shellKeys)('%s has text in both languages, with the same placeholders', (key) => {
    for (const locale of LOCALES) {
      const text = CATALOGUE[locale][key];
      expect(typeof text).toBe('string');
      expect(text.trim()).not.toBe('');
    }
    expect(placeholders(CATALOGUE['en-US'][key])).toEqual(placeholders(CATALOGUE['zh-CN'][key]));
  });

  test('the Chinese catalogue has no key the English one lacks, and the reverse', () => {
    expect(Object.keys(CATALOGUE['en-US']).sort()).toEqual(Object.keys(CATALOGUE['zh-CN']).sort());
  });

  test('the shell block comes last in both catalogues (so that it never interleaves with domain keys)', () => {
    for (const locale of LOCALES) {
      const order = Object.keys(CATALOGUE[locale]);
      const first = order.findIndex((k) => k.startsWith('ui.') || k.startsWith('port.'));
      expect(order.slice(first).every((k) => k.startsWith('ui.') || k.startsWith('port.'))).toBe(true);
    }
  });

  test('navigation labels', () => {
    const zh = translator('zh-CN');
    const en = translator('en-US');
    expect(
      ['ui.nav.templates', 'ui.nav.validation', 'ui.nav.consolidation', 'ui.nav.settings'].map((k) =>
        zh(k as MessageKey),
      ),
    ).toEqual(['模板', '校验', '汇总', '设置']);
    expect(en('ui.nav.templates')).toBe('Templates');
    expect(zh('ui.comingSoon.title')).toBe('即将提供');
  });

  test('translator fills placeholders', () => {
    expect(translator('zh-CN')('ui.templates.campaigns', { year: 2019 })).toBe('2019 年计划中的攻坚战');
    expect(translator('en-US')('ui.templates.campaigns', { year: 2019 })).toBe('Campaigns in the 2019 plan');
  });
});

describe('applyDocumentLocale', () => {
  test.each([
    ['zh-CN', '五大攻坚战指标推进'],
    ['en-US', 'Campaign KPI Tracker'],
  ] as const)('%s', (locale, title) => {
    const doc = { documentElement: { lang: 'x' }, title: '' };
    applyDocumentLocale(doc, locale);
    expect(doc).toEqual({ documentElement: { lang: locale }, title });
  });
});
