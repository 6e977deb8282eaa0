import { PortError, type PortErrorCode } from '../port';

/**
 * The one place where Office.js errors become PortErrors. Codes are `OfficeExtension.Error.code` values as listed
 * in "Error handling with the application-specific JavaScript APIs" (Excel error codes) and `Excel.ErrorCodes`.
 */
const CODE_MAP: Readonly<Record<string, PortErrorCode>> = {
  InvalidOperationInCellEditMode: 'cellEditMode',
  AccessDenied: 'sheetProtected',
  BadPassword: 'sheetProtected',
  RequestPayloadSizeLimitExceeded: 'payloadTooLarge',
  ResponsePayloadSizeLimitExceeded: 'payloadTooLarge',
  PayloadTooLarge: 'payloadTooLarge',
  ItemAlreadyExists: 'nameClash',
  ItemNotFound: 'sheetMissing',
  ApiNotFound: 'unsupported',
};

export interface OfficeErrorLike {
  readonly code: string;
  readonly message: string;
}

export function asOfficeError(error: unknown): OfficeErrorLike | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error) || typeof error.code !== 'string')
    return undefined;
  const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
  return { code: error.code, message };
}

export function toPortError(error: unknown): PortError {
  if (error instanceof PortError) return error;
  const office = asOfficeError(error);
  if (!office) return new PortError('unknown', error instanceof Error ? error.message : String(error));
  const detail = office.message ? `${office.code}: ${office.message}` : office.code;
  const mapped = CODE_MAP[office.code];
  if (mapped) return new PortError(mapped, detail);
  // Some hosts report a protected sheet as a plain InvalidOperation whose message names the protection.
  if (/protect/i.test(office.message)) return new PortError('sheetProtected', detail);
  return new PortError('unknown', detail);
}

export interface RetryPolicy {
  /** Waits before each retry; its length is the number of retries. */
  readonly delaysMs: readonly number[];
  readonly sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [250, 500, 1000];

export function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `attempt` and maps its failure. While the user is typing in a cell, Excel refuses every request with
 * InvalidOperationInCellEditMode; the user usually leaves edit mode within a second, so that one is retried.
 */
export async function withRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      const mapped = toPortError(error);
      const delay = policy.delaysMs[i];
      if (mapped.code !== 'cellEditMode' || delay === undefined) throw mapped;
      await policy.sleep(delay);
    }
  }
}
