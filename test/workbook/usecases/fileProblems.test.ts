import { LIMITS } from '../../../src/workbook/files/limits';
import type { FileProblem } from '../../../src/workbook/files/readXlsx';
import { FILE_PROBLEM_KEYS, fileProblemParams } from '../../../src/workbook/usecases/consolidate';
import { translatorFor } from '../../messages';

/**
 * Issue 12: each file problem is said specifically, naming the file (and the sheet, the format, the figures), in
 * Chinese and English — the words the pane's file list and the 明细 sheet show.
 */
const zh = translatorFor('zh-CN');
const en = translatorFor('en-US');
const say = (t: typeof zh, p: FileProblem) =>
  t.problem({ key: FILE_PROBLEM_KEYS[p.code], params: fileProblemParams('发改局.xlsx', p) });

describe('file problems in words', () => {
  it.each<[FileProblem, string]>([
    [
      { code: 'fileTooLarge', count: 25 * 1024 * 1024, limit: LIMITS.fileBytes },
      '文件“发改局.xlsx”过大（25 MB，上限 20 MB），未读取',
    ],
    [
      { code: 'fileExpandsTooMuch', count: 1_800_000_000, limit: LIMITS.inflatedBytes },
      '文件“发改局.xlsx”解压后过大（1716.6 MB，上限 32 MB），可能是异常或恶意构造的文件，未读取',
    ],
    [
      { code: 'tooManyCells', count: 100_112, limit: LIMITS.cells },
      '文件“发改局.xlsx”的单元格过多（读到 100,112 个即停止，每个文件上限 100,000 个），未读取；请删除多余的工作表或内容后发送',
    ],
    [{ code: 'fileTimeout', limit: 20 }, '文件“发改局.xlsx”读取超时（超过 20 秒），已停止读取，未计入汇总'],
    [
      { code: 'sheetMissing', sheet: '乙' },
      '文件“发改局.xlsx”列出的工作表“乙”在文件中缺失或无法读取，未计入汇总；请在 Excel/WPS 中打开、重新保存后发送',
    ],
    [
      { code: 'fileTextFormat', detail: 'CSV' },
      '文件“发改局.xlsx”是 CSV 格式的文本文件，不能作为工作簿读取；请在 Excel/WPS 中打开并另存为 .xlsx 后发送',
    ],
    [{ code: 'fileEncrypted' }, '文件“发改局.xlsx”设有打开密码（已加密），无法读取；请取消密码后重新保存再发送'],
    [
      { code: 'fileNotSpreadsheet' },
      '文件“发改局.xlsx”是文档或演示文稿，不是电子表格，未读取；请发送填报模板所在的工作簿（.xlsx 等）',
    ],
  ])('%j', (p, text) => expect(say(zh, p)).toBe(text));

  it.each(Object.keys(FILE_PROBLEM_KEYS).filter((c) => c !== 'noTemplates') as FileProblem['code'][])(
    '%s: both languages fill every placeholder',
    (code) => {
      const p: FileProblem = { code, sheet: '乙', detail: 'CSV', count: 12, limit: 10 };
      for (const t of [zh, en]) {
        const text = say(t, p);
        expect(text).toContain('发改局.xlsx');
        expect(text).not.toMatch(/\{\w+\}/);
      }
    },
  );
});
