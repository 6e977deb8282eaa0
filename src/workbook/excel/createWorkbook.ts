/**
 * 导出模板 in Excel desktop: a new workbook opened with an .xlsx file (Excel.createWorkbook, ExcelApi 1.8), the file
 * given as Base64. The new workbook is the user's to save (Excel names it Book1, 工作簿1…: the pane shows the name
 * to save it under). One call, no sync of this workbook's context.
 */
export async function openAsNewWorkbook(bytes: Uint8Array): Promise<void> {
  await Excel.createWorkbook(toBase64(bytes));
}

/** Base64 of bytes, in slices (String.fromCharCode over a whole file would overflow the argument list). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const slice = 0x8000;
  for (let i = 0; i < bytes.length; i += slice) binary += String.fromCharCode(...bytes.subarray(i, i + slice));
  return btoa(binary);
}
