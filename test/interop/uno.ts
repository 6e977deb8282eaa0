import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import type { CellValue } from '../../src/domain/grid/cells';

/**
 * LibreOffice Calc driven over UNO (unoInspect.py, run by a Python that has the `uno` module: the distribution's
 * python3-uno): a workbook opened headless, recalculated, and reported — values, locks, validation rules, merges, page
 * styles, charts — and saved again as .xlsx where asked.
 */

export const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';
/** A Python with LibreOffice's `uno` module (python3-uno installs it for the system's python3). */
export const UNO_PYTHON = process.env.UNO_PYTHON ?? '/usr/bin/python3';
const SCRIPT = path.join(__dirname, 'unoInspect.py');

/** Why UNO cannot be driven here, if it cannot (soffice or a Python with `uno` missing). */
export function unoMissing(): string | undefined {
  if (!fs.existsSync(SOFFICE)) return `${SOFFICE} does not exist (apt-get install -y libreoffice-calc-nogui)`;
  const probe = spawnSync(UNO_PYTHON, ['-c', 'import uno'], { encoding: 'utf8' });
  if (probe.status !== 0) return `${UNO_PYTHON} cannot import uno (apt-get install -y python3-uno; or set UNO_PYTHON)`;
  return undefined;
}

export interface UnoValidation {
  readonly type: string;
  readonly operator: string;
  readonly formula1: string;
  readonly formula2: string;
  readonly ignoreBlank: boolean;
  readonly showError: boolean;
  readonly errorStyle: string;
  readonly errorTitle: string;
  readonly errorMessage: string;
  readonly showInput: boolean;
  readonly inputTitle: string;
  readonly inputMessage: string;
}

export interface UnoSheet {
  readonly name: string;
  /** Rows of the used area: numbers, texts ("" for an empty cell), errors as { error }. */
  readonly values: (number | string | { error: string })[][];
  readonly formulas: string[][];
  readonly protected: boolean;
  readonly rowsVisible: boolean[];
  readonly page: {
    readonly landscape: boolean;
    /** 1/100 mm. */
    readonly width: number;
    readonly height: number;
    readonly scaleToPagesX: number;
    readonly scaleToPagesY: number;
    readonly centerHorizontally: boolean;
  };
  /** 1-based first and last print title row. */
  readonly printTitleRows: [number, number] | null;
  readonly charts: string[];
  readonly merges: Record<string, boolean>;
  readonly cells: Record<string, { readonly locked: boolean; readonly validation: UnoValidation }>;
}

/** What a cell holds after text was typed into it: Calc's own reading of the text (a number, a text, or empty). */
export interface UnoTyped {
  readonly sheet: string;
  readonly cell: string;
  readonly text: string;
  readonly kind: 'empty' | 'value' | 'text' | 'formula';
  /** The number for a value, else the cell's text. */
  readonly value: number | string;
  /** As the cell shows it (its number format applied). */
  readonly shown: string;
}

export interface UnoReport {
  readonly sheets: UnoSheet[];
  readonly typed: UnoTyped[];
  readonly validity: { sheet: string; cell: string; value: number | string; invalid: boolean }[];
  readonly circlesBefore: Record<string, number>;
}

/** Text typed into a cell as a person types it (Calc's input parsing, not its input-time validity check). */
export interface UnoTyping {
  readonly sheet: string;
  readonly cell: string;
  readonly text: string;
}

export interface UnoJob {
  readonly file: string;
  readonly sheets: Record<string, { readonly cells?: readonly string[]; readonly merges?: readonly string[] }>;
  /** Typed before the recalculation, in order. */
  readonly type?: readonly UnoTyping[];
  /** A value put into the cell, or text typed into it; then LibreOffice's Mark Invalid Data asked. */
  readonly validity?: readonly (
    { sheet: string; cell: string; value: number | string } | { sheet: string; cell: string; text: string }
  )[];
  /** false: only what LibreOffice calculates on opening (its own setting; it does not read fullCalcOnLoad). */
  readonly recalculate?: boolean;
  /** Saved there as .xlsx after the recalculation (before any validity check). */
  readonly saveAs?: string;
}

function runScript(input: object): unknown {
  const run = spawnSync(UNO_PYTHON, [SCRIPT], {
    input: JSON.stringify({ soffice: SOFFICE, ...input }),
    encoding: 'utf8',
    timeout: 170_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0)
    throw new Error(`unoInspect.py failed (${String(run.status ?? run.signal)}): ${run.stderr || String(run.error)}`);
  return JSON.parse(run.stdout);
}

export function inspectInLibreOffice(job: UnoJob): UnoReport {
  return runScript(job) as UnoReport;
}

/**
 * Several workbooks, one after the other, in one office (started once): a report per job, in order. `locale` is the
 * office's (Calc reads typed numbers in it: "1,150" is 1150 in zh-CN and 1.15 in de-DE).
 */
export function inspectManyInLibreOffice(jobs: readonly UnoJob[], options: { locale?: string } = {}): UnoReport[] {
  return (runScript({ jobs, ...options }) as { reports: UnoReport[] }).reports;
}

/** A LibreOffice value against the memory workbook's: numbers within 1e-9 relative, TRUE as 1, blank as "". */
export function sameAsLibreOffice(
  memory: CellValue | undefined,
  libre: UnoSheet['values'][number][number] | undefined,
) {
  const m = memory ?? null;
  const l = libre ?? '';
  if (typeof m === 'boolean') return l === (m ? 1 : 0);
  if (typeof m === 'number' && typeof l === 'number') return Math.abs(m - l) <= 1e-9 * Math.max(1, Math.abs(m));
  if (m === null || m === '') return l === '';
  return JSON.stringify(m) === JSON.stringify(l);
}
