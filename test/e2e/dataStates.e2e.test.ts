import type { Page } from 'playwright-core';
import type { CellValue } from '../../src/domain/grid/cells';
import { chromiumAvailable, previewPages } from './harness';

/**
 * Data states beside the light in the preview host (Chromium; SPEC §6, issue 11, observations 1 and 5): the June
 * sample's C2-07 holds 2,350,000 — 万元 typed into an 亿元 cell whose target is 480 — and must never reach the leaders
 * as 绿. Its template row says 数据有误; consolidated, 汇总 says 数据有误 and names the cell, the pane counts it. A value
 * 20× the target is 待核实 until the department writes 已核实 in its 备注.
 */
const describeBrowser = chromiumAvailable ? describe : describe.skip;
jest.setTimeout(180_000);

const C2 = '转型升级-经信商务局-6月';

type Preview = { readSheets(names: string[]): Promise<{ values: CellValue[][] }[]> };

describeBrowser('data states in the preview host (Chromium)', () => {
  const preview = previewPages();
  let page: Page;
  beforeEach(() => {
    page = preview.page;
  });

  const cell = (address: string) => page.locator(`td[data-cell="${address}"]`);
  /** Shows a sheet of the workbook, and waits until the grid does. */
  const showSheet = async (name: string) => {
    await page.locator('nav.tabs button', { hasText: new RegExp(`^${name}$`) }).click();
    await page.waitForFunction((n) => document.querySelector('nav.tabs button.active')?.textContent === n, name);
  };
  const summaryRow = async (code: string): Promise<CellValue[]> => {
    const values = await page.evaluate(
      async () =>
        (await (window as unknown as { __kpiPreview: Preview }).__kpiPreview.readSheets(['汇总']))[0]?.values ?? [],
    );
    return values.find((r) => r[1] === code) ?? [];
  };
  /** A value arriving by paste (data validation does not look), as the department's sheet receives it. */
  const paste = (sheet: string, address: string, value: string | number) =>
    page.evaluate(
      ([s, a, v]) =>
        (
          window as unknown as {
            __kpiPreview: {
              writeCells(c: { sheet: string; address: string; value: string | number }[]): Promise<void>;
            };
          }
        ).__kpiPreview.writeCells([{ sheet: s, address: a, value: v }]),
      [sheet, address, value] as const,
    );
  const consolidate = async () => {
    await page.getByRole('tab', { name: '汇总' }).click();
    await page.getByTestId('consolidate').click();
    await page.getByTestId('consolidation-result').getByText('已生成“汇总”和“明细”').waitFor();
  };

  it('the June sample consolidated: C2-07 is 数据有误, never 绿 — in its template, in 汇总 (its cell named) and in the pane', async () => {
    await showSheet(C2);
    expect(await cell('B13').textContent()).toBe('C2-07');
    expect([await cell('J13').textContent(), await cell('K13').textContent()]).toEqual(['', '']);
    expect(await cell('M13').textContent()).toBe('数据有误');

    await consolidate();
    const row = await summaryRow('C2-07');
    expect(row[11]).toBe('数据有误');
    expect(row[15]).toBe(`数据有误：${C2}!H13`);
    expect([row[6], row[7], row[8]]).toEqual([null, null, null]);
    // as the office sees it on the 汇总 sheet: the 状态 cell of the row shows the words, not a light
    const at = await page.locator('td[data-cell^="B"]', { hasText: /^C2-07$/ }).getAttribute('data-cell');
    const r = Number(at?.slice(1));
    expect(await cell(`L${r}`).textContent()).toBe('数据有误');
    const counts = await page.getByTestId('consolidation-counts').textContent();
    expect(counts).toContain('未填报 1，数据有误 4，待核实 0');
  });

  it('20× the target: 待核实 in the template and in 汇总, counted with its light; 已核实 in 备注 confirms it', async () => {
    await paste(C2, 'H13', 9600);
    await showSheet(C2);
    expect(await cell('M13').textContent()).toBe('待核实');
    expect(await cell('J13').textContent()).toBe('2000.0%');
    await consolidate();
    let row = await summaryRow('C2-07');
    expect([row[6], row[11], row[15]]).toEqual([9600, 3, `待核实：${C2}!H13`]);
    expect(await page.getByTestId('consolidation-counts').textContent()).toContain('待核实 1');

    await paste(C2, 'O13', '已核实：含两家新投产企业');
    await showSheet(C2);
    expect(await cell('M13').textContent()).toBe('绿');
    await consolidate();
    row = await summaryRow('C2-07');
    expect([row[11], row[15]]).toEqual([3, null]);
    expect(await page.getByTestId('consolidation-counts').textContent()).toContain('待核实 0');
  });
});
