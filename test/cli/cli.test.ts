import fs from 'fs';
import { read as readSheetJs } from '@e965/xlsx';
import os from 'os';
import path from 'path';
import { main } from '../../src/cli/main';
import { consolidate } from '../../src/domain/consolidation/consolidate';
import { listedMarkerOf } from '../../src/domain/grid/ownSheets';
import { builtinPlan } from '../../src/domain/plan/builtin';
import { campaignDepartments } from '../../src/domain/plan/departments';
import { buildPlanSheet } from '../../src/domain/plan/planSheet';
import { FileWorkbook } from '../../src/workbook/files/fileWorkbook';
import { readXlsx } from '../../src/workbook/files/readXlsx';
import { templateInputRows } from '../fixtures/filledTemplates';
import { fileSource, fill, templateGrid } from '../domain/consolidation/fixtures';
import { buildTemplate } from '../../src/domain/template/template';

/**
 * `kpi-campaign` (issue 14) run in-process on temporary folders: its three commands, its exit codes (0, 1 on
 * validation errors, 2 on usage or I/O errors), both languages, and that it never writes over an input.
 */
jest.setTimeout(60_000);

const plan = builtinPlan();

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function cli(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), version: '9.9.9' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-cli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const read = (file: string) => readXlsx(path.basename(file), fs.readFileSync(file));

/** Every formula of a file's first sheet, as SheetJS reads them (the add-in's reader keeps values only). */
function formulasOf(file: string): string[] {
  const book = readSheetJs(fs.readFileSync(file), { cellFormula: true });
  const sheet = book.Sheets[book.SheetNames[0] ?? ''] ?? {};
  return Object.entries(sheet).flatMap(([k, c]) =>
    k.startsWith('!') ? [] : typeof (c as { f?: unknown }).f === 'string' ? [(c as { f: string }).f] : [],
  );
}

/** A department's June template as a file, filled with `values` by indicator code, saved by the file adapter. */
async function departmentFile(
  name: string,
  campaignId: string,
  department: string,
  values: Readonly<Record<string, number | string>>,
): Promise<string> {
  const wb = new FileWorkbook();
  const spec = buildTemplate({ plan, campaignId, department, year: 2019, month: 6, mode: 'native' });
  await wb.writeSheet(spec);
  const at = new Map(templateInputRows(spec).map((r) => [r.code, r.actual]));
  await wb.writeCells(
    Object.entries(values).map(([code, value]) => ({ sheet: spec.name, address: at.get(code) ?? 'ZZ1', value })),
  );
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, wb.save({ modified: new Date('2019-07-03T02:00:00Z') }));
  return file;
}

describe('help, version and usage errors', () => {
  test('help in Chinese by default and in English with --lang en-US; --version', async () => {
    expect(await cli('--help')).toMatchObject({ code: 0, out: expect.stringContaining('用法：kpi-campaign') });
    expect(await cli('--help', '--lang', 'en-US')).toMatchObject({
      code: 0,
      out: expect.stringContaining('Usage: kpi-campaign'),
    });
    expect(await cli('--version')).toMatchObject({ code: 0, out: '9.9.9' });
  });

  test.each([
    [[], '用法：kpi-campaign'],
    [['frobnicate'], '未知命令“frobnicate”'],
    [['templates', '--out', 'x'], '缺少选项 --month'],
    [['templates', '--month', '2019-13', '--out', 'x'], '--month 应为“年-月”'],
    [['templates', '--month', '2019-06', '--out', 'x', '--mode', 'vba'], '--mode 应为 native 或 kpi'],
    [['templates', '--month', '2019-06', '--bogus'], "Unknown option '--bogus'"],
    [['validate'], '没有给出要读取的文件或目录'],
    [['validate', '/no/such/file.xlsx'], '无法读取“/no/such/file.xlsx”：ENOENT'],
    [['consolidate', '.'], '缺少选项 -o'],
    [['--lang', 'fr'], '--lang 应为 zh-CN 或 en-US'],
  ])('%j → exit code 2 and a message on standard error', async (argv, message) => {
    const run = await cli(...argv);
    expect(run.code).toBe(2);
    expect(run.err).toContain(message);
  });

  test('usage errors in English with --lang en-US', async () => {
    const run = await cli('templates', '--lang', 'en-US', '--out', 'x');
    expect(run).toMatchObject({ code: 2, err: expect.stringContaining('Option --month is missing') });
  });
});

describe('templates', () => {
  test('every department of every campaign, one file each, named 攻坚战-单位-年月; each the template 插入模板 makes', async () => {
    const out = path.join(dir, 'out');
    const run = await cli('templates', '--month', '2019-06', '--out', out);
    expect(run.code).toBe(0);
    const expected = plan.campaigns.flatMap((c) =>
      campaignDepartments(c).map((d) => `${c.name}-${d.name}-2019年6月.xlsx`),
    );
    expect(fs.readdirSync(out).sort()).toEqual([...expected].sort());
    for (const name of expected) expect(run.out).toContain(name);
    const file = read(path.join(out, `招大引强-投资促进中心-2019年6月.xlsx`));
    expect(file.problems).toEqual([]);
    const [sheet] = file.sheets;
    expect(listedMarkerOf(sheet?.values ?? []).marker).toMatchObject({
      type: 'kpi-template',
      campaign: 'C1',
      department: '投资促进中心',
      year: 2019,
      month: 6,
    });
    // native formulas by default: no KPI.* in the file; --mode kpi writes them
    const nativeFormulas = formulasOf(path.join(out, `招大引强-投资促进中心-2019年6月.xlsx`));
    expect(nativeFormulas.length).toBeGreaterThan(20);
    expect(nativeFormulas.some((f) => f.includes('KPI.'))).toBe(false);
    const kpi = path.join(dir, 'kpi');
    expect((await cli('templates', '--month', '2019-06', '--out', kpi, '--mode', 'kpi', '--campaign', 'C2')).code).toBe(
      0,
    );
    expect(fs.readdirSync(kpi)).toEqual(['转型升级-经信商务局-2019年6月.xlsx']);
    expect(formulasOf(path.join(kpi, fs.readdirSync(kpi)[0] ?? '')).some((f) => f.includes('KPI.'))).toBe(true);
  });

  test('--plan: the templates of the 指标库 in the file (a changed target shows in the template)', async () => {
    const changed = {
      ...plan,
      campaigns: plan.campaigns.map((c) =>
        c.id === 'C1'
          ? { ...c, indicators: c.indicators.map((i) => (i.code === 'C1-01' ? { ...i, target: 6.5 } : i)) }
          : c,
      ),
    };
    const wb = new FileWorkbook();
    await wb.writeSheet(buildPlanSheet(changed));
    const planFile = path.join(dir, '指标库.xlsx');
    fs.writeFileSync(planFile, wb.save());
    const out = path.join(dir, 'out');
    expect(
      (await cli('templates', '--month', '2019-06', '--out', out, '--plan', planFile, '--campaign', 'C1')).code,
    ).toBe(0);
    const sheet = read(path.join(out, fs.readdirSync(out)[0] ?? '')).sheets[0];
    const row = sheet?.values.find((r) => r.includes('C1-01'));
    expect(row).toContain(6.5);
  });

  test('an invalid 指标库 stops the command with its problems, each at its cell', async () => {
    const wb = new FileWorkbook();
    await wb.writeSheet(buildPlanSheet(plan));
    const sheet = wb.sheetNames()[0] ?? '';
    const values = (await wb.readSheets([sheet]))[0]?.values ?? [];
    const r = values.findIndex((row) => row.includes('C1-01'));
    const c = values[r]?.findIndex((v) => v === 7) ?? -1;
    await wb.writeCells([{ sheet, address: `${String.fromCharCode(65 + c)}${r + 1}`, value: '七亿' }]);
    const planFile = path.join(dir, '指标库.xlsx');
    fs.writeFileSync(planFile, wb.save());
    const run = await cli('templates', '--month', '2019-06', '--out', path.join(dir, 'out'), '--plan', planFile);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/指标库“.*指标库\.xlsx”有 \d+ 处错误/);
    expect(run.err).toContain(`${sheet}!${String.fromCharCode(65 + c)}${r + 1}`);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe('validate', () => {
  test('problems with file, sheet, cell and message; exit code 1 on errors, 0 when clean; English too', async () => {
    const good = await departmentFile('good.xlsx', 'C1', '投资促进中心', { 'C1-01': 3.8 });
    const bad = await departmentFile('bad.xlsx', 'C2', '经信商务局', { 'C2-01': -5 });
    const clean = await cli('validate', good);
    expect(clean.code).toBe(0);
    expect(clean.out).toContain('未发现问题（1 个模板）');
    const dirty = await cli('validate', good, bad);
    expect(dirty.code).toBe(1);
    const spec = buildTemplate({
      plan,
      campaignId: 'C2',
      department: '经信商务局',
      year: 2019,
      month: 6,
      mode: 'native',
    });
    const cell = templateInputRows(spec).find((r) => r.code === 'C2-01')?.actual;
    expect(dirty.out).toContain(`错误 ${spec.name}!${cell}：`);
    expect(dirty.out).toMatch(/共 2 个文件：错误 [1-9]\d* 处/);
    const en = await cli('validate', bad, '--lang', 'en-US');
    expect(en.out).toMatch(new RegExp(`error ${spec.name}!${cell}: `));
  });

  test('a file that is not a spreadsheet is an error of that file, named', async () => {
    const text = path.join(dir, 'notes.xlsx');
    fs.writeFileSync(text, 'not a zip at all');
    const run = await cli('validate', text);
    expect(run.code).toBe(1);
    expect(run.out).toContain('notes.xlsx');
  });
});

describe('consolidate', () => {
  test('a folder of department files → 汇总, 明细, 历史 and 通报 with the domain’s figures; never over an input', async () => {
    const values = { 'C1-01': 3.8, 'C1-03': 24 };
    const inputs = path.join(dir, 'in');
    await departmentFile('in/投资促进中心.xlsx', 'C1', '投资促进中心', values);
    await departmentFile('in/sub/经信商务局.xlsx', 'C2', '经信商务局', { 'C2-01': 1150 });
    fs.writeFileSync(path.join(inputs, '~$投资促进中心.xlsx'), 'lock file'); // Office's lock file: skipped
    const output = path.join(dir, 'out', '汇总.xlsx');
    const run = await cli('consolidate', inputs, '-o', output, '--month', '2019-06');
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toContain('2019年6月，来源 2 张，计入 2 张');
    const file = read(output);
    const types = file.sheets.map((s) => listedMarkerOf(s.values).marker?.type);
    expect(types).toEqual(['kpi-summary', 'kpi-detail', 'kpi-history', 'kpi-bulletin']);
    const summary = file.sheets[0]?.values ?? [];
    // the domain's own figures for the same entries
    const expected = consolidate(
      plan,
      [
        fileSource(
          '投资促进中心.xlsx',
          fill(templateGrid('C1', '投资促进中心'), { 'C1-01': { actual: 3.8 }, 'C1-03': { actual: 24 } }),
        ),
        fileSource('经信商务局.xlsx', fill(templateGrid('C2', '经信商务局'), { 'C2-01': { actual: 1150 } })),
      ],
      { period: { year: 2019, month: 6 } },
    );
    for (const code of ['C1-01', 'C1-03', 'C2-01']) {
      const row = summary.find((r) => r[1] === code) ?? [];
      const want = expected.campaigns.flatMap((c) => c.indicators).find((i) => i.code === code);
      expect(row[6]).toBe(want?.actual);
      expect(row[7]).toBeCloseTo(want?.attainment ?? NaN, 9);
    }
    // the output is never an input: asked to write over one, it refuses and leaves it as it was
    const input = path.join(inputs, '投资促进中心.xlsx');
    const before = fs.readFileSync(input);
    const over = await cli('consolidate', inputs, '-o', input);
    expect(over.code).toBe(2);
    expect(over.err).toContain('也是输入文件');
    expect(fs.readFileSync(input).equals(before)).toBe(true);
  });

  test('--json for scripts; a progress line on standard error for many files', async () => {
    const inputs = path.join(dir, 'in');
    for (let i = 0; i < 12; i++) await departmentFile(`in/f${i}.xlsx`, 'C1', '投资促进中心', { 'C1-01': i });
    const run = await cli('consolidate', inputs, '-o', path.join(dir, 'out.xlsx'), '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out) as { period: string; counts: { files: number }; problems: unknown[] };
    expect(json.period).toBe('2019-06');
    expect(json.counts.files).toBe(12);
    // twelve files of one department and campaign saved at the same time: a conflict, reported
    expect(json.problems.length).toBeGreaterThan(0);
    expect(run.err.split('\n').filter((l) => l.startsWith('读取文件'))).toContain('读取文件 12/12');
  });

  test('--previous carries last month’s 历史 into this month’s trend', async () => {
    const may = await (async () => {
      const wb = new FileWorkbook();
      const spec = buildTemplate({
        plan,
        campaignId: 'C1',
        department: '投资促进中心',
        year: 2019,
        month: 5,
        mode: 'native',
      });
      await wb.writeSheet(spec);
      const at = new Map(templateInputRows(spec).map((r) => [r.code, r.actual]));
      await wb.writeCells([{ sheet: spec.name, address: at.get('C1-01') ?? '', value: 3 }]);
      const file = path.join(dir, 'may.xlsx');
      fs.writeFileSync(file, wb.save());
      return file;
    })();
    const maySummary = path.join(dir, 'may-summary.xlsx');
    expect((await cli('consolidate', may, '-o', maySummary)).code).toBe(0);
    const june = await departmentFile('june.xlsx', 'C1', '投资促进中心', { 'C1-01': 3.8 });
    const out = path.join(dir, 'june-summary.xlsx');
    const run = await cli('consolidate', june, '-o', out, '--previous', maySummary);
    expect(run.code).toBe(0);
    const history = read(out).sheets.find((s) => listedMarkerOf(s.values).marker?.type === 'kpi-history');
    const months = new Set(history?.values.map((r) => String(r[0] ?? '')).filter((p) => /^2019-\d\d$/.test(p)));
    expect([...months].sort()).toEqual(['2019-05', '2019-06']);
    const summary = read(out).sheets[0]?.values ?? [];
    const header = summary.find((r) => r.includes('上月完成率')) ?? [];
    const row = summary.find((r) => r[1] === 'C1-01') ?? [];
    expect(row[header.indexOf('上月完成率')]).toBeCloseTo(3 / 7, 9);
  });
});
