import { resolveLocale } from '../../src/domain/i18n/messages';
import { CATALOGUE } from '../messages';
import { renderToString } from 'react-dom/server';
import { App } from '../../src/taskpane/App';
import type { HostInfo } from '../../src/taskpane/host';
import { NotInOffice } from '../../src/taskpane/NotInOffice';
import { refusingPort } from './fakePort';
import { renderAll, visibleText as text } from './renderAll';

/** The App once its lazily loaded feature panel has rendered. */
async function render(host: HostInfo) {
  const port = refusingPort();
  const locale = resolveLocale(host.language);
  const html = await renderAll(<App port={port} host={host} locale={locale} messages={CATALOGUE[locale]} />);
  return { html, text: text(html), port };
}

describe('App (server-rendered smoke test)', () => {
  test('zh-CN: Chinese navigation, lang, headings and the plan', async () => {
    const { html, text: t, port } = await render({ language: 'zh-CN' });
    for (const label of ['模板', '校验', '汇总', '设置']) expect(t).toContain(label);
    expect(html).toContain('lang="zh-CN"');
    expect(html).toMatch(/<h1[^>]*>五大攻坚战指标推进<\/h1>/);
    expect(html).toMatch(/<h2[^>]*>模板<\/h2>/);
    expect(html).toContain('role="tablist"');
    expect(html.match(/role="tab"/g)).toHaveLength(4);
    expect(html).toContain('role="tabpanel"');
    expect(html).toMatch(/<nav[^>]*aria-label="功能"/);
    // The built-in plan's campaigns with 指挥长, 牵头部门 and indicator count
    expect(t).toContain('2019 年计划中的攻坚战');
    expect(t).toMatch(/招大引强 指挥长 张善根 牵头部门 投资促进中心 指标数 8/);
    expect(t).toContain('民生改善');
    expect(t).toContain('插入模板'); // the 模板 section is built: its form, not a coming-soon note
    expect(t).not.toContain('即将提供');
    expect(port.calls).toEqual([]); // rendering never touches the workbook
  });

  test('en-US: English navigation and campaign names', async () => {
    const { html, text: t } = await render({ language: 'en-US' });
    for (const label of ['Templates', 'Check', 'Summary', 'Settings']) expect(t).toContain(label);
    for (const label of ['模板', '校验', '汇总', '设置']) expect(t).not.toContain(label);
    expect(html).toContain('lang="en-US"');
    expect(t).toMatch(/Investment attraction Commander 张善根 Lead department 投资促进中心 Indicators 8/);
    expect(t).toContain('Insert template');
  });

  test.each([
    ['zh-TW', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['fr-FR', 'en-US'],
    ['', 'en-US'],
  ])('display language %s → %s', async (language, locale) => {
    expect((await render({ language })).html).toContain(`lang="${locale}"`);
  });

  test('the selected tab controls the rendered panel, which is labelled by it', async () => {
    const { html } = await render({ language: 'zh-CN' });
    const panel = /<div role="tabpanel" id="([^"]+)" aria-labelledby="([^"]+)"/.exec(html);
    expect(panel).not.toBeNull();
    const [, panelId, tabId] = panel ?? [];
    const selectedTab = new RegExp(`<button[^>]*id="${tabId}"[^>]*>`).exec(html)?.[0] ?? '';
    expect(selectedTab).toContain('aria-selected="true"');
    expect(selectedTab).toContain(`aria-controls="${panelId}"`);
    expect(html.match(/aria-controls=/g)).toHaveLength(1);
  });

  test('light and dark Fluent themes follow the Office theme', async () => {
    // webLightTheme's colorNeutralBackground1 is #ffffff, webDarkTheme's #292929.
    const light = (await render({ language: 'zh-CN', theme: { bodyBackgroundColor: '#FFFFFF' } })).html;
    const dark = (await render({ language: 'zh-CN', theme: { bodyBackgroundColor: '#262626' } })).html;
    expect(light).toMatch(/--colorNeutralBackground1:\s*#ffffff/i);
    expect(dark).toMatch(/--colorNeutralBackground1:\s*#292929/i);
    expect((await render({ language: 'zh-CN', theme: { isDark: true } })).html).toMatch(
      /--colorNeutralBackground1:\s*#292929/i,
    );
  });

  test('a host that reports theme changes is not subscribed during server rendering (effects only run in the browser)', async () => {
    const onThemeChange = jest.fn(() => () => undefined);
    await render({ language: 'zh-CN', onThemeChange });
    expect(onThemeChange).not.toHaveBeenCalled();
  });
});

describe('NotInOffice', () => {
  test.each([
    ['zh-CN', '请在 Excel 中打开', 'npm start'],
    ['en-US', 'Open this in Excel', 'npm start'],
  ])('%s', (language, title, hint) => {
    const locale = resolveLocale(language);
    const html = renderToString(<NotInOffice locale={locale} messages={CATALOGUE[locale]} dark={false} />);
    expect(html).toContain(`lang="${language}"`);
    expect(text(html)).toContain(title);
    expect(text(html)).toContain(hint);
    expect(html).toMatch(/<h1/);
  });
});
