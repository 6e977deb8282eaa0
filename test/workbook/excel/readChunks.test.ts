import fc from 'fast-check';
import { PAYLOAD_LIMIT_BYTES } from '../../../src/workbook/excel/payload';
import { chunkAddress, chunksOf, halve, takeBatch, type Chunk } from '../../../src/workbook/excel/readChunks';

/** The arithmetic of a chunked read (through the port, against the fake: excelWorkbook.test.ts, readSheets). */

const chunk = (c: Partial<Chunk>): Chunk => ({ sheet: 0, top: 0, left: 0, rows: 10, columns: 10, perCell: 10, ...c });

describe('chunksOf', () => {
  it('makes one chunk per non-empty sheet, keeping each sheet’s index', () => {
    const area = { rowIndex: 2, columnIndex: 1, rowCount: 3, columnCount: 4 };
    expect(chunksOf([undefined, area], 40)).toEqual([
      { sheet: 1, top: 2, left: 1, rows: 3, columns: 4, perCell: Math.ceil((1.5 * PAYLOAD_LIMIT_BYTES) / 12) },
    ]);
  });

  it.each([
    [
      'few cells: above the refused response divided by the cells',
      1_000,
      Math.ceil((1.5 * PAYLOAD_LIMIT_BYTES) / 1_000),
    ],
    ['many cells: never below the minimum', 10_000_000, 40],
  ])('estimates bytes per cell (%s)', (_case, cells, perCell) => {
    const [first] = chunksOf([{ rowIndex: 0, columnIndex: 0, rowCount: cells, columnCount: 1 }], 40);
    expect(first?.perCell).toBe(perCell);
  });
});

describe('chunkAddress', () => {
  it.each([
    [chunk({ top: 0, left: 0, rows: 3, columns: 2 }), 'A1:B3'],
    [chunk({ top: 9, left: 26, rows: 1, columns: 1 }), 'AA10'],
    [chunk({ top: 1999, left: 0, rows: 2001, columns: 10 }), 'A2000:J4000'],
  ])('%o is %s (0-based position, 1-based address)', (c, address) => {
    expect(chunkAddress(c)).toBe(address);
  });
});

describe('takeBatch', () => {
  it.each<[string, Chunk[], number, Chunk[], Chunk[]]>([
    [
      'takes every chunk that fits',
      [chunk({ sheet: 0 }), chunk({ sheet: 1 })],
      2_000,
      [chunk({ sheet: 0 }), chunk({ sheet: 1 })],
      [],
    ],
    [
      'cuts the chunk that does not fit by rows, leaving the rest in front',
      [chunk({ sheet: 0 }), chunk({ sheet: 1 })],
      1_500,
      [chunk({ sheet: 0 }), chunk({ sheet: 1, rows: 5 })],
      [chunk({ sheet: 1, top: 5, rows: 5 })],
    ],
    [
      'stops when not one more row fits',
      [chunk({ sheet: 0 }), chunk({ sheet: 1 })],
      1_050,
      [chunk({ sheet: 0 })],
      [chunk({ sheet: 1 })],
    ],
    [
      'a row larger than the budget goes alone',
      [chunk({ rows: 3, perCell: 1_000 })],
      500,
      [chunk({ rows: 1, perCell: 1_000 })],
      [chunk({ top: 1, rows: 2, perCell: 1_000 })],
    ],
    [
      'and a last such row leaves nothing',
      [chunk({ rows: 1, perCell: 1_000 })],
      500,
      [chunk({ rows: 1, perCell: 1_000 })],
      [],
    ],
  ])('%s', (_case, work, budget, batch, rest) => {
    const left = [...work];
    expect(takeBatch(left, budget)).toEqual(batch);
    expect(left).toEqual(rest);
  });

  it('covers every row exactly once, in order, each batch within the budget or a single row', () => {
    const chunks = fc.array(
      fc.record({
        rows: fc.integer({ min: 1, max: 200 }),
        columns: fc.integer({ min: 1, max: 30 }),
        perCell: fc.integer({ min: 1, max: 500 }),
      }),
      { minLength: 1, maxLength: 5 },
    );
    fc.assert(
      fc.property(chunks, fc.integer({ min: 1, max: 50_000 }), (given, budget) => {
        const work = given.map((c, sheet) => chunk({ sheet, top: 7, left: 3, ...c }));
        const seen = given.map((): number[] => []);
        let withinBudget = true;
        for (let batches = 0; work.length > 0; batches++) {
          const batch = takeBatch(work, budget);
          if (batch.length === 0 || batches > 10_000) throw new Error('takeBatch made no progress');
          const bytes = batch.reduce((n, c) => n + c.rows * c.columns * c.perCell, 0);
          withinBudget &&= bytes <= budget || (batch.length === 1 && batch[0]?.rows === 1);
          for (const c of batch) for (let r = 0; r < c.rows; r++) seen[c.sheet]?.push(c.top + r);
        }
        expect(withinBudget).toBe(true);
        expect(seen).toEqual(given.map((c) => Array.from({ length: c.rows }, (_, r) => 7 + r)));
      }),
    );
  });
});

describe('halve', () => {
  it.each<[string, Chunk, Chunk[]]>([
    [
      'splits the rows, the upper half taking the odd one, each cell estimated at twice',
      chunk({ top: 4, rows: 5, perCell: 40 }),
      [chunk({ top: 4, rows: 3, perCell: 80 }), chunk({ top: 7, rows: 2, perCell: 80 })],
    ],
    ['keeps a single row whole', chunk({ top: 4, rows: 1, perCell: 40 }), [chunk({ top: 4, rows: 1, perCell: 80 })]],
  ])('%s', (_case, c, halves) => {
    expect(halve(c)).toEqual(halves);
  });
});
