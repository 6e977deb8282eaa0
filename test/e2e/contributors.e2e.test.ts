import type { Page } from 'playwright-core';
import type { CellValue } from '../../src/domain/grid/cells';
import { chromiumAvailable, previewPages } from './harness';

/**
 * 配合部门 end to end in the preview host (Chromium; issue 11, observation 6): the office names 发展改革局 as 配合部门
 * of C2-10 (新增国家高新技术企业, a `sum` indicator) in the sample's 指标库 sheet; 发展改革局 is then offered in 填报单位
 * with its role, inserts its 转型升级 template (only C2-10, its role in 填报单位, no light), fills its share, and
 * 一键汇总 adds it to 经信商务局's 9 and shows 发展改革局 已报 for 转型升级.
 */
const describeBrowser = chromiumAvailable ? describe : describe.skip;
jest.setTimeout(180_000);

/** The sample's 指标库 sheet is written from the built-in plan: C2-10 is its row 22, 配合部门 its column Q. */
const CONTRIBUTORS_CELL = 'Q22';
const SHEET = '转型升级-发展改革局-6月';
/** 经信商务局's C2-10 in the sample (src/preview/sample.ts) and 发展改革局's share typed here. */
const LEAD_C2_10 = 9;
const SHARE = 4;

type Preview = { readSheets(names: string[]): Promise<{ values: CellValue[][] }[]> };

describeBrowser('配合部门 in the preview host (Chromium)', () => {
  const preview = previewPages(async (page, url) => {
    await page.goto(url);
    await page.getByTestId('plan-status').waitFor(); // the workbook's 指标库 has been read
  });
  let page: Page;
  beforeEach(() => {
    page = preview.page;
  });

  const cell = (address: string) => page.locator(`td[data-cell="${address}"]`);
  const sheetTab = (name: string) => page.locator('nav.tabs button', { hasText: new RegExp(`^${name}$`) });
  const paneTab = (name: string) => page.getByRole('tab', { name });
  const bar = () => page.getByTestId('formula-bar');
  async function typeInto(address: string, text: string): Promise<void> {
    await cell(address).click();
    await bar().fill(text);
    await bar().press('Enter');
    if ((await page.getByTestId('refusal').count()) > 0) throw new Error(`${address} refused “${text}”`);
  }
  const read = (sheet: string) =>
    page.evaluate(
      async (name) =>
        (await (window as unknown as { __kpiPreview: Preview }).__kpiPreview.readSheets([name]))[0]?.values ?? [],
      sheet,
    );

  it('发展改革局, named 配合部门 of C2-10 in the 指标库, fills its share; 一键汇总 adds it and shows 已报', async () => {
    // The office names the 配合部门 in the 指标库 sheet.
    await sheetTab('指标库').click();
    await typeInto(CONTRIBUTORS_CELL, '发展改革局');

    // 模板 reads the 指标库 again when it opens: 发展改革局 is offered for 转型升级, with its role.
    await paneTab('校验').click();
    await paneTab('模板').click();
    await page.getByTestId('plan-status').waitFor();
    await page.getByRole('radio', { name: /^转型升级/ }).check();
    const department = page.getByTestId('department');
    await department.locator('option[value="发展改革局"]').waitFor({ state: 'attached' });
    expect(await department.locator('option[value="发展改革局"]').textContent()).toBe('发展改革局（配合部门）');
    await department.selectOption('发展改革局');
    await page.getByText(/配合部门的模板只列出本部门配合的指标/).waitFor();
    await page.getByTestId('month').selectOption('6');
    await page.getByRole('button', { name: '插入模板' }).click();
    await page.getByText(`已插入“${SHEET}”并选中 H7，可以开始填报。`).waitFor();

    // Its template: its role in the header, only C2-10, its share without a light or a 完成率.
    const sheet = await read(SHEET);
    const at = (address: string): CellValue => {
      const m = /^([A-Z])(\d+)$/.exec(address);
      return sheet[Number(m?.[2]) - 1]?.[(m?.[1] ?? 'A').charCodeAt(0) - 65] ?? null;
    };
    expect(['C5', 'M4', 'B7', 'B8', 'J7', 'K7', 'M7'].map(at)).toEqual([
      '发展改革局（配合部门）',
      '发展改革局',
      'C2-10',
      null,
      '—',
      '—',
      '不亮灯',
    ]);
    expect(await cell('C5').textContent()).toBe('发展改革局（配合部门）');
    await typeInto('H7', String(SHARE));
    // no 滞后原因 to give: the cell is locked
    await cell('N7').click();
    await bar().fill('原因');
    await bar().press('Enter');
    await page.getByTestId('refusal').waitFor();
    await page
      .getByRole('button', { name: /取消|重试/ })
      .first()
      .click();

    // 一键汇总: the share is added to 经信商务局's figure; 发展改革局 has reported 转型升级.
    await paneTab('汇总').click();
    await page.getByTestId('consolidate').click();
    await page.getByTestId('consolidation-result').getByText('已生成“汇总”和“明细”').waitFor();
    const summary = await read('汇总');
    expect(summary.find((r) => r[1] === 'C2-10')?.[6]).toBe(LEAD_C2_10 + SHARE);
    const header = summary.findIndex((r) => r.includes('招大引强') && r.includes('转型升级') && r.includes('民生改善'));
    expect(header).toBeGreaterThan(0);
    const campaignColumn = summary[header]?.indexOf('转型升级') ?? -1;
    const ndrc = summary.slice(header + 1).find((r) => r[1] === '发展改革局');
    expect(ndrc?.[campaignColumn]).toBe('已报');
    // 明细 says where the share came from, and that it was added
    const detail = await read('明细');
    expect(
      detail.some((r) => r[2] === 'C2-10' && r[4] === '发展改革局' && r[6] === SHARE && String(r[8]).includes('相加')),
    ).toBe(true);
  });
});
