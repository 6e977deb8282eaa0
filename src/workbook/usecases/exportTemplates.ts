import type { FormulaMode } from '../../domain/calc/formulas';
import { campaignDepartments, type DepartmentRole } from '../../domain/plan/departments';
import type { Plan } from '../../domain/plan/schema';
import type { WorkbookPort } from '../port';
import { insertTemplate } from './templates';

/**
 * 导出模板 (SPEC §11, issue 14): the month's templates as files, one workbook per department and campaign — the lead
 * department, the responsible ones and every 配合部门 — for departments on WPS, LibreOffice or Excel without the
 * add-in. Each is the same template 插入模板 inserts (the same use case, over a fresh file workbook): the same
 * marker, layout, validation, protection, formats and print setup; native formulas by default, since the file will
 * be opened where the KPI functions are not.
 *
 * The caller chooses the file adapter (`open`: entries choose adapters) and delivers the files as its host allows:
 * the command line writes them to a folder, the files page and the task pane offer downloads, Excel desktop opens a
 * new workbook with one.
 */

/** A workbook the use case can fill and then save as an .xlsx file (the file adapter). */
export interface SavableWorkbook extends WorkbookPort {
  save(options?: { readonly modified?: Date }): Uint8Array;
}

export interface ExportTemplatesRequest {
  readonly plan: Plan;
  readonly year: number;
  readonly month: number;
  /** Default 'native': files are opened without the add-in. */
  readonly mode?: FormulaMode;
  /** Only these campaigns (ids); default every campaign. */
  readonly campaigns?: readonly string[];
  /** The files' own last-saved time (default now). */
  readonly modified?: Date;
}

export interface TemplateFile {
  /** "{攻坚战}-{部门}-{年}年{月}月.xlsx", made safe for every file system. */
  readonly fileName: string;
  readonly campaignId: string;
  readonly campaign: string;
  readonly department: string;
  readonly role: DepartmentRole;
  /** The sheet inside (the template's own name). */
  readonly sheet: string;
  readonly bytes: Uint8Array;
}

/** Every template of the month, in plan order: per campaign, its departments as the 模板 tab lists them. */
export async function exportTemplates(
  request: ExportTemplatesRequest,
  open: () => SavableWorkbook,
): Promise<TemplateFile[]> {
  const { plan, year, month } = request;
  const mode = request.mode ?? 'native';
  const wanted = request.campaigns ? new Set(request.campaigns) : undefined;
  const files: TemplateFile[] = [];
  const taken = new Set<string>();
  for (const campaign of plan.campaigns) {
    if (wanted && !wanted.has(campaign.id)) continue;
    for (const { name: department, role } of campaignDepartments(campaign)) {
      const workbook = open();
      const inserted = await insertTemplate(workbook, { plan, campaignId: campaign.id, department, year, month, mode });
      const fileName = uniqueFileName(templateFileName(campaign.name, department, year, month), taken);
      files.push({
        fileName,
        campaignId: campaign.id,
        campaign: campaign.name,
        department,
        role,
        sheet: inserted.sheet,
        bytes: workbook.save({ modified: request.modified ?? new Date() }),
      });
    }
  }
  return files;
}

/** "{攻坚战}-{部门}-{年}年{月}月.xlsx" with characters no file system takes (\/:*?"<>| and controls) replaced by _. */
export function templateFileName(campaign: string, department: string, year: number, month: number): string {
  return `${safeFilePart(campaign)}-${safeFilePart(department)}-${year}年${month}月.xlsx`;
}

export function safeFilePart(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const safe = text.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  return safe === '' ? '_' : safe;
}

/** A name not yet given (ignoring case, as Windows and macOS compare): "(2)" before the extension when it was. */
function uniqueFileName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = name.replace(/\.xlsx$/, ` (${i}).xlsx`);
  taken.add(candidate.toLowerCase());
  return candidate;
}
