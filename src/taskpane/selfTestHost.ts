import type { SelfTestEnvironment } from '../workbook/usecases/selfTest';
import { DEFAULT_TEST_SERVER_PORT } from '../workbook/usecases/testServer';

/**
 * 设置 → 自检's view of the host, for the entries (index.tsx in Excel, the preview): the environment a report
 * names, and the query flags of an unattended run. Office.js is passed in, structurally, as in officeHost.ts.
 */

/** The slice of Office.js read here. */
export interface OfficeDiagnosticsApi {
  readonly context: {
    readonly diagnostics?: { readonly version?: string; readonly platform?: unknown; readonly host?: unknown };
    readonly requirements: { isSetSupported(name: string, version?: string): boolean };
  };
}

/** ExcelApi 1.1 … 1.17, the requirement sets a report lists. */
export const EXCEL_API_VERSIONS: readonly string[] = Array.from({ length: 17 }, (_, i) => `1.${i + 1}`);

export function officeEnvironment(office: OfficeDiagnosticsApi, addinVersion: string): SelfTestEnvironment {
  const d = office.context.diagnostics;
  return {
    addinVersion,
    host: d?.host === undefined ? 'Excel' : String(d.host),
    platform: d?.platform === undefined ? 'unknown' : String(d.platform),
    excelVersion: d?.version ?? 'unknown',
    requirementSets: EXCEL_API_VERSIONS.map((version) => ({
      version,
      supported: office.context.requirements.isSetSupported('ExcelApi', version),
    })),
  };
}

export interface SelfTestFlags {
  /** ?selftest=post: run 自检 when the pane opens and send the results to the test server. */
  readonly autoRun: boolean;
  /** ?testServerPort=NNNN, else 4201 (office-addin-test-server's default). */
  readonly testServerPort: number;
}

/** The page's query flags; anything else (or a port out of range) is ignored. */
export function selfTestFlags(search: string): SelfTestFlags {
  const params = new URLSearchParams(search);
  const port = Number(params.get('testServerPort'));
  return {
    autoRun: params.get('selftest') === 'post',
    testServerPort: Number.isInteger(port) && port >= 1 && port <= 65535 ? port : DEFAULT_TEST_SERVER_PORT,
  };
}
