import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { chromiumAvailable, download, openTemplates, previewPages } from './harness';
import { expectedTemplates, expectTemplateFile } from './templateFile';

/**
 * 导出模板 in the task pane's 模板 tab (issue 14), in the preview host, whose delivery is a download (as on Excel on
 * the web): June 2019's templates for every department of every campaign of the workbook's 指标库 (the sample's, the
 * built-in 2019 plan), each file and the .zip of all downloaded and read back with the add-in's reader — native
 * formulas, each with its cached result — while the open workbook is left as it was.
 */
const describeBrowser = chromiumAvailable ? describe : describe.skip;
jest.setTimeout(120_000);

describeBrowser('导出模板 in the 模板 tab of the preview host (Chromium)', () => {
  const preview = previewPages(openTemplates);
  let page: Page;
  beforeEach(() => {
    page = preview.page;
  });

  it('exports June 2019’s templates as downloads: each file and the .zip, read back; the workbook untouched', async () => {
    const tabs = await page.locator('nav.tabs button').allTextContents();
    await page.getByTestId('month').selectOption('6');
    const button = page.getByTestId('export-templates');
    expect(await button.textContent()).toBe('导出 2019年6月模板');
    await button.click();
    const result = page.getByTestId('export-result');
    await result.waitFor();
    const expected = expectedTemplates(2019, 6);
    expect(expected.length).toBeGreaterThanOrEqual(5); // at least each campaign's lead department
    expect(await result.textContent()).toBe(`已生成 ${expected.length} 个模板（2019年6月）。`);
    const links = page.getByTestId('export-file');
    expect(await links.allTextContents()).toEqual(expected.map((e) => e.fileName));

    // The last file (民生改善): the link is the file it names.
    const last = expected[expected.length - 1];
    if (!last) throw new Error('no template');
    const one = await download(page, links.last());
    expect(one.name).toBe(last.fileName);
    expectTemplateFile(one.bytes, { ...last, year: 2019, month: 6 });

    const all = await download(page, page.getByTestId('export-zip'));
    expect(all.name).toBe('templates-2019-6.zip');
    const entries = unzipSync(all.bytes);
    expect(Object.keys(entries)).toEqual(expected.map((e) => e.fileName));
    expect(Buffer.from(entries[last.fileName] ?? []).equals(one.bytes)).toBe(true);
    for (const e of expected)
      expectTemplateFile(entries[e.fileName] ?? new Uint8Array(), { ...e, year: 2019, month: 6 });

    // Exporting writes files only: the open workbook has the same sheets as before.
    expect(await page.locator('nav.tabs button').allTextContents()).toEqual(tabs);
  });
});
