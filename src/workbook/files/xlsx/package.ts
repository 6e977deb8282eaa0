import { strToU8, zipSync, type Zippable } from 'fflate';
import { el, XML_HEADER } from './xml';

/**
 * The parts of an .xlsx (an OPC package): each part's XML by its path, its content type, and the zip that holds them,
 * [Content_Types].xml first.
 */

const TYPE = 'application/vnd.openxmlformats-officedocument';
export const CONTENT_TYPE = {
  workbook: `${TYPE}.spreadsheetml.sheet.main+xml`,
  worksheet: `${TYPE}.spreadsheetml.worksheet+xml`,
  styles: `${TYPE}.spreadsheetml.styles+xml`,
  sharedStrings: `${TYPE}.spreadsheetml.sharedStrings+xml`,
  table: `${TYPE}.spreadsheetml.table+xml`,
  drawing: `${TYPE}.drawing+xml`,
  chart: `${TYPE}.drawingml.chart+xml`,
  core: 'application/vnd.openxmlformats-package.core-properties+xml',
  app: `${TYPE}.extended-properties+xml`,
} as const;

export type NumberedPart = 'table' | 'drawing' | 'chart';

export class Package {
  private readonly parts = new Map<string, string>();
  private readonly overrides = new Map<string, string>();
  private readonly numbers: Record<NumberedPart, number> = { table: 0, drawing: 0, chart: 0 };

  /** Adds a part (path without a leading "/"); with a content type, listed by name in [Content_Types].xml. */
  add(path: string, xml: string, contentType?: string): void {
    if (this.parts.has(path)) throw new Error(`part ${path} written twice`);
    this.parts.set(path, xml);
    if (contentType) this.overrides.set(`/${path}`, contentType);
  }

  /** The next number of a kind of part (table1, table2 …), unique in the workbook. */
  next(kind: NumberedPart): number {
    return ++this.numbers[kind];
  }

  private contentTypes(): string {
    const defaults =
      el('Default', { Extension: 'rels', ContentType: 'application/vnd.openxmlformats-package.relationships+xml' }) +
      el('Default', { Extension: 'xml', ContentType: 'application/xml' });
    const overrides = [...this.overrides].map(([PartName, ContentType]) => el('Override', { PartName, ContentType }));
    return (
      XML_HEADER +
      el(
        'Types',
        { xmlns: 'http://schemas.openxmlformats.org/package/2006/content-types' },
        defaults + overrides.join(''),
      )
    );
  }

  /** The zip: deflated, every entry dated `mtime` (so that the same workbook gives the same bytes). */
  zip(mtime: Date): Uint8Array {
    const files: Zippable = { '[Content_Types].xml': strToU8(this.contentTypes()) };
    for (const [path, xml] of this.parts) files[path] = strToU8(xml);
    return zipSync(files, { level: 6, mtime });
  }
}
