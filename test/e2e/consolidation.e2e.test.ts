import type { Page } from 'playwright-core';
import type { CellValue } from '../../src/domain/grid/cells';
import { departmentFile } from './departmentFile';
import { chromiumAvailable, previewPages, seriousAxeViolations, openConsolidation } from './harness';

/**
 * 一键汇总 in the preview host (Chromium): two department workbooks made here (a 转型升级 sheet from 发展改革局, and
 * 社会发展局's 民生改善 sent again as a file, which conflicts with its sheet in the sample workbook) are uploaded
 * through the pane's file input, consolidated with the sample workbook's five sheets, and the summary is checked
 * against figures computed here from the inputs; the planted problems are listed and lead to their cells.
 */
const describeBrowser = chromiumAvailable ? describe : describe.skip;
jest.setTimeout(180_000);

const C1 = '招大引强-投资促进中心-6月';

/** The sample's values (src/preview/sample.ts) and the file's, added here: the independent computation. */
const DRC = { 'C2-01': 300, 'C2-10': 4, 'C2-11': 12 };
const EXPECTED = { 'C2-01': 1150 + 300, 'C2-10': 9 + 4, 'C2-11': 31 + 12 };

type Preview = {
  readSheets(names: string[]): Promise<{ values: CellValue[][] }[]>;
  sheetMeta(name: string): { charts: unknown[] };
};

describeBrowser('一键汇总 in the preview host (Chromium)', () => {
  const preview = previewPages(openConsolidation);
  let page: Page;
  beforeEach(() => {
    page = preview.page;
  });
  let files: { name: string; mimeType: string; buffer: Buffer }[];

  beforeAll(async () => {
    const mime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    files = [
      { name: '发展改革局-转型升级.xlsx', mimeType: mime, buffer: await departmentFile('C2', '发展改革局', DRC) },
      { name: '社会发展局.xlsx', mimeType: mime, buffer: await departmentFile('C5', '社会发展局', { 'C5-01': 0.7 }) },
    ];
  });

  const activeTab = () => page.locator('nav.tabs button.active').textContent();

  it('imports two department files, consolidates, writes and activates 汇总 with the right figures, lists the planted problems', async () => {
    // The sample's five sheets are found by their markers before anything is read in full.
    await page.getByTestId('consolidation-sources').getByText(C1).waitFor();

    await page.getByTestId('import-input').setInputFiles(files);
    const statuses = page.getByTestId('file-status');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="file-status"]')].every((e) =>
        /张填报模板/.test(e.textContent ?? ''),
      ),
    );
    expect(await statuses.allTextContents()).toEqual(['已读取：1 张填报模板', '已读取：1 张填报模板']);
    // the duplicate is flagged before consolidating (冲突: the pane's word is the matrix's)
    expect(await page.getByTestId('consolidation-sources').getByText('冲突', { exact: true }).count()).toBe(2);

    await page.getByTestId('consolidate').click();
    const result = page.getByTestId('consolidation-result');
    await result.getByText('已生成“汇总”和“明细”').waitFor();
    expect(await activeTab()).toBe('汇总');
    // the selection is on the title, not on A1's hidden marker (issue 11, observation 10)
    expect(await page.getByTestId('name-box').textContent()).toBe('A2');
    expect(await page.getByTestId('formula-bar').inputValue()).not.toContain('KPI-TRACKER');

    // Figures: the sum over departments as computed here
    const values = await page.evaluate(async () => {
      const wb = (window as unknown as { __kpiPreview: Preview }).__kpiPreview;
      return (await wb.readSheets(['汇总']))[0]?.values ?? [];
    });
    for (const [code, expected] of Object.entries(EXPECTED)) {
      const row = values.find((r) => r[1] === code);
      expect([code, row?.[6]]).toEqual([code, expected]);
    }
    // 民生改善 is in conflict: its values are not used
    expect(values.find((r) => r[1] === 'C5-01')?.[6]).toBeNull();
    // native charts in the summary's spec (the preview grid does not draw charts)
    const charts = await page.evaluate(
      () => (window as unknown as { __kpiPreview: Preview }).__kpiPreview.sheetMeta('汇总').charts.length,
    );
    expect(charts).toBeGreaterThanOrEqual(2);

    // The counts and the planted problems, in the pane
    const counts = await page.getByTestId('consolidation-counts').textContent();
    expect(counts).toContain('5 / 32 份'); // the sample's 30 sheets (25 of them January–May) and the two files
    expect(counts).toContain('冲突 2');
    // the file list says what the run found: 社会发展局's file is in conflict (issue 11, observation 9)
    const after = await statuses.allTextContents();
    expect(
      after.filter((text) => text.startsWith('已读取，有问题：') && /汇总发现 [1-9]\d* 个错误/.test(text)),
    ).toHaveLength(1);
    expect(after.filter((text) => text.startsWith('已读取：'))).toHaveLength(1);
    const problems = page.getByTestId('consolidation-problems');
    expect(await problems.getByText(/社会发展局的“民生改善”2019 年 6 月报表报送了 2 份/).count()).toBe(2); // the conflict, on both sources
    expect(
      await problems.getByText(`${C1}!H8 · C1-02 实际到位外资：累计完成“2.6亿”不是数字，建议改为 2.6`).count(),
    ).toBe(1);
    expect(await problems.getByText(/C2-09 数字经济增加值增速：已填本期数，但未填上年同期数/).count()).toBe(1);
    // a problem in a file is text: where it is, by file, sheet and cell
    expect(await problems.getByText(/^社会发展局\.xlsx › 民生改善-社会发展局-6月/).count()).toBeGreaterThan(0);

    // A problem of this workbook leads to its cell
    await problems.getByRole('button', { name: /“2\.6亿”不是数字/ }).click();
    expect(await activeTab()).toBe(C1);
    expect(await page.getByTestId('name-box').textContent()).toBe('H8');
  });

  it('corrections: a department’s file resent and saved later supersedes the first (已被更正); a conflict is decided with 以此为准, and a re-run keeps it', async () => {
    const mime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const first = new Date('2019-07-03T01:00:00Z');
    const later = new Date('2019-07-04T02:30:00Z');
    const drc = (values: Readonly<Record<string, number>>, savedAt: Date) =>
      departmentFile('C2', '发展改革局', values, savedAt);
    await page
      .getByTestId('import-input')
      .setInputFiles([
        { name: '发展改革局-转型升级.xlsx', mimeType: mime, buffer: await drc(DRC, first) },
        { name: '发展改革局-转型升级(更正).xlsx', mimeType: mime, buffer: await drc({ ...DRC, 'C2-01': 350 }, later) },
        ...(files[1] ? [files[1]] : []),
      ]);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="file-saved"]').length === 3);
    // each file's save time, from the workbook's own properties
    expect(await page.getByTestId('file-saved').first().textContent()).toMatch(/^保存于 .*（工作簿属性）$/);
    const sources = page.getByTestId('consolidation-sources');
    await sources.getByText('已被更正', { exact: true }).waitFor();
    expect(await sources.getByText('已被更正', { exact: true }).count()).toBe(1);
    // 社会发展局: its sheet here (no save time) and its file — a conflict, each with 以此为准
    expect(await sources.getByText('冲突', { exact: true }).count()).toBe(2);
    expect(await page.getByTestId('choose-source').count()).toBe(2);

    await page.getByRole('button', { name: '以此为准：社会发展局.xlsx › 民生改善-社会发展局-6月' }).click();
    const result = page.getByTestId('consolidation-result');
    await result.getByText('已生成“汇总”和“明细”').waitFor();
    const read = (sheet: string) =>
      page.evaluate(
        async (name) =>
          (await (window as unknown as { __kpiPreview: Preview }).__kpiPreview.readSheets([name]))[0]?.values ?? [],
        sheet,
      );
    let summary = await read('汇总');
    expect(summary.find((r) => r[1] === 'C2-01')?.[6]).toBe(1150 + 350); // the correction, not the first file
    expect(summary.find((r) => r[1] === 'C5-01')?.[6]).toBe(0.7); // the file picked
    expect(summary.flat()).toContain('已报（已更正）');
    const detail = await read('明细');
    expect(detail.filter((r) => String(r[8] ?? '').startsWith('已被更正')).length).toBeGreaterThanOrEqual(2);
    // now the sheet of this workbook is superseded (its pick can still be changed), the file counts
    await sources.getByText('冲突', { exact: true }).waitFor({ state: 'detached' });
    expect(await sources.getByText('已被更正', { exact: true }).count()).toBe(2);

    // 一键汇总 again: the pick is kept (read back from 汇总's marker)
    type Waiting = { __runDone?: Promise<void> };
    await page.evaluate(() => {
      const region = document.querySelector('[data-testid="consolidation-progress"]');
      (window as unknown as Waiting).__runDone = new Promise<void>((resolve) => {
        let started = false;
        new MutationObserver(() => {
          started ||= (region?.textContent ?? '') !== '';
          if (started && region?.textContent === '') resolve();
        }).observe(region ?? document.body, { subtree: true, childList: true, characterData: true });
      });
    });
    await page.getByTestId('consolidate').click();
    await page.evaluate(() => (window as unknown as Waiting).__runDone);
    summary = await read('汇总');
    expect(summary.find((r) => r[1] === 'C5-01')?.[6]).toBe(0.7);
    expect(await page.getByTestId('consolidation-counts').textContent()).toContain('已被更正 2');
  });

  it('shows the progress by stage, and a file that is not a workbook is listed without stopping the rest', async () => {
    await page.getByTestId('import-input').setInputFiles([
      {
        name: '坏文件.xlsx',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]),
      },
      files[0] ?? { name: 'x', mimeType: 'x', buffer: Buffer.alloc(0) },
    ]);
    await page
      .getByText(
        '文件“坏文件.xlsx”无法读取（已损坏，或不是 Excel/WPS 工作簿；可读取 .xlsx、.xlsm、.xls、.xlsb、.ods、.et），未计入汇总',
      )
      .waitFor();
    const stages: string[] = [];
    await page.exposeFunction('__stage', (s: string) => stages.push(s));
    await page.evaluate(() => {
      const region = document.querySelector('[data-testid="consolidation-progress"]');
      if (!region) throw new Error('no progress region');
      new MutationObserver(() => {
        const text = region.textContent ?? '';
        if (text) void (window as unknown as { __stage: (s: string) => void }).__stage(text);
      }).observe(region, { subtree: true, childList: true, characterData: true });
    });
    await page.getByTestId('consolidate').click();
    await page.getByTestId('consolidation-result').getByText('已生成“汇总”和“明细”').waitFor();
    expect([...new Set(stages)]).toEqual([
      '第 1/4 步：读取工作表',
      '第 2/4 步：解析文件',
      '第 3/4 步：汇总计算',
      '第 4/4 步：写入汇总表',
    ]);
    expect(await page.getByRole('progressbar').count()).toBe(0); // gone once done
    expect(
      await page
        .getByTestId('consolidation-problems')
        .getByText(/^坏文件\.xlsx · 文件“坏文件\.xlsx”无法读取/)
        .count(),
    ).toBe(1);
    const values = await page.evaluate(
      async () =>
        (await (window as unknown as { __kpiPreview: Preview }).__kpiPreview.readSheets(['汇总']))[0]?.values ?? [],
    );
    expect(values.find((r) => r[1] === 'C2-01')?.[6]).toBe(EXPECTED['C2-01']);
  });

  it('with its result shown: no serious axe-core violations, and no horizontal scroll at 320 px', async () => {
    await page.getByTestId('import-input').setInputFiles(files);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="file-status"]')].every((e) =>
        /张填报模板/.test(e.textContent ?? ''),
      ),
    );
    await page.getByTestId('consolidate').click();
    await page.getByTestId('consolidation-result').getByText('已生成“汇总”和“明细”').waitFor();
    expect(await seriousAxeViolations(page, 'aside.pane')).toEqual([]);
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await page.locator('aside.pane').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  });
});
