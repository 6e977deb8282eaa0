import { rangeAddress } from '../../domain/grid/address';
import { PAYLOAD_LIMIT_BYTES } from './payload';

/**
 * The arithmetic of a read too large for one response (Excel on the web: 5 MB; readInChunks in readSheets.ts):
 * the used ranges cut into row chunks of an estimated budget per round trip. Cell sizes are only known once read,
 * so a batch that still comes back too large is retried as halves with a doubled estimate: round trips grow with
 * bytes only.
 */

/** Rows of one sheet's used range, in Excel's 0-based rowIndex and columnIndex. */
export interface Chunk {
  /** Which of the sheets read. */
  readonly sheet: number;
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly columns: number;
  /** Estimated response bytes per cell; doubled each time a batch with this chunk came back too large. */
  readonly perCell: number;
}

/** A used range's position and size, as loaded; undefined for an empty sheet. */
export interface UsedArea {
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
}

/**
 * One chunk per non-empty sheet. The refused read says the cells average more than the limit divided by their
 * number: the estimate starts above that, and never below `minPerCell`.
 */
export function chunksOf(areas: readonly (UsedArea | undefined)[], minPerCell: number): Chunk[] {
  const cells = areas.reduce((n, area) => n + (area ? area.rowCount * area.columnCount : 0), 0);
  const perCell = Math.max(minPerCell, Math.ceil((1.5 * PAYLOAD_LIMIT_BYTES) / Math.max(1, cells)));
  return areas.flatMap((area, sheet): Chunk[] =>
    area
      ? [{ sheet, top: area.rowIndex, left: area.columnIndex, rows: area.rowCount, columns: area.columnCount, perCell }]
      : [],
  );
}

export function chunkAddress(c: Chunk): string {
  // top and left are Excel's 0-based rowIndex and columnIndex; addresses count from 1.
  return rangeAddress({
    start: { row: c.top + 1, column: c.left + 1 },
    end: { row: c.top + c.rows, column: c.left + c.columns },
  });
}

function chunkBytes(c: Chunk): number {
  return c.rows * c.columns * c.perCell;
}

/**
 * Takes from the front of `work` the chunks of one round trip, cutting a chunk by rows to fit the budget; a single
 * row over the budget goes alone.
 */
export function takeBatch(work: Chunk[], budget: number): Chunk[] {
  const batch: Chunk[] = [];
  let bytes = 0;
  while (work.length > 0) {
    const next = work[0];
    if (!next) break;
    const room = budget - bytes;
    if (chunkBytes(next) <= room) {
      batch.push(next);
      bytes += chunkBytes(next);
      work.shift();
      continue;
    }
    const rows = Math.floor(room / (next.columns * next.perCell));
    if (rows >= 1) {
      batch.push({ ...next, rows });
      work[0] = { ...next, top: next.top + rows, rows: next.rows - rows };
    } else if (batch.length === 0) {
      batch.push({ ...next, rows: 1 });
      work[0] = { ...next, top: next.top + 1, rows: next.rows - 1 };
      if (next.rows === 1) work.shift();
    }
    break;
  }
  return batch;
}

/** A chunk of a batch that came back too large: its two halves (a single row stays whole), each cell estimated at twice. */
export function halve(c: Chunk): Chunk[] {
  const perCell = c.perCell * 2;
  if (c.rows === 1) return [{ ...c, perCell }];
  const upper = Math.ceil(c.rows / 2);
  return [
    { ...c, rows: upper, perCell },
    { ...c, top: c.top + upper, rows: c.rows - upper, perCell },
  ];
}
