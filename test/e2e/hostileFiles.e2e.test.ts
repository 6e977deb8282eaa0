import type { Page } from 'playwright-core';
import { builtinPlan } from '../../src/domain/plan/builtin';
import { buildTemplate } from '../../src/domain/template/template';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import { HOSTILE } from '../workbook/files/hostile';
import { saveAsXlsx } from '../workbook/files/xlsxFixture';
import { chromiumAvailable, previewPages, openConsolidation } from './harness';

/**
 * Issue 12, observation 1, through the pane's real path (file input → File.size → arrayBuffer → parseFiles → the
 * Web Worker → readXlsx): the 40-sheet zip bomb, generated here, is refused with its message while a good file beside
 * it is read. Before, the list stayed on "正在读取…" and Chromium grew to 6.9 GB.
 */
const describeBrowser = chromiumAvailable ? describe : describe.skip;
jest.setTimeout(180_000);

const build = (name: string): Buffer => {
  const h = HOSTILE.find((x) => x.name === name);
  if (!h) throw new Error(name);
  return Buffer.from(h.build());
};

describeBrowser('hostile files in the preview host (Chromium)', () => {
  const preview = previewPages(openConsolidation);
  let page: Page;
  beforeEach(() => {
    page = preview.page;
  });

  it('refuses the zip bomb, the lying file and the encrypted one, each by name, and reads the good file beside them', async () => {
    const wb = new MemoryWorkbook();
    const spec = buildTemplate({
      plan: builtinPlan(),
      campaignId: 'C2',
      department: '发展改革局',
      year: 2019,
      month: 6,
      mode: 'kpi',
    });
    await wb.writeSheet(spec);
    const good = Buffer.from(await saveAsXlsx(wb));
    const mime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const hostile = ['炸弹40.xlsx', '谎报大小.xlsx', '加密.xlsx'].map((name) => ({
      name,
      mimeType: mime,
      buffer: build(name),
    }));
    await page
      .getByTestId('import-input')
      .setInputFiles([...hostile, { name: '发展改革局.xlsx', mimeType: mime, buffer: good }]);
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="file-status"]')].length === 4 &&
        [...document.querySelectorAll('[data-testid="file-status"]')].every(
          (e) => !/正在读取/.test(e.textContent ?? ''),
        ),
    );
    const list = page.getByTestId('consolidation-files');
    await list
      .getByText(/文件“炸弹40\.xlsx”解压后过大（[\d.]+ MB，上限 32 MB），可能是异常或恶意构造的文件，未读取/)
      .waitFor();
    await list.getByText(/文件“谎报大小\.xlsx”无法读取/).waitFor();
    await list.getByText('文件“加密.xlsx”设有打开密码（已加密），无法读取；请取消密码后重新保存再发送').waitFor();
    expect(await page.getByTestId('file-status').allTextContents()).toEqual([
      expect.stringMatching(/无法读取|未读取/),
      expect.stringMatching(/无法读取|未读取/),
      expect.stringMatching(/无法读取|未读取/),
      '已读取：1 张填报模板',
    ]);
  });
});
