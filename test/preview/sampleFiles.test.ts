import { builtinPlan } from '../../src/domain/plan/builtin';
import { sampleFiles, SAMPLE_FILES } from '../../src/preview/sampleFiles';
import { loadSampleWorkbook } from '../../src/preview/sample';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import { consolidateWorkbook } from '../../src/workbook/usecases/consolidate';
import { readImportedFiles } from '../../src/workbook/usecases/consolidationSources';

/**
 * The preview's sample mail (issue 13: "one correction, one late file" in the sample itself): imported beside the
 * sample workbook, June's 一键汇总 counts the corrected file and not the first, and says the late one is 逾期.
 */
jest.setTimeout(60_000);

test('the sample files: a correction that supersedes its first sending, and a late file', async () => {
  const files = await sampleFiles();
  expect(files.map((f) => f.name)).toEqual(SAMPLE_FILES.map((f) => f.name));
  const { files: parsed, error } = await readImportedFiles(files);
  expect(error).toBeUndefined();
  expect(parsed.map((p) => [p.problems, p.savedAt, p.savedAtSource])).toEqual(
    SAMPLE_FILES.map((f) => [[], new Date(f.savedAt).toISOString(), 'document']),
  );
  const wb = new MemoryWorkbook();
  await loadSampleWorkbook(wb);
  const outcome = await consolidateWorkbook(wb, { plan: builtinPlan(), files: parsed, reportMonth: 6 });
  expect(outcome.overdue).toEqual([{ department: '经信商务局', campaignId: 'C3' }]);
  const [summary] = await wb.readSheets(['汇总']);
  const row = (code: string) => summary?.values.find((r) => r[1] === code) ?? [];
  expect(row('C2-01')[6]).toBe(1150 + 350); // the correction, not the first sending (300)
  expect(row('C3-07')[6]).toBe(15 + 2);
  const superseded = outcome.result.sources.filter((s) => s.state === 'superseded');
  expect(superseded.map((s) => (s.origin.kind === 'file' ? s.origin.file : s.origin.sheet))).toEqual([
    '发展改革局-转型升级.xlsx',
  ]);
});
