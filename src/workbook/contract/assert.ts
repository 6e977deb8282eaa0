import { PortError, type PortErrorCode } from '../port';

/**
 * The contract's own assertions: it runs inside the add-in (设置 → 自检), so no Jest. Each throws a
 * ContractFailure whose message says what was expected and what came back, in plain words.
 */

export class ContractFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractFailure';
  }
}

/** Thrown by a check that cannot run here (an optional API this Excel lacks); the runner reports it as skipped. */
export class ContractSkip extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ContractSkip';
  }
}

/** JSON-like text of a value for messages (undefined and NaN spelt out). */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  try {
    const text = JSON.stringify(value);
    return text.length > 300 ? `${text.slice(0, 297)}...` : text;
  } catch {
    return String(value);
  }
}

/** Deep equality of plain data (arrays, records, primitives). */
export function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) => Object.prototype.hasOwnProperty.call(b, k) && same(a[k as keyof typeof a], b[k as keyof typeof b]),
  );
}

export function expectEqual<T>(actual: T, expected: T, what: string): void {
  if (!same(actual, expected)) throw new ContractFailure(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

export function expectTrue(condition: boolean, what: string): void {
  if (!condition) throw new ContractFailure(what);
}

/** The promise must reject with a PortError of this code. */
export async function expectPortError(promise: Promise<unknown>, code: PortErrorCode, what: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PortError && error.code === code) return;
    const got =
      error instanceof PortError ? `PortError('${error.code}')` : error instanceof Error ? error.message : show(error);
    throw new ContractFailure(`${what}: expected PortError('${code}'), got ${got}`);
  }
  throw new ContractFailure(`${what}: expected PortError('${code}'), but it succeeded`);
}

/** Says that a check cannot run here (e.g. an inspect method needs a newer ExcelApi); the runner reports it. */
export function skip(reason: string): never {
  throw new ContractSkip(reason);
}
