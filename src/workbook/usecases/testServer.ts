import type { SelfTestRun } from './selfTest';

/**
 * Sending 自检's results to office-addin-test-server (Microsoft's pattern for tests inside a real Office host:
 * the add-in posts, a script on the same machine waits for the results), so that a Windows machine with Excel can
 * run 自检 unattended. Only when asked: the 发送到测试服务器 button, or a page opened with ?selftest=post. Kept apart
 * from the use case so that the entries can read the default port without loading the contract.
 */

export const DEFAULT_TEST_SERVER_PORT = 4201;

/**
 * One entry per check in the format office-addin-test-helpers' addTestResult builds (expectedValue, resultName,
 * resultValue), which office-addin-test-server receives at POST /results: an unattended run compares each
 * resultValue with its expectedValue. The first entry is the environment (informational: it equals itself).
 */
export interface TestServerResult {
  readonly resultName: string;
  readonly resultValue: unknown;
  readonly expectedValue: unknown;
  readonly message?: string;
  readonly durationMs?: number;
}

/** Messages are cut: the helpers also send the JSON in the URL's query (?data=), which must stay short. */
const MAX_MESSAGE = 200;

export function testServerPayload(run: SelfTestRun): TestServerResult[] {
  const environment = { ...run.environment, adapter: run.adapter, startedAt: run.startedAt };
  return [
    { resultName: 'selftest.environment', resultValue: environment, expectedValue: environment },
    ...run.results.map((r) => ({
      resultName: r.id,
      resultValue: r.status,
      expectedValue: 'passed',
      ...(r.message
        ? { message: r.message.length > MAX_MESSAGE ? `${r.message.slice(0, MAX_MESSAGE - 1)}…` : r.message }
        : {}),
      durationMs: r.durationMs,
    })),
  ];
}

/** Only https://localhost:<port>: a result never leaves the machine it was made on. */
export function testServerUrl(port: number): string {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`not a port: ${port}`);
  return `https://localhost:${port}/results/`;
}

/**
 * Posts the results as office-addin-test-helpers' sendTestResults does: the JSON as the body (read by
 * office-addin-test-server's express.json()) and in the query as ?data= (read by its older versions).
 */
export async function sendToTestServer(
  fetchFn: typeof fetch,
  port: number,
  payload: readonly TestServerResult[],
): Promise<void> {
  const json = JSON.stringify(payload);
  const response = await fetchFn(`${testServerUrl(port)}?data=${encodeURIComponent(json)}`, {
    method: 'POST',
    body: json,
    headers: { 'Content-Type': 'application/json' },
  });
  if (!response.ok) throw new Error(`test server answered ${response.status}`);
}
