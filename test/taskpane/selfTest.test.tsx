import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { renderToString } from 'react-dom/server';
import { CATALOGUE } from '../messages';
import { visibleText } from './renderAll';
import type { Locale } from '../../src/domain/i18n/messages';
import { SelfTestView, type SelfTestViewProps } from '../../src/taskpane/features/Settings/SelfTest';
import { I18nProvider } from '../../src/taskpane/i18n';
import { officeEnvironment, selfTestFlags } from '../../src/taskpane/selfTestHost';
import type { SelfTestRun } from '../../src/workbook/usecases/selfTest';

/** 设置 → 自检: the section server-rendered in each state, and what the host tells it (query flags, environment). */

function render(locale: Locale, props: Partial<SelfTestViewProps>): string {
  return renderToString(
    <I18nProvider locale={locale} messages={CATALOGUE[locale]}>
      <FluentProvider theme={webLightTheme}>
        <SelfTestView
          status={{ phase: 'idle' }}
          send={{ state: 'idle' }}
          testServerPort={4201}
          onRun={() => undefined}
          onSend={() => undefined}
          {...props}
        />
      </FluentProvider>
    </I18nProvider>,
  );
}

const run: SelfTestRun = {
  adapter: 'excel',
  environment: { addinVersion: '0.1.0', host: 'Excel', platform: 'PC', excelVersion: '16.0' },
  startedAt: '2026-12-07T00:15:00.000Z',
  results: [
    { id: 'listSheets.order', title: { zh: '顺序', en: 'order' }, status: 'passed', durationMs: 12 },
    {
      id: 'writeSheet.merges',
      title: { zh: '合并', en: 'merges' },
      status: 'skipped',
      message: 'needs ExcelApi 1.13',
      durationMs: 0,
    },
    {
      id: 'errors',
      title: { zh: '错误码', en: 'error codes' },
      status: 'failed',
      message: 'expected X',
      durationMs: 30,
    },
  ],
};

describe('the 自检 section (server-rendered)', () => {
  test('before a run: what it does, and the button', () => {
    const zh = visibleText(render('zh-CN', {}));
    expect(zh).toContain('自检 检查本加载项与此 Excel 的每项交互');
    expect(zh).toContain('KPI自检-…');
    expect(zh).not.toContain('复制报告');
    expect(visibleText(render('en-US', {}))).toContain('Run self-test');
  });

  test('running: progress in a live region, the button waiting', () => {
    const html = render('zh-CN', { status: { phase: 'running', results: run.results.slice(0, 1), total: 32 } });
    expect(html).toMatch(/role="status"[^>]*>正在自检…（1\/32）/);
    expect(html).toMatch(
      /data-testid="selftest-run"[^>]*aria-disabled="true"|aria-disabled="true"[^>]*data-testid="selftest-run"/,
    );
    expect(visibleText(html)).toContain('通过 顺序 （12 毫秒）');
  });

  test('done: the summary, each result with its message, the report, copy and send', () => {
    const zh = render('zh-CN', { status: { phase: 'done', run, report: 'REPORT TEXT' } });
    const text = visibleText(zh);
    expect(text).toContain('1 项通过，1 项失败，1 项跳过');
    expect(text).toContain('跳过 合并 （0 毫秒） needs ExcelApi 1.13');
    expect(text).toContain('失败 错误码 （30 毫秒） expected X');
    expect(zh).toContain('REPORT TEXT');
    expect(text).toContain('复制报告');
    expect(text).toContain('发送到测试服务器 发送到本机的 https://localhost:4201');
    const en = visibleText(
      render('en-US', {
        status: { phase: 'done', run, report: 'R' },
        send: { state: 'failed', detail: 'Failed to fetch' },
      }),
    );
    expect(en).toContain('1 passed, 1 failed, 1 skipped');
    expect(en).toContain('Could not send to the test server (https://localhost:4201): Failed to fetch');
  });

  test('a run that could not start says why', () => {
    expect(visibleText(render('zh-CN', { status: { phase: 'error', detail: '网络' } }))).toContain(
      '自检未能运行：网络',
    );
  });
});

describe('what the host tells 自检', () => {
  test('the query flags: ?selftest=post runs and sends; testServerPort when valid, else 4201', () => {
    expect(selfTestFlags('')).toEqual({ autoRun: false, testServerPort: 4201 });
    expect(selfTestFlags('?selftest=post&testServerPort=4300')).toEqual({ autoRun: true, testServerPort: 4300 });
    expect(selfTestFlags('?selftest=1&testServerPort=99999')).toEqual({ autoRun: false, testServerPort: 4201 });
  });

  test('the environment from Office.context: diagnostics and ExcelApi 1.1…1.17', () => {
    const office = {
      context: {
        diagnostics: { version: '16.0.1', platform: 'OfficeOnline', host: 'Excel' },
        requirements: {
          isSetSupported: (name: string, v?: string) => name === 'ExcelApi' && Number(v?.split('.')[1]) <= 14,
        },
      },
    };
    const env = officeEnvironment(office, '0.1.0');
    expect({ ...env, requirementSets: undefined }).toEqual({
      addinVersion: '0.1.0',
      host: 'Excel',
      platform: 'OfficeOnline',
      excelVersion: '16.0.1',
      requirementSets: undefined,
    });
    expect(env.requirementSets?.map((s) => `${s.version}${s.supported ? '+' : '-'}`)).toEqual([
      ...Array.from({ length: 14 }, (_, i) => `1.${i + 1}+`),
      '1.15-',
      '1.16-',
      '1.17-',
    ]);
  });
});
