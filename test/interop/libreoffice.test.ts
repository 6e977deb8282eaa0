import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { read, utils, write, type CellObject, type WorkSheet } from '@e965/xlsx';
import { builtinPlan } from '../../src/domain/plan/builtin';
import { COLUMN, ROWS } from '../../src/domain/template/layout';
import { buildTemplate } from '../../src/domain/template/template';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import type { CellWrite } from '../../src/workbook/port';
import { readXlsx } from '../../src/workbook/files/readXlsx';
import { consolidateWorkbook } from '../../src/workbook/usecases/consolidate';
import type { SheetData } from '../../src/domain/grid/sheet';
import { specToArray } from '../domain/specToArray';
import { plausibleFigures, templateInputRows } from '../fixtures/filledTemplates';

/**
 * Native-formula templates (the mode for workbooks that travel to people without the add-in) recalculated by
 * LibreOffice Calc: a second spreadsheet engine, independent of the HyperFormula engine the other tests use, that
 * reads and writes .xlsx as Excel does. Every formula cell of the five campaigns' filled-in templates must come
 * out of LibreOffice as HyperFormula computes it (and HyperFormula is proven equal to the domain and to KPI.* in
 * test/functions/equivalence.test.ts). So must a 一键汇总's workbook (issue 13): 明细's and 通报's reconciliation with
 * 汇总 (COUNTIFs over its 状态 column, the check cells) recalculated by LibreOffice give the add-in's figures and 一致.
 *
 * Without /usr/bin/soffice the suite is skipped (with a notice), unless INTEROP_REQUIRED=1 (as in CI).
 */
const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';
const available = fs.existsSync(SOFFICE);
if (!available) {
  if (process.env.INTEROP_REQUIRED === '1')
    throw new Error(`INTEROP_REQUIRED=1 but ${SOFFICE} does not exist (apt-get install -y libreoffice-calc-nogui)`);
  console.warn(`[interop] ${SOFFICE} not found: LibreOffice tests skipped (apt-get install -y libreoffice-calc-nogui)`);
}

jest.setTimeout(180_000);

/** A LibreOffice profile that recalculates every formula of an .xlsx on load (its default keeps cached values). */
function profile(dir: string): string {
  const user = path.join(dir, 'user');
  fs.mkdirSync(user, { recursive: true });
  const prop = (name: string) =>
    `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${name}" oor:op="fuse"><value>0</value></prop></item>`;
  fs.writeFileSync(
    path.join(user, 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" ` +
      `xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `${prop('OOXMLRecalcMode')}${prop('ODFRecalcMode')}</oor:items>\n`,
  );
  return `file://${dir}`;
}

/** Opens `file` in LibreOffice (recalculating) and saves it as .xlsx into `out`; returns the new file. */
function recalculate(file: string, out: string, profileDir: string): string {
  execFileSync(
    SOFFICE,
    [
      `-env:UserInstallation=${profile(profileDir)}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'xlsx',
      '--outdir',
      out,
      file,
    ],
    { stdio: 'pipe', timeout: 150_000 },
  );
  const result = path.join(out, path.basename(file));
  if (!fs.existsSync(result)) throw new Error(`LibreOffice wrote no ${result}`);
  return result;
}

/** A deterministic pseudo-random sequence (the same figures on every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const plan = builtinPlan();
/** Multiples of the target typed in: blank (not reported), zero, behind, on, ahead, far ahead. */
const SENTINEL = -424242;
const FACTORS = [null, 0, 0.3, 0.62, 0.9, 0.999, 1, 1.2, 2.5] as const;

/** Fills every indicator row with figures around its target; growth rows get a current and a prior-year value. */
function figures(sheet: string, campaignId: string, random: () => number): CellWrite[] {
  const campaign = plan.campaigns.find((c) => c.id === campaignId);
  if (!campaign) throw new Error(campaignId);
  return campaign.indicators.flatMap((ind, i): CellWrite[] => {
    const row = ROWS.firstIndicator + i;
    const factor = FACTORS[Math.floor(random() * FACTORS.length)] ?? null;
    const target = ind.target ?? ind.stretch ?? 0.5;
    if (factor === null) return [];
    if (ind.kind === 'growth') {
      const prior = Math.round(50 + random() * 500);
      const current = prior * (1 + target * factor);
      return [
        { sheet, address: `${COLUMN.actual}${row}`, value: Math.round(current * 100) / 100 },
        { sheet, address: `${COLUMN.prior}${row}`, value: prior },
      ];
    }
    const value =
      ind.kind === 'count' || ind.kind === 'rank'
        ? Math.max(ind.kind === 'rank' ? 1 : 0, Math.round(target * factor))
        : target * factor;
    return [{ sheet, address: `${COLUMN.actual}${row}`, value }];
  });
}

/**
 * What arrives by paste where data validation does not look (SPEC §6, §7; issue 11, observations 1, 5 and 8): text,
 * a unit slip of 1,000× or 10,000×, a doubtful 20× (some confirmed in 备注), a rate typed as 45, a negative count, a
 * growth row with one half, spaces — each row's 状态 a data state, its 完成率 and 力争档 blank or a number.
 */
function badFigures(sheet: string, campaignId: string, random: () => number): CellWrite[] {
  const campaign = plan.campaigns.find((c) => c.id === campaignId);
  if (!campaign) throw new Error(campaignId);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  return campaign.indicators.flatMap((ind, i): CellWrite[] => {
    const row = ROWS.firstIndicator + i;
    const at = (key: 'actual' | 'prior' | 'note') => `${COLUMN[key]}${row}`;
    const target = ind.target ?? ind.stretch ?? 0.5;
    const note: CellWrite[] =
      random() < 0.4 ? [{ sheet, address: at('note'), value: pick(['已核实', '数据已核实', '未核实']) }] : [];
    if (ind.kind === 'growth') {
      const prior = Math.round(50 + random() * 500);
      const pairs: (readonly [CellWrite['value'], CellWrite['value']])[] = [
        [prior * 1.1, null],
        [null, prior],
        [prior * 20, prior],
        ['2.6亿', prior],
        [prior * 1.1, -5],
        [' ', ' '],
        [prior * 1.08, prior],
      ];
      const [current, previous] = pick(pairs);
      return [
        ...(current === null ? [] : [{ sheet, address: at('actual'), value: current }]),
        ...(previous === null ? [] : [{ sheet, address: at('prior'), value: previous }]),
        ...note,
      ];
    }
    const value = pick<CellWrite['value']>([
      '2.6亿',
      target * 10_000,
      target * 1000,
      target * 20,
      target / 100,
      45,
      -3,
      true,
      '\u3000',
      target * 0.5,
      Math.round(target) + 0.5,
    ]);
    return [{ sheet, address: at('actual'), value }, ...note];
  });
}

type Computed = number | string | boolean | { readonly error: string } | null;

function fromXlsx(cell: CellObject | undefined): Computed {
  if (!cell) return null;
  if (cell.t === 'e') return { error: cell.w ?? String(cell.v) };
  if (cell.t === 'z') return null;
  return (cell.v as number | string | boolean | undefined) ?? null;
}

/**
 * Sheets as a memory workbook holds them (values, and formulas as "=…"), as one .xlsx: every formula cell carries
 * the formula and a sentinel where a cached value would be, so that only a recalculation gives the right figures.
 */
function sheetsToXlsx(sheets: readonly SheetData[]): Uint8Array {
  const book = utils.book_new();
  for (const sheet of sheets) {
    const ws: WorkSheet = {};
    let last = { r: 0, c: 0 };
    sheet.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const formula = sheet.formulas?.[r]?.[c] ?? null;
        let cell: CellObject;
        if (formula !== null && formula.startsWith('=')) cell = { t: 'n', v: SENTINEL, f: formula.slice(1) };
        else if (v === null || v === '') return;
        else if (typeof v === 'number') cell = { t: 'n', v };
        else if (typeof v === 'boolean') cell = { t: 'b', v };
        else if (typeof v === 'string') cell = { t: 's', v };
        else return; // an error value is only ever a formula's
        ws[utils.encode_cell({ r, c })] = cell;
        last = { r: Math.max(last.r, r), c: Math.max(last.c, c) };
      }),
    );
    ws['!ref'] = utils.encode_range({ s: { r: 0, c: 0 }, e: last });
    utils.book_append_sheet(book, ws, sheet.name);
  }
  return write(book, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array;
}

(available ? describe : describe.skip)('native-formula templates in LibreOffice Calc', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lo-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /**
   * The five campaigns' native templates for `month`, filled in: computed by HyperFormula (the memory workbook)
   * and, from an .xlsx carrying the spec's formulas exactly as the add-in writes them into Excel (with a sentinel
   * where a cached value would be, so that only a recalculation can produce the right figures), by LibreOffice.
   */
  async function bothEngines(month: number, fill = figures) {
    const wb = new MemoryWorkbook();
    const random = rng(month * 7919);
    const book = utils.book_new();
    const sheets: string[] = [];
    const typed: CellWrite[] = [];
    for (const campaign of plan.campaigns) {
      const spec = buildTemplate({
        plan,
        campaignId: campaign.id,
        department: campaign.leadDepartment,
        year: plan.year,
        month,
        mode: 'native',
      });
      const mine = fill(spec.name, campaign.id, random);
      typed.push(...mine);
      await wb.writeSheet(spec);
      await wb.writeCells(mine);
      sheets.push(spec.name);
      const ws: WorkSheet = {};
      let last = { r: 0, c: 0 };
      const put = (r: number, c: number, cell: CellObject) => {
        ws[utils.encode_cell({ r, c })] = cell;
        last = { r: Math.max(last.r, r), c: Math.max(last.c, c) };
      };
      specToArray(spec).forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === null) return;
          if (typeof v === 'string' && v.startsWith('=')) put(r, c, { t: 'n', v: SENTINEL, f: v.slice(1) });
          else if (typeof v === 'string') put(r, c, { t: 's', v: v.startsWith("'=") ? v.slice(1) : v });
          else put(r, c, typeof v === 'number' ? { t: 'n', v } : { t: 'b', v });
        }),
      );
      for (const w of mine) {
        const at = utils.decode_cell(w.address);
        if (typeof w.value === 'number') put(at.r, at.c, { t: 'n', v: w.value });
        else if (typeof w.value === 'string') put(at.r, at.c, { t: 's', v: w.value });
        else if (typeof w.value === 'boolean') put(at.r, at.c, { t: 'b', v: w.value });
      }
      ws['!ref'] = utils.encode_range({ s: { r: 0, c: 0 }, e: last });
      utils.book_append_sheet(book, ws, spec.name);
    }
    const expected = await wb.readSheets(sheets, { formulas: true });
    const file = path.join(dir, `templates-${month}.xlsx`);
    fs.writeFileSync(file, write(book, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array);
    const saved = fs.readFileSync(recalculate(file, path.join(dir, `out-${month}`), path.join(dir, 'profile')));
    return { expected, typed, saved };
  }

  /** Every formula cell of the LibreOffice-saved file against HyperFormula's value; how many were compared. */
  function compare(expected: Awaited<ReturnType<typeof bothEngines>>['expected'], saved: Buffer) {
    const result = read(saved, { cellFormula: true });
    let compared = 0;
    const differences: string[] = [];
    for (const sheet of expected) {
      const ws = result.Sheets[sheet.name];
      if (!ws) throw new Error(`LibreOffice lost the sheet ${sheet.name}`);
      sheet.formulas?.forEach((row, r) =>
        row.forEach((formula, c) => {
          if (formula === null) return;
          const addr = utils.encode_cell({ r, c });
          const want = sheet.values[r]?.[c] ?? null;
          const got = fromXlsx(ws[addr] as CellObject | undefined);
          compared++;
          const same =
            typeof want === 'number' && typeof got === 'number'
              ? Math.abs(want - got) <= 1e-9 * Math.max(1, Math.abs(want))
              : JSON.stringify(want ?? '') === JSON.stringify(got ?? '');
          if (!same)
            differences.push(
              `${sheet.name}!${addr} ${String(ws[addr]?.f ?? formula)}: HyperFormula ${JSON.stringify(want)}, LibreOffice ${JSON.stringify(got)}`,
            );
        }),
      );
    }
    return { compared, differences };
  }

  it.each([3, 6, 12])('the five campaigns, month %i: every formula cell as HyperFormula computes it', async (month) => {
    const { expected, saved } = await bothEngines(month);
    const { compared, differences } = compare(expected, saved);
    expect(differences.slice(0, 20)).toEqual([]);
    // 50 indicators, each with 完成率, 力争档 and 状态 at least, plus the 序时进度 cells.
    expect(compared).toBeGreaterThan(150);
  });

  it('values that arrive by paste: the same data states in LibreOffice, never an Excel error (SPEC §6)', async () => {
    const { expected, saved } = await bothEngines(6, badFigures);
    const { differences } = compare(expected, saved);
    expect(differences.slice(0, 20)).toEqual([]);
    const shown = expected.flatMap((sheet) =>
      sheet.values.slice(ROWS.firstIndicator - 1).map((row) => row[12] ?? null),
    );
    expect(shown.filter((v) => v !== null && typeof v === 'object')).toEqual([]);
    for (const state of ['数据有误', '待核实']) expect(shown).toContain(state);
    expect(shown.filter((v) => typeof v === 'number' && v > 0).length).toBeGreaterThan(3);
  });

  /**
   * 一键汇总 over April–June (the five campaigns' native templates each month, plausible figures): every sheet of
   * the workbook — templates, 汇总, 明细, 历史 and 通报 — as one .xlsx, recalculated by LibreOffice.
   */
  async function consolidationInBothEngines() {
    const wb = new MemoryWorkbook();
    for (const month of [4, 5, 6])
      for (const [c, campaign] of plan.campaigns.entries()) {
        const spec = buildTemplate({
          plan,
          campaignId: campaign.id,
          department: campaign.leadDepartment,
          year: plan.year,
          month,
          mode: 'native',
        });
        await wb.writeSheet(spec);
        const rows = new Map(templateInputRows(spec).map((r) => [r.code, r]));
        await wb.writeCells(
          campaign.indicators.flatMap((ind, i): CellWrite[] => {
            const typed = plausibleFigures(ind, i, c + 2 * month);
            const row = rows.get(ind.code);
            if (!typed || !row) return [];
            return [
              { sheet: spec.name, address: row.actual, value: typed.actual },
              ...(typed.prior !== undefined ? [{ sheet: spec.name, address: row.prior, value: typed.prior }] : []),
            ];
          }),
        );
      }
    const outcome = await consolidateWorkbook(wb, { plan, reportMonth: 6 });
    const names = (await wb.listSheets()).map((s) => s.name);
    const expected = await wb.readSheets(names, { formulas: true });
    const file = path.join(dir, 'consolidation.xlsx');
    fs.writeFileSync(file, sheetsToXlsx(expected));
    const saved = fs.readFileSync(recalculate(file, path.join(dir, 'out-consolidation'), path.join(dir, 'profile')));
    return { outcome, expected, saved };
  }

  it('一键汇总: 汇总, 明细 and 通报 recalculate in LibreOffice to the add-in’s figures; 通报 and 明细 checks 一致', async () => {
    const { outcome, expected, saved } = await consolidationInBothEngines();
    expect(outcome.result.period).toEqual({ year: plan.year, month: 6 });
    const bulletinSheet = outcome.sections.bulletin?.sheet ?? '';
    expect(['汇总', '明细', '历史', bulletinSheet].every((n) => expected.some((s) => s.name === n))).toBe(true);

    const { compared, differences } = compare(expected, saved);
    expect(differences.slice(0, 20)).toEqual([]);

    const book = read(saved, { cellFormula: true });
    const formulaCells = (name: string, pick: (formula: string) => boolean) => {
      const sheet = expected.find((s) => s.name === name);
      const ws = book.Sheets[name];
      if (!sheet || !ws) throw new Error(`no ${name}`);
      return (sheet.formulas ?? []).flatMap((row, r) =>
        row.flatMap((f, c) => {
          if (f === null || !pick(f)) return [];
          const addr = utils.encode_cell({ r, c });
          return [{ addr, formula: f, addIn: sheet.values[r]?.[c] ?? null, libre: fromXlsx(ws[addr] as CellObject) }];
        }),
      );
    };
    // The 通报's visible check (一致 when every reconciliation of 二 is): the add-in's and LibreOffice's both 一致.
    const check = formulaCells(bulletinSheet, (f) => f.startsWith('=IF(COUNTIF($L$'));
    expect(check.map((c) => [c.addIn, c.libre])).toEqual([['一致', '一致']]);
    // 二's reconciliation with 汇总's 状态 column: a check per campaign and 合计 (L), then the 汇总表计数 row of
    // COUNTIFs — in LibreOffice the same counts as the add-in's own (the domain's, shown in the pane), not all zero.
    const reconciling = formulaCells(bulletinSheet, (f) => f.includes('COUNTIF(') && f.includes("'汇总'!"));
    expect(reconciling).toHaveLength(plan.campaigns.length + 1 + 5);
    expect(reconciling.map((c) => c.libre)).toEqual(reconciling.map((c) => c.addIn));
    const counts = reconciling.filter((c) => !c.formula.startsWith('=IFERROR('));
    const { green, yellow, red, none, invalid } = outcome.counts.lights;
    expect(counts.map((c) => c.libre)).toEqual([green, yellow, red, none, invalid]);
    expect(green + yellow + red).toBeGreaterThan(0);
    // Every check cell of the workbook (明细's, 通报's, each of 二's rows): 一致 in both engines.
    const checks = expected.flatMap((s) =>
      formulaCells(s.name, () => true)
        .filter((c) => c.addIn === '一致' || c.addIn === '不一致')
        .map((c) => ({ sheet: s.name, ...c })),
    );
    expect(checks.length).toBeGreaterThan(5);
    expect(checks.filter((c) => c.libre !== '一致' || c.addIn !== '一致')).toEqual([]);
    const perSheet = ['汇总', '明细', '历史', bulletinSheet].map(
      (n) => `${n} ${formulaCells(n, () => true).length}, 一致 ${checks.filter((c) => c.sheet === n).length}`,
    );
    console.info(
      `[interop] 一键汇总 in LibreOffice: ${compared} formula cells compared over ${expected.length} sheets ` +
        `(${perSheet.join('; ')}), ` +
        `${bulletinSheet}'s 汇总表计数 绿/黄/红/未亮灯/数据有误 ${counts.map((c) => String(c.libre)).join('/')}, ` +
        `${checks.length} check cells 一致`,
    );
  });

  it('the 通报 check is live in LibreOffice: a light changed by hand in 汇总 turns it and its campaign’s row 不一致', async () => {
    const { outcome, expected } = await consolidationInBothEngines();
    const bulletinSheet = outcome.sections.bulletin?.sheet ?? '';
    // 汇总's first indicator's 状态 (L6, the first row 二 counts for the first campaign): 绿 ↔ 红 by hand.
    const tampered = expected.map((s) => {
      if (s.name !== '汇总') return s;
      const values = s.values.map((row) => [...row]);
      const row = values[5] ?? [];
      expect(typeof row[11]).toBe('number');
      row[11] = row[11] === 3 ? 1 : 3;
      return { ...s, values };
    });
    const file = path.join(dir, 'tampered.xlsx');
    fs.writeFileSync(file, sheetsToXlsx(tampered));
    const saved = fs.readFileSync(recalculate(file, path.join(dir, 'out-tampered'), path.join(dir, 'profile')));
    const ws = read(saved).Sheets[bulletinSheet];
    const sheet = expected.find((s) => s.name === bulletinSheet);
    const checkAt = (sheet?.formulas ?? []).flatMap((row, r) =>
      row.flatMap((f, c) => (f?.startsWith('=IF(COUNTIF($L$') ? [utils.encode_cell({ r, c })] : [])),
    );
    expect(checkAt).toHaveLength(1);
    expect(fromXlsx(ws?.[checkAt[0] ?? ''] as CellObject)).toBe('不一致');
    expect(fromXlsx(ws?.L14 as CellObject)).toBe('不一致'); // the first campaign's row
    expect(fromXlsx(ws?.L15 as CellObject)).toBe('一致'); // the second's is untouched
  });

  it('a department file saved by LibreOffice is imported and consolidated: every typed figure, no reading problem', async () => {
    const { typed, saved } = await bothEngines(6);
    const file = readXlsx('发展改革局.xlsx', saved);
    expect(file.problems).toEqual([]);
    expect(file.sheets).toHaveLength(5);
    const { counts, result } = await consolidateWorkbook(new MemoryWorkbook(), { plan, files: [file] });
    expect(counts).toMatchObject({ files: 1, sources: 5, used: 5 });
    // The figures typed are the formula comparison's random ones around each target (some invalid, e.g. 29.97 家):
    // the file's problems are those values' own, never its structure, period or reading.
    const fromFile = result.problems.filter((p) => p.origin?.kind === 'file' && p.severity === 'error');
    expect(fromFile.filter((p) => !p.key.startsWith('value.'))).toEqual([]);
    expect(counts.filesWithProblems).toBe(fromFile.length > 0 ? 1 : 0);
    // Each figure typed in comes back once, as a detail from the file, with the value typed.
    expect(counts.details).toBe(typed.length);
    const detailValues = result.details.map((d) => d.value).sort((a, b) => Number(a) - Number(b));
    expect(detailValues).toEqual(typed.map((t) => t.value).sort((a, b) => Number(a) - Number(b)));
  });
});
