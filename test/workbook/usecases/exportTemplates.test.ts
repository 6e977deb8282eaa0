import { listedMarkerOf } from '../../../src/domain/grid/ownSheets';
import { builtinPlan } from '../../../src/domain/plan/builtin';
import { FileWorkbook } from '../../../src/workbook/files/fileWorkbook';
import { readXlsx } from '../../../src/workbook/files/readXlsx';
import { exportTemplates, safeFilePart, templateFileName } from '../../../src/workbook/usecases/exportTemplates';
import { contributorPlan, FINANCE, LEAD_C2, NDRC } from '../../domain/contributorPlan';

/** 导出模板 (issue 14): one file per department of every campaign, the template 插入模板 makes, named for people. */

describe('exportTemplates', () => {
  test('the built-in plan: one file per campaign’s department, each its June template with its marker', async () => {
    const files = await exportTemplates({ plan: builtinPlan(), year: 2019, month: 6 }, () => new FileWorkbook());
    expect(files.map((f) => f.fileName)).toEqual([
      '招大引强-投资促进中心-2019年6月.xlsx',
      '转型升级-经信商务局-2019年6月.xlsx',
      '项目建设-发展改革局-2019年6月.xlsx',
      '城市提质-建设交通局-2019年6月.xlsx',
      '民生改善-社会发展局-2019年6月.xlsx',
    ]);
    for (const f of files) {
      const read = readXlsx(f.fileName, f.bytes);
      expect(read.problems).toEqual([]);
      expect(read.sheets.map((s) => s.name)).toEqual([f.sheet]);
      expect(listedMarkerOf(read.sheets[0]?.values ?? []).marker).toMatchObject({
        type: 'kpi-template',
        campaign: f.campaignId,
        department: f.department,
        year: 2019,
        month: 6,
      });
    }
  });

  test('配合部门 get their share templates too, with their role; one campaign only when asked', async () => {
    const files = await exportTemplates(
      { plan: contributorPlan(), year: 2019, month: 3, campaigns: ['C2'] },
      () => new FileWorkbook(),
    );
    expect(files.map((f) => [f.department, f.role])).toEqual([
      [LEAD_C2, 'lead'],
      [NDRC, 'contributor'],
      [FINANCE, 'contributor'],
    ]);
    const share = files.find((f) => f.department === NDRC);
    const marker = listedMarkerOf(readXlsx('x.xlsx', share?.bytes ?? new Uint8Array()).sheets[0]?.values ?? []).marker;
    expect(marker).toMatchObject({ role: 'contributor', month: 3 });
  });

  test.each([
    ['招大引强', '投资促进中心', '招大引强-投资促进中心-2019年6月.xlsx'],
    ['A/B:C', '局*?"<>|', 'A_B_C-局______-2019年6月.xlsx'],
    ['  ..', '\u0001局', '_-_局-2019年6月.xlsx'],
  ])('file names any file system takes: %s, %s', (campaign, department, name) => {
    expect(templateFileName(campaign, department, 2019, 6)).toBe(name);
  });

  test('safeFilePart never returns an empty name', () => {
    expect(safeFilePart('...')).toBe('_');
  });
});
