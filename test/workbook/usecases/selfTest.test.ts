import { memoryContractTarget } from '../../../src/workbook/memory/memoryContract';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import {
  countResults,
  runSelfTest,
  scratchBase,
  selfTestReport,
  type SelfTestRun,
} from '../../../src/workbook/usecases/selfTest';
import {
  DEFAULT_TEST_SERVER_PORT,
  sendToTestServer,
  testServerPayload,
  testServerUrl,
} from '../../../src/workbook/usecases/testServer';

/**
 * 自检's use case around the contract: scratch names, the report, the environment it names, the query flags, and
 * the results as office-addin-test-server receives them (the format of office-addin-test-helpers' addTestResult
 * and sendTestResults: [{ expectedValue, resultName, resultValue }] posted as JSON to https://localhost:4201/results/).
 */

const environment = {
  addinVersion: '0.1.0',
  host: 'Excel',
  platform: 'PC',
  excelVersion: '16.0.17928.20114',
  requirementSets: [
    { version: '1.1', supported: true },
    { version: '1.2', supported: false },
  ],
};

const run: SelfTestRun = {
  adapter: 'excel',
  environment,
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
    { id: 'errors', title: { zh: '错误码', en: 'errors' }, status: 'failed', message: 'x'.repeat(500), durationMs: 30 },
  ],
};

describe('scratch sheet names', () => {
  test('"KPI自检-<date>-<time>", within 31 characters with the check number, unique ignoring case', () => {
    const at = new Date(2026, 11, 7, 0, 15, 9);
    expect(scratchBase(at, ['Sheet1'])).toBe('KPI自检-20261207-001509');
    expect(`${scratchBase(at, [])}-99`.length).toBeLessThanOrEqual(31);
    expect(scratchBase(at, ['kpi自检-20261207-001509-3'])).toBe('KPI自检-20261207-001509~2');
  });
});

describe('the report', () => {
  test('names the add-in, Excel, platform, requirement sets, and each check with its duration and message', () => {
    const text = selfTestReport(run, 'zh');
    expect(text.split('\n').slice(0, 9)).toEqual([
      'KPI 加载项自检报告 / KPI add-in self-test report',
      '加载项版本 / Add-in version: 0.1.0',
      '宿主 / Host: Excel',
      'Excel 版本 / Excel version: 16.0.17928.20114',
      '平台 / Platform: PC',
      'ExcelApi: 1.1✓ 1.2✗',
      '适配器 / Adapter: excel',
      '开始时间 / Started: 2026-12-07T00:15:00.000Z',
      '结果 / Result: 1 passed, 1 failed, 1 skipped',
    ]);
    expect(text).toContain('[passed] listSheets.order (12 ms) 顺序');
    expect(text).toContain('[skipped] writeSheet.merges (0 ms) 合并\n    needs ExcelApi 1.13');
    expect(selfTestReport(run, 'en')).toContain('[failed] errors (30 ms) errors');
    expect(countResults(run.results)).toEqual({ passed: 1, failed: 1, skipped: 1 });
  });
});

describe('the test server', () => {
  test('entries as addTestResult makes them: the environment first, then each check expected to pass', () => {
    const payload = testServerPayload(run);
    expect(payload[0]).toEqual({
      resultName: 'selftest.environment',
      resultValue: { ...environment, adapter: 'excel', startedAt: run.startedAt },
      expectedValue: { ...environment, adapter: 'excel', startedAt: run.startedAt },
    });
    expect(payload.slice(1).map((p) => [p.resultName, p.resultValue, p.expectedValue])).toEqual([
      ['listSheets.order', 'passed', 'passed'],
      ['writeSheet.merges', 'skipped', 'passed'],
      ['errors', 'failed', 'passed'],
    ]);
    expect(payload[2]?.message).toBe('needs ExcelApi 1.13');
    expect(payload[3]?.message).toHaveLength(200); // cut: the helpers send the JSON in the URL too
  });

  test('posted as sendTestResults does: POST https://localhost:<port>/results/?data=<json>, the JSON as body', async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const fetchFn = (async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      return new Response('200', { status: 200 });
    }) as typeof fetch;
    const payload = testServerPayload(run);
    await sendToTestServer(fetchFn, DEFAULT_TEST_SERVER_PORT, payload);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    const json = JSON.stringify(payload);
    expect(call?.url).toBe(`https://localhost:4201/results/?data=${encodeURIComponent(json)}`);
    expect(call?.init).toEqual({ method: 'POST', body: json, headers: { 'Content-Type': 'application/json' } });
  });

  test('only to localhost, only to a valid port; a refusal is an error', async () => {
    expect(testServerUrl(4300)).toBe('https://localhost:4300/results/');
    for (const bad of [0, 65536, 1.5, Number.NaN]) expect(() => testServerUrl(bad)).toThrow(RangeError);
    const refusing = (async () => new Response('no', { status: 500 })) as typeof fetch;
    await expect(sendToTestServer(refusing, 4201, [])).rejects.toThrow('test server answered 500');
  });
});

test('progress is reported check by check, and the run yields between checks', async () => {
  const target = memoryContractTarget(new MemoryWorkbook());
  const seen: string[] = [];
  let pauses = 0;
  const result = await runSelfTest(target, environment, {
    onResult: (r, i, total) => seen.push(`${i + 1}/${total} ${r.id}`),
    pause: async () => void pauses++,
  });
  expect(seen).toHaveLength(result.results.length);
  expect(seen[0]).toBe(`1/${result.results.length} listSheets.order`);
  expect(pauses).toBe(result.results.length - 1);
});
