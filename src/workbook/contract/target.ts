import type { OwnWritesInChangeEvents, WorkbookPort } from '../port';

/**
 * What the port contract runs against: an adapter's port, a way to count its round trips, its declared
 * differences, and an optional adapter-specific "inspect" hook for what a rendered sheet is that the port does not
 * read back (validation rules, conditional formats, protection, merges, sizes, the active sheet). The port is not
 * widened for the contract's sake: each adapter answers these in its own terms (memory: its state; Excel: Office.js).
 */

export type ValidationKind = 'decimal' | 'wholeNumber' | 'list' | 'textLength' | 'custom' | 'none' | 'other';

export interface Inspector {
  /** Inserts empty rows above the 1-based `row`, as a person does (to move a marker down). */
  insertRows(sheet: string, row: number, count: number): Promise<void>;
  /** The kind of data-validation rule on a cell ('none' when there is none). */
  validationKind(sheet: string, address: string): Promise<ValidationKind>;
  /** How many conditional formats cover a cell. */
  conditionalFormatCount(sheet: string, address: string): Promise<number>;
  isProtected(sheet: string): Promise<boolean>;
  /** Merged areas inside `address`, as A1 ranges without a sheet name ("B2:C2"). */
  mergedAreas(sheet: string, address: string): Promise<string[]>;
  /** A column's width in the adapter's unit (memory: characters; Excel: points): compared, never converted. */
  columnWidth(sheet: string, column: string): Promise<number>;
  rowHidden(sheet: string, row: number): Promise<boolean>;
  /** The active sheet, and the active cell where the adapter knows it. */
  active(): Promise<{ readonly sheet: string; readonly cell?: string } | undefined>;
}

export type InspectorMethod = keyof Inspector;

/** What a check may need beyond the port: an inspect method, or formulas being calculated. */
export type Capability = InspectorMethod | 'calculation';

export interface RoundTripCounter {
  /** What is counted: Office.js `context.sync()` calls, or (memory) port calls, each one batch by construction. */
  readonly unit: 'sync' | 'portCall';
  /** Round trips so far (only differences are meaningful). */
  count(): number;
}

export interface ContractTarget {
  /** Which adapter, for the report: 'memory', 'excel' or 'file'. */
  readonly adapter: 'memory' | 'excel' | 'file';
  readonly port: WorkbookPort;
  readonly roundTrips: RoundTripCounter;
  /** The adapter's declared treatment of its own writes in change events. */
  readonly ownWrites: OwnWritesInChangeEvents;
  /** Waits until change events of writes already made have been delivered (events are asynchronous in Excel). */
  settle(): Promise<void>;
  /** What this adapter can inspect; a check needing a method absent here is skipped. */
  readonly inspect: Partial<Inspector>;
  /** What this target cannot do, with the reason a check needing it is skipped (CI: what the fake does not model). */
  readonly cannot?: Partial<Record<Capability, string>>;
}
