import { requirementOf, type Feature } from './features';
import { runBatches, type OperationQueue } from './payload';
import type { Capabilities } from './renderSheet';

export interface SkippedFeature {
  readonly feature: Feature;
  /** The requirement set this Excel lacks, e.g. "ExcelApi 1.8". */
  readonly requirement: string;
}

export interface WriteReport {
  /** The sheet written (writeSheets: the first of them). */
  readonly sheet: string;
  /** Every sheet written, in order. */
  readonly sheets: readonly string[];
  /** Parts of the spec not rendered because this Excel lacks the API; the rest of the sheet was written. */
  readonly skipped: readonly SkippedFeature[];
  /** Round trips of the whole writeSheet(s) call, lookups and refused batches included. */
  readonly syncs: number;
  /** Estimated request payload of the (last) write, in bytes. */
  readonly estimatedBytes: number;
  /**
   * writeSheets: how the sheets to replace were known — from readAllSheets' snapshot (no lookup round trip), or
   * by a lookup round trip (no recent snapshot, replace: false, or a stale snapshot).
   */
  readonly lookup?: 'snapshot' | 'loaded';
  /**
   * writeSheets: set when the snapshot turned out stale and the write was redone after a lookup (the result is
   * the same): the Office error code that refused the batch, or "unexpectedItems" when a written sheet held
   * tables or charts the snapshot did not know of.
   */
  readonly staleSnapshot?: string;
}

export interface WriteSettings {
  readonly supports: (feature: Feature) => boolean;
  /** Estimated request size at which a write is cut into another batch. */
  readonly budget: number;
  /** Called once a write's first batch has reached Excel: the workbook has changed from then on. */
  readonly changed: () => void;
}

/**
 * One attempt of writeSheet, writeSheets or insertSheet, inside one Excel.run (a retry in cell-edit mode starts a
 * new one): counts its round trips and collects what the spec asked for that this Excel lacks, for its report.
 */
export class WriteRun {
  readonly caps: Capabilities;
  private readonly skipped = new Map<Feature, SkippedFeature>();
  private syncs = 0;

  constructor(
    readonly context: Excel.RequestContext,
    private readonly settings: WriteSettings,
  ) {
    this.caps = {
      supports: settings.supports,
      skip: (feature) => void this.skipped.set(feature, { feature, requirement: requirementOf(feature) }),
    };
  }

  /** One round trip, counted. */
  readonly sync = async (): Promise<void> => {
    this.syncs++;
    await this.context.sync();
  };

  /**
   * Runs the queued writes, one round trip per `budget` bytes; `afterFirst` runs once the first batch has reached
   * Excel, after `settings.changed`.
   */
  async runQueue(queue: OperationQueue, afterFirst?: () => void): Promise<void> {
    await runBatches(queue, this.settings.budget, this.sync, () => {
      this.settings.changed();
      afterFirst?.();
    });
  }

  /** What this attempt wrote and cost, once it has succeeded. */
  report(
    sheets: readonly string[],
    estimatedBytes: number,
    how: Pick<WriteReport, 'lookup' | 'staleSnapshot'> = {},
  ): WriteReport {
    return {
      sheet: sheets[0] ?? '',
      sheets,
      skipped: [...this.skipped.values()],
      syncs: this.syncs,
      estimatedBytes,
      ...how,
    };
  }
}
