import { unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import type { CellValue } from '../../src/domain/grid/cells';
import { listedMarkerOf } from '../../src/domain/grid/ownSheets';
import type { SheetData } from '../../src/domain/grid/sheet';
import { actualHeader } from '../../src/domain/template/layout';
import { readXlsx } from '../../src/workbook/files/readXlsx';
import { departmentFile, XLSX_MIME } from './departmentFile';
import { chromiumAvailable, cspViolations, download, openFilesPage, previewPages } from './harness';
import { expectedTemplates, expectTemplateFile } from './templateFile';

/**
 * The files page (files.html, issue 14; SPEC §11) in Chromium, as an office without Excel uses it: Chinese in a
 * Chinese browser, English on request; the month's templates made and downloaded (each, and all as a .zip) and read
 * back with the add-in's reader; department files picked and dropped — three lead departments' June workbooks with
 * figures chosen here, one holding a 万元/亿元 slip, and a Word document sent by mistake — consolidated with 一键汇总,
 * the summary workbook downloaded and read back; then a second month with last month's summary as "previous", whose
 * 历史 gives 汇总 its trend columns. The page's CSP is watched throughout: no violation.
 */
const describeBrowser = chromiumAvailable ? describe : describe.skip;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FILES_PAGE_CSP } = require('../../webpack.config.js') as { FILES_PAGE_CSP: string };
jest.setTimeout(120_000);

/** The files' own last-saved time, on time for June and for May (so that no file is 逾期, whatever today is). */
const SAVED = { 5: new Date('2019-06-03T02:00:00Z'), 6: new Date('2019-07-03T02:00:00Z') } as const;

/**
 * June's figures and what they give, by hand (SPEC §5–6: June's 序时进度 is 6/12 = 50% for the paced kinds; 绿 at or
 * above it, 黄 within 10 points below, 红 further below):
 *   C1-01 7.5 of 7 (107%) 绿, C1-02 3 of 5 (60%) 绿, C1-03 30 of 60 (50%) 绿, C1-04 1 of 2 (50%) 绿;
 *   C2-01 1000 of 2000 (50%) 绿, C2-02 12 of 30 (40%) 黄, C2-07 2,350,000 against 480 亿元: a unit slip, 数据有误;
 *   C3-06 50 of 200 (25%) 红, C3-07 14 of 28 (50%) 绿.
 * So 绿 6, 黄 1, 红 1, 数据有误 1, and the other 41 of the plan's 50 indicators 未填报.
 */
const JUNE: Readonly<Record<'C1' | 'C2' | 'C3', Readonly<Record<string, number>>>> = {
  C1: { 'C1-01': 7.5, 'C1-02': 3, 'C1-03': 30, 'C1-04': 1 },
  C2: { 'C2-01': 1000, 'C2-02': 12, 'C2-07': 2_350_000 },
  C3: { 'C3-06': 50, 'C3-07': 14 },
};
const JUNE_LIGHTS: Readonly<Record<string, CellValue>> = {
  'C1-01': 3,
  'C1-02': 3,
  'C1-03': 3,
  'C1-04': 3,
  'C2-01': 3,
  'C2-02': 2,
  'C2-07': '数据有误',
  'C3-06': 1,
  'C3-07': 3,
};
/**
 * May (序时进度 5/12 ≈ 41.7%): C1-02 1 of 5 (20%) 红 → June 绿: 好转; C2-02 12 of 30 (40%, within 10 points) 黄 →
 * June 黄 at a wider gap (−10 against −1.7 points): 下滑; C3-07 14 of 28 (50%) 绿 → June 绿 at 0 against +8.3: 下滑.
 */
const MAY: Readonly<Record<'C1' | 'C2' | 'C3', Readonly<Record<string, number>>>> = {
  C1: { 'C1-02': 1 },
  C2: { 'C2-02': 12 },
  C3: { 'C3-07': 14 },
};

const DEPARTMENTS = { C1: '投资促进中心', C2: '经信商务局', C3: '发展改革局' } as const;
const FILE_NAMES = { C1: '招大引强-投资促进中心.xlsx', C2: '转型升级-经信商务局.xlsx', C3: '项目建设-发展改革局.xlsx' };

async function monthFiles(
  month: 5 | 6,
  figures: typeof JUNE,
): Promise<{ name: string; mimeType: string; buffer: Buffer }[]> {
  return Promise.all(
    (['C1', 'C2', 'C3'] as const).map(async (c) => ({
      name: FILE_NAMES[c],
      mimeType: XLSX_MIME,
      buffer: await departmentFile(c, DEPARTMENTS[c], figures[c], SAVED[month], month),
    })),
  );
}

/** A Word document (a zip without a workbook in it), as a department may attach by mistake. */
function wordDocument(): Buffer {
  const text = (s: string) => new TextEncoder().encode(s);
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': text(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      'word/document.xml': text(
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>情况说明</w:t></w:r></w:p></w:body></w:document>',
      ),
    }),
  );
}
const WORD = '情况说明.docx';

/** The indicator table of 汇总 read back: its header row, and each code's first row (later tables repeat codes). */
function summaryTable(sheet: SheetData): {
  column: (header: string) => number;
  cell: (code: string, column: number) => CellValue;
} {
  const values = sheet.values as CellValue[][];
  const header = values.find((r) => r?.includes('指标编码')) ?? [];
  const rows = new Map<string, CellValue[]>();
  for (const r of values)
    if (r && /^C\d-\d\d$/.test(String(r[1])) && !rows.has(String(r[1]))) rows.set(String(r[1]), r);
  return {
    column: (h) => {
      const i = header.indexOf(h);
      if (i < 0) throw new Error(`汇总 has no column ${h}`);
      return i;
    },
    cell: (code, column) => rows.get(code)?.[column] ?? null,
  };
}

const sheetsByName = (bytes: Uint8Array): Map<string, SheetData> => {
  const parsed = readXlsx('汇总.xlsx', bytes);
  expect(parsed.problems).toEqual([]);
  return new Map(parsed.sheets.map((s) => [s.name, s]));
};

describeBrowser('the files page (Chromium)', () => {
  const preview = previewPages(openFilesPage, { locale: 'zh-CN' });
  let page: Page;
  beforeEach(() => {
    page = preview.page;
  });

  const texts = async (p: Page) => ({
    lang: await p.locator('html').getAttribute('lang'),
    title: await p.title(),
    headings: await p.locator('h1, h2').allTextContents(),
    language: await p.getByTestId('language').textContent(),
  });
  const CHINESE = {
    lang: 'zh-CN',
    title: '五大攻坚战 · 模板与汇总',
    headings: ['五大攻坚战 · 模板与汇总', '一、本月模板', '二、汇总各单位报回的文件'],
    language: 'English',
  };
  const ENGLISH = {
    lang: 'en-US',
    title: 'Five campaigns · templates and summary',
    headings: [
      'Five campaigns · templates and summary',
      '1. This month’s templates',
      '2. Consolidate the files departments sent back',
    ],
    language: '中文',
  };

  /** The page opened in a browser of another language (closed by the caller). */
  async function openIn(locale: string): Promise<Page> {
    const other = await preview.browser.newPage({ locale });
    other.on('pageerror', (e) => preview.errors.push(e.message));
    await openFilesPage(other, preview.url);
    return other;
  }

  async function consolidate(): Promise<void> {
    await page.getByTestId('consolidate').click();
    await page.getByTestId('result').waitFor();
  }

  it('is Chinese in a Chinese browser (and any but an English one), English on the toggle and back', async () => {
    expect(await texts(page)).toEqual(CHINESE);
    expect(await page.getByTestId('make-templates').textContent()).toBe('生成模板');
    await page.getByTestId('language').click();
    expect(await texts(page)).toEqual(ENGLISH);
    expect(await page.getByTestId('make-templates').textContent()).toBe('Make the templates');
    await page.getByTestId('language').click();
    expect(await texts(page)).toEqual(CHINESE);

    for (const [locale, expected] of [
      ['ja-JP', CHINESE],
      ['en-US', ENGLISH],
    ] as const) {
      const other = await openIn(locale);
      expect(await texts(other)).toEqual(expected);
      expect(await cspViolations(other)).toEqual([]);
      await other.close();
    }
    expect(await cspViolations(page)).toEqual([]);
  });

  it('carries its own policy, enforced and watched: a script from another origin is refused and seen (the control)', async () => {
    expect(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content')).toBe(FILES_PAGE_CSP);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.src = 'https://cdn.example.invalid/x.js';
      document.head.append(script);
    });
    await page.waitForFunction(() => (window as unknown as { __cspViolations: string[] }).__cspViolations.length > 0);
    expect(await cspViolations(page)).toEqual([
      expect.stringContaining('script-src-elem https://cdn.example.invalid/x.js'),
    ]);
  });

  it('makes June 2019’s templates: one per department of each campaign, each and the .zip downloaded and read back', async () => {
    await page.getByTestId('month').fill('2019-06');
    await page.getByTestId('make-templates').click();
    await page.getByTestId('templates').waitFor();
    const expected = expectedTemplates(2019, 6);
    expect(expected.length).toBeGreaterThanOrEqual(5); // at least each campaign's lead department
    expect(await page.getByTestId('templates').locator('p').first().textContent()).toBe(
      `已生成 ${expected.length} 个模板：`,
    );
    const links = page.getByTestId('template-file');
    expect(await links.allTextContents()).toEqual(expected.map((e) => e.fileName));

    // One file: the second (转型升级, 经信商务局), to be sure the link is the file it names.
    const second = expected[1];
    if (!second) throw new Error('fewer than two templates');
    const one = await download(page, links.nth(1));
    expect(one.name).toBe(second.fileName);
    expectTemplateFile(one.bytes, { ...second, year: 2019, month: 6 });

    // All of them: the zip holds every file, the one downloaded byte for byte.
    const all = await download(page, page.getByTestId('download-all'));
    expect(all.name).toMatch(/2019-06\.zip$/);
    const entries = unzipSync(all.bytes);
    expect(Object.keys(entries)).toEqual(expected.map((e) => e.fileName));
    expect(Buffer.from(entries[second.fileName] ?? []).equals(one.bytes)).toBe(true);
    expect(await cspViolations(page)).toEqual([]);
    for (const e of expected)
      expectTemplateFile(entries[e.fileName] ?? new Uint8Array(), { ...e, year: 2019, month: 6 });
  });

  it('consolidates June’s department files, picked and dropped: the result, its problems, the summary workbook read back', async () => {
    await page.getByTestId('month').fill('2019-06');
    expect(await page.getByTestId('consolidate').isDisabled()).toBe(true); // nothing picked yet
    await page.getByTestId('files-input').setInputFiles(await monthFiles(6, JUNE));
    // The Word document arrives by drag and drop, as from a mail client.
    const word = wordDocument().toString('base64');
    const dropped = await page.evaluateHandle(
      ({ name, base64 }) => {
        const transfer = new DataTransfer();
        const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
        transfer.items.add(new File([bytes], name));
        return transfer;
      },
      { name: WORD, base64: word },
    );
    await page.getByTestId('drop').dispatchEvent('drop', { dataTransfer: dropped });
    await page.getByTestId('picked').getByText(WORD).waitFor();
    expect(
      (await page.getByTestId('picked').locator('li').allTextContents()).map((t) => t.replace(/\s*移除$/, '')),
    ).toEqual([...Object.values(FILE_NAMES), WORD]);

    // While it runs, the button says so and takes no second click: held here by holding the scripts it loads on
    // first use (the reader's Web Worker), so that the busy state is seen whatever the machine's speed.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/*.js', async (route) => {
      await held;
      await route.continue();
    });
    const run = page.getByTestId('consolidate');
    await run.click();
    await page.getByRole('button', { name: '正在汇总…', disabled: true }).waitFor();
    release();
    await page.getByTestId('result').waitFor();
    expect([await run.textContent(), await run.isEnabled()]).toEqual(['一键汇总', true]);
    const result = page.getByTestId('result');
    const lines = await result.locator('p').allTextContents();
    // 3 template sheets read and used; 5 reports expected (each campaign's lead department), 招大引强 and 项目建设
    // 已报, 转型升级 有误 (its unit slip); lights as worked out above.
    expect(lines.slice(0, 2)).toEqual([
      '2019年6月：来源 3 张，计入 3 张；应报 5 份，已报 2 份。',
      '红 1，黄 1，绿 6；未填报 41，数据有误 1。',
    ]);
    // Errors: the Word document and the unit slip; warnings: 黄 and 红 without a reason, 城市提质 and 民生改善 未报.
    expect(lines).toContain('问题（错误 2，警告 4，详见工作簿中的“明细”表）：');
    const problems = await page.getByTestId('problems').locator('li').allTextContents();
    expect(problems).toHaveLength(6);
    const slip = problems.find((p) => p.includes('2350000'));
    expect(slip).toMatch(
      /^转型升级-经信商务局\.xlsx › 转型升级-经信商务局-6月!H13：累计完成 2350000 达到目标 480 的 1000 倍以上/,
    );
    // A file's own problem is placed at the file (no sheet: no dangling "›").
    expect(problems.find((p) => p.includes(WORD))).toMatch(
      /^情况说明\.docx：文件“情况说明\.docx”是文档或演示文稿，不是电子表格/,
    );
    expect(problems.filter((p) => /没有单位填写滞后原因及措施/.test(p))).toHaveLength(2);
    expect(problems.filter((p) => /未报送/.test(p))).toHaveLength(2);

    const summary = await download(page, page.getByTestId('download-summary'));
    expect(summary.name).toBe('汇总-2019年6月.xlsx');
    const sheets = sheetsByName(summary.bytes);
    expect([...sheets.keys()]).toEqual(['汇总', '明细', '历史', '通报']);
    expect([...sheets.values()].map((s) => listedMarkerOf(s.values).marker?.type)).toEqual([
      'kpi-summary',
      'kpi-detail',
      'kpi-history',
      'kpi-bulletin',
    ]);
    for (const s of sheets.values()) expect(s.uncalculated ?? []).toEqual([]);
    const table = summaryTable(sheets.get('汇总') as SheetData);
    const [actual, light] = [table.column(actualHeader(6)), table.column('状态')];
    for (const [code, value] of Object.entries({ ...JUNE.C1, ...JUNE.C2, ...JUNE.C3 }))
      expect([code, table.cell(code, actual), table.cell(code, light)]).toEqual([
        code,
        code === 'C2-07' ? null : value, // an invalid value is left out, never summed
        JUNE_LIGHTS[code],
      ]);
    expect(table.cell('C1-05', light)).toBe(0); // 未填报
    // 明细 names every file a value came from, and the cell of the slip.
    const detail = (sheets.get('明细') as SheetData).values.flat();
    for (const name of Object.values(FILE_NAMES)) expect(detail).toContain(name);
    expect(detail).toContain(2_350_000);

    // The result, problems included, in English on the toggle (they are values, described in the page's language).
    await page.getByTestId('language').click();
    expect((await result.locator('p').allTextContents()).slice(0, 2)).toEqual([
      '2019-6: 3 source sheets, 3 used; 2 of 5 expected reports submitted.',
      '1 red, 1 yellow, 6 green; 41 not reported, 1 invalid.',
    ]);
    expect(await page.getByTestId('problems').locator('li').count()).toBe(6);
    expect(await cspViolations(page)).toEqual([]);
  });

  it('with May’s summary as “previous”, June’s 汇总 has 上月状态 and 较上月 and 历史 both months', async () => {
    await page.getByTestId('month').fill('2019-05');
    await page.getByTestId('files-input').setInputFiles(await monthFiles(5, MAY));
    await consolidate();
    expect(await page.getByTestId('result').locator('p').first().textContent()).toMatch(/^2019年5月：来源 3 张/);
    const may = await download(page, page.getByTestId('download-summary'));
    expect(may.name).toBe('汇总-2019年5月.xlsx');

    expect(await cspViolations(page)).toEqual([]);
    await page.reload();
    await page.getByTestId('month').fill('2019-06');
    await page.getByTestId('files-input').setInputFiles(await monthFiles(6, JUNE));
    await page.getByTestId('previous-input').setInputFiles({ name: may.name, mimeType: XLSX_MIME, buffer: may.bytes });
    await consolidate();
    expect(await page.getByTestId('result').locator('p.warning').count()).toBe(0); // its 历史 was found
    const june = sheetsByName((await download(page, page.getByTestId('download-summary'))).bytes);

    const months = (june.get('历史') as SheetData).values
      .map((r) => String(r?.[0] ?? ''))
      .filter((p) => /^2019-\d\d$/.test(p));
    expect([...new Set(months)]).toEqual(['2019-05', '2019-06']);
    const table = summaryTable(june.get('汇总') as SheetData);
    const [light, lastLight, change] = ['状态', '上月状态', '较上月'].map(table.column);
    const trend = (code: string) => [light, lastLight, change].map((i) => table.cell(code, i ?? -1));
    expect(trend('C1-02')).toEqual([3, 1, '好转']);
    expect(trend('C2-02')).toEqual([2, 2, '下滑']);
    expect(trend('C3-07')).toEqual([3, 3, '下滑']);
    expect(trend('C1-01')).toEqual([3, 0, '上月未填报']); // recorded in May's 历史 as 未填报

    // A department file as "previous" has no 历史: the page says so, and consolidates on these files alone.
    await page.getByTestId('previous-input').setInputFiles({
      name: FILE_NAMES.C1,
      mimeType: XLSX_MIME,
      buffer: (await monthFiles(6, JUNE))[0]?.buffer ?? Buffer.alloc(0),
    });
    await consolidate();
    expect(await page.getByTestId('result').locator('p.warning').allTextContents()).toEqual([
      `“${FILE_NAMES.C1}”中没有“历史”表，较上月和督办只依据本次的文件。`,
    ]);
    expect(await cspViolations(page)).toEqual([]);
  });
});
