import { renderPanel } from './renderPanel';
import { CATALOGUE, translatorFor } from '../messages';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { builtinPlan } from '../../src/domain/plan/builtin';
import { campaignRows } from '../../src/taskpane/features/Templates/useTemplates';
import { settingsRows } from '../../src/taskpane/features/Settings/useSettings';
import type { HostInfo } from '../../src/taskpane/host';
import { I18nProvider } from '../../src/taskpane/i18n';
import { NoticesProvider, type Notice } from '../../src/taskpane/notices';
import { Shell } from '../../src/taskpane/shell/Shell';
import { StatusArea } from '../../src/taskpane/shell/StatusArea';
import { WorkbookProvider } from '../../src/taskpane/workbookContext';
import type { SectionId } from '../../src/taskpane/shell/sections';
import { PortError } from '../../src/workbook/port';
import { describePortError } from '../../src/taskpane/portErrors';
import type { Locale } from '../../src/domain/i18n/messages';
import { refusingPort } from './fakePort';
import { renderAll, visibleText } from './renderAll';

function withProviders(locale: Locale, node: ReactNode): string {
  return renderPanel(locale, node).html;
}

/** The shell once its lazily loaded panel has rendered (effects do not run: the workbook is not read). */
async function shell(locale: Locale, section: SectionId, host: HostInfo = { language: locale }): Promise<string> {
  return visibleText(
    await renderAll(
      <I18nProvider locale={locale} messages={CATALOGUE[locale]}>
        <FluentProvider theme={webLightTheme}>
          <WorkbookProvider port={refusingPort()}>
            <NoticesProvider>
              <Shell host={host} theme={host.theme} initialSection={section} />
            </NoticesProvider>
          </WorkbookProvider>
        </FluentProvider>
      </I18nProvider>,
    ),
  );
}

describe('Templates', () => {
  test('campaignRows: the five campaigns with 指挥长, 牵头部门 and indicator count', () => {
    const plan = builtinPlan();
    const zh = campaignRows(plan, 'zh-CN');
    expect(zh.map((c) => c.name)).toEqual(['招大引强', '转型升级', '项目建设', '城市提质', '民生改善']);
    expect(zh[0]).toEqual({
      id: 'C1',
      number: 1,
      name: '招大引强',
      commander: '张善根',
      leadDepartment: '投资促进中心',
      indicatorCount: 8,
    });
    expect(zh.reduce((s, c) => s + c.indicatorCount, 0)).toBe(plan.campaigns.flatMap((c) => c.indicators).length);
    expect(campaignRows(plan, 'en-US')[0]?.name).toBe('Investment attraction');
  });
});

describe('Settings', () => {
  test('settingsRows: language, theme with its source, plan (the built-in one until the workbook is read)', () => {
    const plan = builtinPlan();
    const reading = { state: 'reading' } as const;
    const rows = settingsRows(
      { locale: 'zh-CN', officeLanguage: 'zh-CN', theme: { bodyBackgroundColor: '#262626' }, plan, reading },
      translatorFor('zh-CN'),
    );
    expect(rows.map((r) => [r.label, r.value])).toEqual([
      ['界面语言', '简体中文（Office 显示语言：zh-CN）'],
      ['主题', '深色（Office 主题背景色 #262626）'],
      ['使用的计划', `${plan.title}（2019 年）`],
      ['计划来源', '正在读取工作簿…'],
    ]);
    const en = settingsRows(
      { locale: 'en-US', officeLanguage: 'fr-FR', theme: undefined, plan, reading },
      translatorFor('en-US'),
    );
    expect(en.map((r) => r.value)).toEqual([
      'English (Office display language: fr-FR)',
      'Light (no Office theme detected; the default)',
      `${plan.title} (2019)`,
      'Reading the workbook…',
    ]);
    expect(
      settingsRows(
        { locale: 'en-US', officeLanguage: 'en-US', theme: { isDark: true }, plan, reading },
        translatorFor('en-US'),
      )[1]?.value,
    ).toBe('Dark (as reported by Office)');
  });

  test('the panel shows what was detected', async () => {
    const t = await shell('zh-CN', 'settings', { language: 'zh-CN', theme: { bodyBackgroundColor: '#FFFFFF' } });
    expect(t).toContain('浅色（Office 主题背景色 #FFFFFF）');
    expect(t).toContain('关于打赢“五大攻坚战”的总体方案');
  });
});

describe('StatusArea', () => {
  const notice = (e: unknown, locale: Locale): Notice => ({
    id: 1,
    intent: 'error',
    title: translatorFor(locale)('ui.status.errorTitle'),
    message: describePortError(e, translatorFor(locale)),
    detail: 'InvalidOperationInCellEditMode',
  });

  test('nothing to show → nothing rendered', () => {
    expect(withProviders('zh-CN', <StatusArea notices={[]} onDismiss={() => undefined} />)).not.toContain('<section');
  });

  test.each([
    ['zh-CN', '请先退出单元格编辑模式再试', '关闭通知'],
    ['en-US', 'Finish editing the cell first', 'Dismiss notification'],
  ] as const)('a PortError as a localized MessageBar (%s)', (locale, message, dismiss) => {
    const html = withProviders(
      locale,
      <StatusArea notices={[notice(new PortError('cellEditMode'), locale)]} onDismiss={() => undefined} />,
    );
    expect(visibleText(html)).toContain(message);
    expect(visibleText(html)).toContain('InvalidOperationInCellEditMode');
    expect(html).toContain(`aria-label="${dismiss}"`);
    // The MessageBar is labelled by its title: the title element must exist.
    const labelledBy = /role="group" aria-labelledby="([^"]+)"/.exec(html)?.[1];
    expect(labelledBy).toBeDefined();
    expect(html).toContain(`id="${labelledBy}"`);
  });
});
