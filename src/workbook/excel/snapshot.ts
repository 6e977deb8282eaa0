/**
 * What readAllSheets learns of every sheet besides its cells — its tables, charts and protection, loaded in the
 * batch that reads the used ranges — kept so that writeSheets can replace sheets without a lookup round trip. How
 * writeSheets uses it, and what a stale one costs: writeSheets.ts.
 */

/** What replacing one sheet in place must know about it (from a snapshot). */
export interface SheetState {
  /** The name as Excel spells it (sheet names are compared case-insensitively). */
  readonly name: string;
  readonly tables: readonly string[];
  readonly charts: readonly string[];
  readonly isProtected: boolean;
}

export interface WorkbookSnapshot {
  /** When the loads came back, on the adapter's clock (ms). */
  readonly takenAt: number;
  /** Every sheet of the workbook at that time, by `sheetKey`: a name not in it was not a sheet then. */
  readonly sheets: ReadonlyMap<string, SheetState>;
}

/** Excel compares sheet names ignoring case. */
export function sheetKey(name: string): string {
  return name.toLowerCase();
}

export interface LoadedState {
  readonly tables: readonly Excel.Table[];
  readonly charts: readonly Excel.Chart[];
  readonly isProtected: boolean;
}

/** Queues the loads of a sheet's tables, charts and protection; the returned function reads them after the sync. */
export function queueStateLoad(sheet: Excel.Worksheet, withProtection: boolean): () => LoadedState {
  const tables = sheet.tables.load('items/name');
  const charts = sheet.charts.load('items/name');
  const protection = withProtection ? sheet.protection.load('protected') : undefined;
  return () => ({ tables: tables.items, charts: charts.items, isProtected: protection?.protected === true });
}

/** Loaded states as a snapshot entry: names only, since proxies do not outlive their Excel.run. */
export function toSheetState(name: string, loaded: LoadedState): SheetState {
  return {
    name,
    tables: loaded.tables.map((t) => t.name),
    charts: loaded.charts.map((c) => c.name),
    isProtected: loaded.isProtected,
  };
}

/**
 * The adapter's one snapshot: kept for `maxAgeMs` after it was taken, dropped as soon as the adapter changes
 * sheets (the user's changes are not seen: writeSheets catches those, see writeSheets.ts).
 */
export class SnapshotKeeper {
  private kept: WorkbookSnapshot | undefined;

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number,
  ) {}

  /** The snapshot, unless older than maxAgeMs or taken "in the future" (the clock was set back since). */
  fresh(): WorkbookSnapshot | undefined {
    const age = this.kept ? this.now() - this.kept.takenAt : Infinity;
    return age >= 0 && age <= this.maxAgeMs ? this.kept : undefined;
  }

  drop(): void {
    this.kept = undefined;
  }

  /**
   * Queues the loads of the sheets' states on the batch about to be synced (more loads in a batch made anyway: no
   * round trip of their own); the returned function, called after that sync, keeps them as the snapshot.
   */
  queueTake(sheets: readonly Excel.Worksheet[], withProtection: boolean): () => void {
    const reads = sheets.map((sheet) => ({ name: sheet.name, read: queueStateLoad(sheet, withProtection) }));
    return () => {
      const states = reads.map(({ name, read }) => toSheetState(name, read()));
      this.kept = { takenAt: this.now(), sheets: new Map(states.map((state) => [sheetKey(state.name), state])) };
    };
  }
}
