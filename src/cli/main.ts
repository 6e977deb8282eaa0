import { builtinPlan } from '../domain/plan/builtin';
import { mkdir, readFile, readdir, realpath, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FormulaMode } from '../domain/calc/formulas';
import type { SheetData } from '../domain/grid/sheet';
import { BULLETIN_ZH } from '../domain/i18n/bulletin.zh';
import { BULLETIN_EN } from '../domain/i18n/bulletin.en';
import { CALC_ZH } from '../domain/i18n/calc.zh';
import { CALC_EN } from '../domain/i18n/calc.en';
import { CONSOLIDATION_ZH } from '../domain/i18n/consolidation.zh';
import { CONSOLIDATION_EN } from '../domain/i18n/consolidation.en';
import {
  describeProblem,
  formatMessage,
  resolveLocale,
  type Locale,
  type MessageParams,
} from '../domain/i18n/messages';
import { PLAN_ZH } from '../domain/i18n/plan.zh';
import { PLAN_EN } from '../domain/i18n/plan.en';
import { VALIDATION_ZH } from '../domain/i18n/validation.zh';
import { VALIDATION_EN } from '../domain/i18n/validation.en';
import { WORDS_ZH } from '../domain/i18n/words.zh';
import { WORDS_EN } from '../domain/i18n/words.en';
import type { Plan } from '../domain/plan/schema';
import { FileWorkbook } from '../workbook/files/fileWorkbook';
import { READABLE_EXTENSIONS } from '../workbook/files/limits';
import type { ParsedFile } from '../workbook/files/readXlsx';
import { readImportedFiles } from '../workbook/usecases/consolidationSources';
import { activePlanOf } from '../workbook/usecases/activePlan';
import {
  FILE_PROBLEM_KEYS,
  fileProblemParams,
  summaryTabOrder,
  type WorkbookConsolidation,
} from '../workbook/usecases/consolidate';
import { exportTemplates } from '../workbook/usecases/exportTemplates';
import { runConsolidation } from '../workbook/usecases/runConsolidation';
import { validateAll, validateWorkbook } from '../workbook/usecases/validateWorkbook';
import { HISTORY_MARKER_TYPE, listedMarkerOf } from '../domain/grid/ownSheets';
import { originPlace } from '../domain/consolidation/sources';
import { CLI_EN, CLI_ZH, type CliMessageKey } from './messages';

/**
 * `kpi-campaign` (SPEC §11, issue 14): templates, validate and consolidate over the file adapter — the same use cases
 * the task pane runs over Excel. Never writes over an input; exit code 0 on success, 1 when validation finds errors,
 * 2 on usage or I/O errors. `main` takes the arguments and where to print, so tests run it in-process.
 */

export interface CliOutput {
  /** Standard output: results (and --json). */
  readonly out: (text: string) => void;
  /** Standard error: progress and errors. */
  readonly err: (text: string) => void;
  /** The version printed by --version. */
  readonly version?: string;
}

/** A usage or I/O error: printed, exit code 2. */
class CliError extends Error {}

const TABLES = {
  'zh-CN': { ...WORDS_ZH, ...CALC_ZH, ...PLAN_ZH, ...VALIDATION_ZH, ...CONSOLIDATION_ZH, ...BULLETIN_ZH, ...CLI_ZH },
  'en-US': { ...WORDS_EN, ...CALC_EN, ...PLAN_EN, ...VALIDATION_EN, ...CONSOLIDATION_EN, ...BULLETIN_EN, ...CLI_EN },
} as const;

type Table = (typeof TABLES)[Locale];

interface Words {
  readonly locale: Locale;
  t(key: CliMessageKey, params?: MessageParams): string;
  problem(p: { readonly key: string; readonly params: MessageParams }): string;
}

function wordsFor(locale: Locale): Words {
  const table: Table = TABLES[locale];
  return {
    locale,
    t: (key, params) => formatMessage(table, key, params),
    problem: (p) => describeProblem(p as { key: keyof Table; params: MessageParams }, table),
  };
}

const OPTIONS = {
  month: { type: 'string' },
  out: { type: 'string' },
  output: { type: 'string', short: 'o' },
  plan: { type: 'string' },
  previous: { type: 'string' },
  mode: { type: 'string' },
  campaign: { type: 'string', multiple: true },
  lang: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export async function main(argv: readonly string[], io: CliOutput): Promise<number> {
  // The language first, from the raw arguments: even a usage error is told in it.
  const langAt = argv.indexOf('--lang');
  const rawLang = langAt >= 0 ? argv[langAt + 1] : argv.find((a) => a.startsWith('--lang='))?.slice(7);
  let w = wordsFor(rawLang && /^en/i.test(rawLang) ? 'en-US' : 'zh-CN');
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    } catch (e) {
      throw new CliError(w.t('cli.usage', { message: e instanceof Error ? e.message : String(e) }));
    }
    const { values, positionals } = parsed;
    if (values.lang !== undefined) {
      if (!/^(zh|en)(-[a-z]+)?$/i.test(values.lang)) throw new CliError(w.t('cli.badLang', { value: values.lang }));
      w = wordsFor(resolveLocale(values.lang));
    }
    const [command, ...rest] = positionals;
    if (values.version) {
      io.out(io.version ?? '0.0.0');
      return 0;
    }
    if (values.help || command === 'help') {
      io.out(w.t('cli.help'));
      return 0;
    }
    if (command === undefined) {
      io.err(w.t('cli.help'));
      return 2;
    }
    switch (command) {
      case 'templates':
        return await templates(values, w, io);
      case 'validate':
        return await validate(rest, values, w, io);
      case 'consolidate':
        return await consolidate(rest, values, w, io);
      default:
        throw new CliError(w.t('cli.unknownCommand', { command }));
    }
  } catch (e) {
    if (e instanceof CliError) {
      io.err(e.message);
      return 2;
    }
    throw e;
  }
}

type Values = {
  readonly month?: string;
  readonly out?: string;
  readonly output?: string;
  readonly plan?: string;
  readonly previous?: string;
  readonly mode?: string;
  readonly campaign?: readonly string[];
  readonly json?: boolean;
};

// ————— templates —————

async function templates(values: Values, w: Words, io: CliOutput): Promise<number> {
  if (values.month === undefined) throw usage(w, '--month');
  if (values.out === undefined) throw usage(w, '--out');
  const period = monthOf(values.month, w);
  const mode = modeOf(values.mode, w);
  const plan = values.plan !== undefined ? await planFrom(values.plan, w, io) : builtinPlan();
  const dir = resolve(values.out);
  const protectedPaths = await inputPaths([values.plan]);
  const files = await exportTemplates(
    { plan, year: period?.year ?? plan.year, month: period.month, mode, ...campaignsOf(values) },
    () => new FileWorkbook(),
  );
  await ensureDir(dir, w);
  for (const f of files) await writeOutput(join(dir, f.fileName), f.bytes, protectedPaths, w);
  io.out(
    w.t('cli.templates.done', {
      count: files.length,
      dir,
      year: period.year,
      month: period.month,
      mode: w.t(mode === 'native' ? 'cli.mode.native' : 'cli.mode.kpi'),
    }),
  );
  for (const f of files) io.out(w.t('cli.templates.file', { file: f.fileName }));
  return 0;
}

function campaignsOf(values: Values): { campaigns?: readonly string[] } {
  return values.campaign && values.campaign.length > 0 ? { campaigns: values.campaign } : {};
}

// ————— validate —————

async function validate(paths: readonly string[], values: Values, w: Words, io: CliOutput): Promise<number> {
  if (paths.length === 0) throw new CliError(w.t('cli.usage', { message: w.t('cli.noInputs') }));
  const plan = values.plan !== undefined ? await planFrom(values.plan, w, io) : undefined;
  const inputs = await collectInputs(paths, w);
  let errors = 0;
  let warnings = 0;
  for (const path of inputs) {
    const parsed = await readInput(path, w);
    io.out(w.t('cli.validate.file', { file: path }));
    for (const p of parsed.problems) {
      const key = FILE_PROBLEM_KEYS[p.code];
      io.out(
        w.t('cli.validate.problem', {
          severity: w.t('cli.severity.error'),
          place: p.sheet ?? basename(path),
          message: w.problem({ key, params: fileProblemParams(basename(path), p) }),
        }),
      );
      errors++;
    }
    const workbook = FileWorkbook.of(uniqueSheets(parsed.sheets));
    // With no --plan, the file's own 指标库 (if any) from the same read, as 校验全部 does.
    const report = plan ? await validateWorkbook(workbook, plan) : (await validateAll(workbook)).report;
    for (const sheet of report.sheets)
      for (const p of sheet.problems) {
        io.out(
          w.t('cli.validate.problem', {
            severity: w.t(p.severity === 'error' ? 'cli.severity.error' : 'cli.severity.warning'),
            place: `${p.sheet}!${p.cell}`,
            message: w.problem(p),
          }),
        );
      }
    errors += report.errors;
    warnings += report.warnings;
    if (report.checked.length === 0 && parsed.problems.length === 0) io.out(w.t('cli.validate.noTemplates'));
    else if (report.sheets.length === 0 && parsed.problems.length === 0)
      io.out(w.t('cli.validate.ok', { sheets: report.checked.length }));
  }
  io.out(w.t(errors > 0 ? 'cli.validate.summary' : 'cli.validate.clean', { files: inputs.length, errors, warnings }));
  return errors > 0 ? 1 : 0;
}

// ————— consolidate —————

async function consolidate(paths: readonly string[], values: Values, w: Words, io: CliOutput): Promise<number> {
  if (paths.length === 0) throw new CliError(w.t('cli.usage', { message: w.t('cli.noInputs') }));
  if (values.output === undefined) throw usage(w, '-o');
  const output = resolve(values.output);
  const period = values.month !== undefined ? monthOf(values.month, w) : undefined;
  const inputs = await collectInputs(paths, w);
  if (inputs.length === 0) throw new CliError(w.t('cli.noFilesFound'));
  const protectedPaths = await inputPaths([...inputs, values.plan, values.previous]);
  if (protectedPaths.has(await canonical(output))) throw new CliError(w.t('cli.outputIsInput', { path: output }));

  const workbook = await summaryWorkbook(values, w, io);
  const files = await readInputs(inputs, w, progressLine(inputs.length, w, io));
  const run = await runConsolidation(workbook, 'pane', {
    files,
    language: w.locale,
    ...(period ? { period, reportMonth: period.month } : {}),
  });
  if (!run.ok) {
    const reason =
      run.failure.kind === 'planInvalid'
        ? w.t('cli.planInvalid', { file: values.plan ?? '', count: run.failure.problems })
        : JSON.stringify(run.failure);
    throw new CliError(w.t('cli.consolidate.failed', { reason }));
  }
  workbook.arrange(summaryTabOrder(workbook.sheetNames(), run.outcome));
  await ensureDir(dirname(output), w);
  await writeOutput(output, workbook.save(), protectedPaths, w);
  report(run.outcome, output, values.json === true, w, io);
  return 0;
}

/** The workbook a summary is written into: the 指标库 of --plan (checked first) and the 历史 of --previous. */
async function summaryWorkbook(values: Values, w: Words, io: CliOutput): Promise<FileWorkbook> {
  const workbook = new FileWorkbook();
  if (values.plan !== undefined) {
    const planFile = await readInput(values.plan, w);
    await planFrom(values.plan, w, io, planFile); // refuses an invalid plan, with its problems
    for (const s of uniqueSheets(planFile.sheets)) workbook.addSheetData(s);
  }
  if (values.previous !== undefined) {
    const previous = await readInput(values.previous, w);
    const history = previous.sheets.find((s) => listedMarkerOf(s.values).marker?.type === HISTORY_MARKER_TYPE);
    if (history && !workbook.sheetNames().some((n) => n.toLowerCase() === history.name.toLowerCase()))
      workbook.addSheetData(history);
    else if (!history) io.err(w.t('cli.previousNoHistory', { file: values.previous }));
  }
  return workbook;
}

/** What a consolidation did: a summary with its problems, or (--json) the same as data for scripts. */
function report(outcome: WorkbookConsolidation, output: string, json: boolean, w: Words, io: CliOutput): void {
  const problems = outcome.result.problems.map((p) => ({
    severity: p.severity,
    place: p.origin ? originPlace(p.origin, p.cell) : '',
    indicator: p.indicator ?? null,
    message: w.problem(p),
  }));
  const p = outcome.result.period;
  if (json) {
    io.out(
      JSON.stringify(
        {
          output,
          period: p ? `${p.year}-${String(p.month).padStart(2, '0')}` : null,
          counts: outcome.counts,
          sheets: [
            outcome.summarySheet,
            outcome.detailSheet,
            outcome.history.sheet,
            outcome.sections.bulletin?.sheet,
          ].filter((s) => s !== undefined),
          overdue: outcome.overdue,
          scores:
            outcome.bulletin?.scores.map((s) => ({ department: s.department, score: s.score, rank: s.rank ?? null })) ??
            [],
          problems,
        },
        null,
        2,
      ),
    );
    return;
  }
  const c = outcome.counts;
  io.out(
    w.t('cli.consolidate.done', {
      output,
      period: p ? w.t('cli.period', { year: p.year, month: p.month }) : w.t('cli.consolidate.noPeriod'),
      sources: c.sources,
      used: c.used,
      expected: c.expected,
      submitted: c.matrix.submitted,
    }),
  );
  io.out(w.t('cli.consolidate.lights', { ...c.lights }));
  if (problems.length > 0) {
    io.out(w.t('cli.consolidate.problems', { errors: c.errors, warnings: c.warnings }));
    for (const q of problems) {
      const severity = w.t(q.severity === 'error' ? 'cli.severity.error' : 'cli.severity.warning');
      const place = q.place || q.indicator || '';
      io.out(
        place
          ? w.t('cli.validate.problem', { severity, place, message: q.message })
          : w.t('cli.problemNoPlace', { severity, message: q.message }),
      );
    }
  }
}

// ————— files —————

function usage(w: Words, option: string): CliError {
  return new CliError(w.t('cli.usage', { message: w.t('cli.missingOption', { option }) }));
}

function monthOf(text: string, w: Words): { year: number; month: number } {
  const m = /^(\d{4})-(\d{1,2})$/.exec(text.trim());
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12) throw new CliError(w.t('cli.badMonth', { value: text }));
  return { year, month };
}

function modeOf(text: string | undefined, w: Words): FormulaMode {
  if (text === undefined || text === 'native') return 'native';
  if (text === 'kpi') return 'kpi';
  throw new CliError(w.t('cli.badMode', { value: text }));
}

/** The plan of a 指标库 file; an invalid or missing one stops the command with its problems (never guessed). */
async function planFrom(path: string, w: Words, io: CliOutput, read?: ParsedFile): Promise<Plan> {
  const parsed = read ?? (await readInput(path, w));
  const active = await activePlanOf(uniqueSheets(parsed.sheets));
  if (active.sheet === undefined) throw new CliError(w.t('cli.planNone', { file: path }));
  if (active.source !== 'sheet') {
    const errors = active.problems.filter((p) => p.severity === 'error');
    io.err(w.t('cli.planInvalid', { file: path, count: errors.length }));
    for (const p of errors) io.err(`  ${p.sheet}!${p.cell}：${w.problem(p)}`);
    throw new CliError(w.t('cli.planInvalid', { file: path, count: errors.length }));
  }
  return active.plan;
}

/** The spreadsheet files named, and those in the folders named (recursively, skipping Office's ~$ lock files). */
async function collectInputs(paths: readonly string[], w: Words): Promise<string[]> {
  const found: string[] = [];
  const readable = (name: string) =>
    (READABLE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase()) &&
    !basename(name).startsWith('~$');
  const walk = async (path: string): Promise<void> => {
    const info = await stat(path).catch((e: unknown) => {
      throw ioError(w, 'cli.action.read', path, e);
    });
    if (!info.isDirectory()) {
      found.push(path);
      return;
    }
    const entries = await readdir(path, { withFileTypes: true }).catch((e: unknown) => {
      throw ioError(w, 'cli.action.read', path, e);
    });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) await walk(child);
      else if (readable(entry.name)) found.push(child);
    }
  };
  for (const p of paths) await walk(p);
  return found;
}

/**
 * Department files read as the pane reads them (readImportedFiles: the same size check before reading, the same
 * bounded parser, the save time from the workbook's properties or else the file system), named by their path as
 * given, so that two files of one name in two folders stay apart.
 */
async function readInputs(
  paths: readonly string[],
  w: Words,
  onProgress?: (done: number, total: number) => void,
): Promise<readonly ParsedFile[]> {
  const picked = await Promise.all(
    paths.map(async (path) => {
      const info = await stat(path).catch((e: unknown) => {
        throw ioError(w, 'cli.action.read', path, e);
      });
      return {
        name: path,
        size: info.size,
        lastModified: info.mtimeMs,
        arrayBuffer: async () => {
          const bytes = await readFile(path).catch((e: unknown) => {
            throw ioError(w, 'cli.action.read', path, e);
          });
          return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
        },
      };
    }),
  );
  const { files } = await readImportedFiles(picked, onProgress);
  return files;
}

async function readInput(path: string, w: Words): Promise<ParsedFile> {
  const [file] = await readInputs([path], w);
  if (!file) throw ioError(w, 'cli.action.read', path, 'not read');
  return file;
}

/** Sheets with names unique ignoring case (a file cannot hold two; a reader's output is trusted no further). */
function uniqueSheets(sheets: readonly SheetData[]): SheetData[] {
  const seen = new Set<string>();
  return sheets.filter((s) => {
    const k = s.name.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

async function canonical(path: string): Promise<string> {
  const full = resolve(path);
  try {
    return await realpath(full);
  } catch {
    // Not there yet: its folder's real path and its name.
    try {
      return join(await realpath(dirname(full)), basename(full));
    } catch {
      return full;
    }
  }
}

async function inputPaths(paths: readonly (string | undefined)[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const p of paths) if (p !== undefined) out.add(await canonical(p));
  return out;
}

async function ensureDir(dir: string, w: Words): Promise<void> {
  await mkdir(dir, { recursive: true }).catch((e: unknown) => {
    throw ioError(w, 'cli.action.create', dir, e);
  });
}

/** Writes a file whole or not at all (a temporary file renamed over it), never over an input. */
async function writeOutput(path: string, bytes: Uint8Array, inputs: ReadonlySet<string>, w: Words): Promise<void> {
  if (inputs.has(await canonical(path))) throw new CliError(w.t('cli.outputIsInput', { path }));
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (e) {
    throw ioError(w, 'cli.action.write', path, e);
  }
}

function ioError(w: Words, action: CliMessageKey, path: string, e: unknown): CliError {
  // Errors of Node's fs carry a code (ENOENT, EACCES…): that is what a person can look up.
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
  const reason = code ?? (e instanceof Error ? e.message : String(e));
  return new CliError(w.t('cli.ioError', { action: w.t(action), path, reason }));
}

/** "读取文件 20/200" on standard error, a line every tenth of the way, for 10 files or more (stdout stays the result). */
function progressLine(total: number, w: Words, io: CliOutput): (done: number) => void {
  if (total < 10) return () => undefined;
  const step = Math.max(1, Math.ceil(total / 10));
  return (done: number) => {
    if (done % step === 0 || done === total) io.err(w.t('cli.progress', { done, total }));
  };
}
