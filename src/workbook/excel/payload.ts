/**
 * Excel on the web rejects a request (one `context.sync()`) larger than 5 MB with RequestPayloadSizeLimitExceeded
 * ("Resource limits and performance optimization for Office Add-ins", Excel add-ins section). The adapter queues
 * its commands as operations with an estimated size and syncs between batches only when the next operation would
 * take the batch past the budget: for ordinary sheets that is never, so the number of round trips is constant.
 */

/** The documented limit, per request and per response. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/**
 * Where the adapter cuts, below the limit because the estimate is not the wire format: measured against the real
 * Office.js request builder the estimate stays within 10% (test/workbook/excel/officeJsPayload.test.ts), so a
 * 4.5 MB estimate is at most ≈ 4.95 MB on the wire, under the 5 MiB limit.
 */
export const DEFAULT_BATCH_BUDGET_BYTES = 4.5 * 1000 * 1000;
/**
 * What one queued operation costs besides its data: its actions (instantiate, set or call), the object path of the
 * range it acts on, ids. Measured on the request body the Office.js runtime builds (officeJsPayload.test.ts):
 * 290–300 bytes for a one-range operation such as a merge or a hyperlink; rounded up.
 */
export const COMMAND_OVERHEAD_BYTES = 320;

/**
 * An upper bound of the JSON size of a value: ASCII counts 1 byte, anything else 6 (the length of a "\uXXXX"
 * escape), so Chinese text is never under-estimated whatever the serializer does with it.
 */
export function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value) ?? 'null';
  let bytes = 0;
  for (let i = 0; i < json.length; i++) bytes += json.charCodeAt(i) < 0x80 ? 1 : 6;
  return bytes;
}

export interface Operation {
  readonly bytes: number;
  readonly run: () => void;
}

/** Operations in the order they must reach Excel. */
export class OperationQueue {
  private readonly ops: Operation[] = [];
  private total = 0;

  add(bytes: number, run: () => void): void {
    this.ops.push({ bytes: bytes + COMMAND_OVERHEAD_BYTES, run });
    this.total += bytes + COMMAND_OVERHEAD_BYTES;
  }

  get estimatedBytes(): number {
    return this.total;
  }

  get size(): number {
    return this.ops.length;
  }

  /** Consecutive groups of at most `budget` estimated bytes; an operation larger than that forms its own group. */
  batches(budget: number): (readonly Operation[])[] {
    const out: Operation[][] = [];
    let current: Operation[] = [];
    let bytes = 0;
    for (const op of this.ops) {
      if (current.length > 0 && bytes + op.bytes > budget) {
        out.push(current);
        current = [];
        bytes = 0;
      }
      current.push(op);
      bytes += op.bytes;
    }
    if (current.length > 0) out.push(current);
    return out;
  }
}

/**
 * Runs the queued operations in batches of at most `budget` estimated bytes, one round trip each. `afterFirst` runs
 * once the first batch has reached Excel.
 */
export async function runBatches(
  queue: OperationQueue,
  budget: number,
  sync: () => Promise<void>,
  afterFirst?: () => void,
): Promise<void> {
  const batches = queue.batches(budget);
  for (const [i, batch] of batches.entries()) {
    for (const op of batch) op.run();
    // Deliberate: one round trip per ~4 MB of payload (Excel on the web refuses requests over 5 MB); for ordinary
    // sheets this loop runs once.
    await sync();
    if (i === 0) afterFirst?.();
  }
}
