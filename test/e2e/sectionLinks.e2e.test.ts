import { BULLETIN_SECTIONS_ZH } from '../fixtures/filledTemplates';
import type { Page } from 'playwright-core';
import type { CellValue } from '../../src/domain/grid/cells';
import { parseCell } from '../../src/domain/grid/address';
import { chromiumAvailable, previewPages, seriousAxeViolations, openConsolidation } from './harness';

/**
 * The pane's links to the 通报's sections and to 汇总's 督办清单 (issue 13), clicked in the preview host (Chromium):
 * after 一键汇总 over the sample workbook, each link activates its sheet and selects the cell that holds the
 * section's heading.
 */
const describeBrowser = chromiumAvailable ? describe : describe.skip;
jest.setTimeout(180_000);

type Preview = { readSheets(names: string[]): Promise<{ values: CellValue[][] }[]> };

describeBrowser('links to the 通报 sections in the preview host (Chromium)', () => {
  const preview = previewPages(openConsolidation);
  let page: Page;
  beforeEach(() => {
    page = preview.page;
  });

  const activeTab = () => page.locator('nav.tabs button.active').textContent();
  const valueAt = (sheet: string, cell: string) =>
    page.evaluate(
      async ([name, row, column]) => {
        const wb = (window as unknown as { __kpiPreview: Preview }).__kpiPreview;
        return (await wb.readSheets([name]))[0]?.values[row - 1]?.[column - 1] ?? null;
      },
      [sheet, parseCell(cell).row, parseCell(cell).column] as const,
    );

  it('each link selects its section heading: 一…六, the annex, and 汇总 督办清单', async () => {
    await page.getByTestId('consolidate').click();
    await page.getByTestId('consolidation-result').getByText('已生成“汇总”和“明细”').waitFor();
    const links = page.getByTestId('consolidation-section');
    const labels = await links.allTextContents();
    expect(labels.slice(0, 6)).toEqual(BULLETIN_SECTIONS_ZH);
    expect(labels).toContain('汇总：督办清单');
    for (const [i, label] of labels.entries()) {
      const link = links.nth(i);
      const sheet = (await link.getAttribute('data-sheet')) ?? '';
      const cell = (await link.getAttribute('data-cell')) ?? '';
      await link.click();
      expect([label, await activeTab()]).toEqual([label, sheet]);
      expect([label, await page.getByTestId('name-box').textContent()]).toEqual([label, cell]);
      const heading = String(await valueAt(sheet, cell));
      if (sheet === '通报' && !label.startsWith('附')) expect(heading).toBe(label);
      else expect(heading.startsWith(label.startsWith('附') ? '附' : '督办清单')).toBe(true);
    }
    // The ranking is listed beside them; the pane with both passes axe (serious and critical).
    expect(await page.getByTestId('consolidation-scores').locator('li').count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(page, 'aside.pane')).toEqual([]);
  });
});
