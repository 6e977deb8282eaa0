/**
 * What a file sent in may cost to read (issue 12; docs/architecture.md "Reading files sent in"). Its own module, free
 * of the parser, so that the task pane can check a picked file's size before reading it into memory.
 */
/** The file types the file picker offers: the formats readXlsx reads (others are refused with a problem). */
export const READABLE_EXTENSIONS = ['.xlsx', '.xlsm', '.xls', '.xlsb', '.ods', '.et'] as const;

/**
 * The per-file limits. Real department files are tens of KB with a few sheets (a template is about 60 rows × 20
 * columns, 1,200 cells; a department sends at most one sheet per campaign): every limit is far above that.
 */
export const LIMITS = {
  /** The file as picked (checked before it is read into memory, and again here). */
  fileBytes: 20 * 1024 * 1024,
  /**
   * A compound file (.xls, .et): not compressed and not scanned, so its size bounds its cells (a number can take 6
   * bytes in a BIFF record): 4 MB keeps it near the cell limit; a department's .xls is tens of KB.
   */
  compoundFileBytes: 4 * 1024 * 1024,
  /** Parts listed in a zip's directory. */
  zipEntries: 5_000,
  /** Bytes inflated, over all the parts read (declared and actual). */
  inflatedBytes: 32 * 1024 * 1024,
  /** A part declaring more than `ratioFloor` bytes may not expand more than `ratio` times. */
  ratio: 200,
  ratioFloor: 1024 * 1024,
  /** Cells (and merged areas, and shared strings) over all the sheets of a file. */
  cells: 100_000,
  /**
   * Bytes of binary worksheets (.xlsb), which are not scanned: a value cell is a 16-byte record or more, so this
   * keeps an .xlsb near the cell limit (a 1,200-cell sheet is ≈ 25 KB).
   */
  binarySheetBytes: 4 * 1024 * 1024,
  /** Rows holding cells, over all the sheets of a file. */
  rows: 100_000,
  /** A file's parse in the worker is stopped after this long (a backstop: the bounds above stop hostile files). */
  parseSeconds: 20,
} as const;

/** A file over a size limit, with its size and the limit for the message (here, free of the parser, for the pane). */
export function tooLargeProblem(size: number, limit: number) {
  return { code: 'fileTooLarge' as const, detail: String(size), count: size, limit };
}
