import type { CellValue } from '../../domain/grid/cells';
import { writableSpec, type SheetSpec } from '../../domain/grid/sheetSpec';
import { SharedStrings } from './xlsx/cells';
import { CONTENT_TYPE, Package } from './xlsx/package';
import { StyleTable } from './xlsx/styles';
import { writeWorksheet } from './xlsx/worksheet';
import { el, NS, relsXml, text, textEl, XML_HEADER } from './xlsx/xml';

/**
 * Sheet specs as an .xlsx file (SPEC §11: templates and summaries for people without the add-in), rendered as the
 * Excel adapter renders them into a workbook (workbook/excel/renderSheet.ts): the same marker in A1 of its hidden
 * row, values through writableSpec, a text always a text, formulas in en-US, styles, sizes, merges, validation,
 * conditional formats, protection, frozen panes, table, charts and print setup. Excel recalculates it on open
 * (calcPr fullCalcOnLoad); LibreOffice does not read that and shows a cached result as it is, so a cached result is
 * right or absent. Pure TypeScript over fflate: no Node API, no DOM — it runs in the task pane, in a browser page and
 * in the command line alike (docs/architecture.md "Writing .xlsx files").
 */

export interface XlsxSheet {
  readonly spec: SheetSpec;
  /** Cached result of a formula cell at an A1 address (optional). */
  readonly cached?: (address: string) => CellValue | undefined;
}

export interface XlsxOptions {
  /** The workbook's last-saved time (docProps/core.xml dcterms:modified); default: now. */
  readonly modified?: Date;
  readonly creator?: string;
  /** 0-based index of the sheet shown when the file opens; default 0. */
  readonly activeSheet?: number;
}

const APPLICATION = 'Campaign KPI Tracker';

/** The print title rows of a spec ("$4:$4", "1:6") as the defined name `_xlnm.Print_Titles` of its sheet holds them. */
function printTitles(sheet: string, rows: string): string {
  const m = /^\$?(\d+):\$?(\d+)$/.exec(rows);
  if (!m) throw new RangeError(`print title rows "${rows}" are not rows such as $4:$4`);
  return `'${sheet.replace(/'/g, "''")}'!$${m[1]}:$${m[2]}`;
}

function workbookXml(specs: readonly SheetSpec[], active: number): string {
  const sheets = specs.map((s, i) => el('sheet', { name: s.name, sheetId: i + 1, 'r:id': `rId${i + 1}` }));
  const names = specs.flatMap((s, i) =>
    s.print?.printTitleRows
      ? [
          el(
            'definedName',
            { name: '_xlnm.Print_Titles', localSheetId: i },
            text(printTitles(s.name, s.print.printTitleRows)),
          ),
        ]
      : [],
  );
  return (
    XML_HEADER +
    el(
      'workbook',
      { xmlns: NS.main, 'xmlns:r': NS.r },
      el('workbookPr') +
        el('bookViews', {}, el('workbookView', { activeTab: active })) +
        el('sheets', {}, sheets.join('')) +
        (names.length > 0 ? el('definedNames', {}, names.join('')) : '') +
        // Excel recalculates on open: cached results, where given, are for programs that do not.
        el('calcPr', { calcId: 191029, fullCalcOnLoad: true }),
    )
  );
}

/** W3CDTF as Excel writes it: UTC, whole seconds. */
const w3cdtf = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function coreXml(options: XlsxOptions, modified: Date): string {
  const creator = options.creator ?? APPLICATION;
  const date = (name: string) => textEl(`dcterms:${name}`, w3cdtf(modified), { 'xsi:type': 'dcterms:W3CDTF' });
  return (
    XML_HEADER +
    el(
      'cp:coreProperties',
      {
        'xmlns:cp': 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties',
        'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
        'xmlns:dcterms': 'http://purl.org/dc/terms/',
        'xmlns:dcmitype': 'http://purl.org/dc/dcmitype/',
        'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      },
      textEl('dc:creator', creator) + textEl('cp:lastModifiedBy', creator) + date('created') + date('modified'),
    )
  );
}

function appXml(): string {
  return (
    XML_HEADER +
    el(
      'Properties',
      {
        xmlns: 'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties',
        'xmlns:vt': 'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes',
      },
      textEl('Application', APPLICATION) + textEl('DocSecurity', '0') + textEl('ScaleCrop', 'false'),
    )
  );
}

/** A zip entry's date: DOS dates start in 1980. */
const zipDate = (d: Date): Date => (d.getFullYear() < 1980 ? new Date(1980, 0, 2) : d);

/**
 * The workbook of `sheets`, in order. Programmer misuse throws (no sheet, two sheets of one name, an active sheet
 * that is not there, a spec that no adapter could render: a non-#RRGGBB colour, a list source over 255 characters).
 */
export function writeXlsx(sheets: readonly XlsxSheet[], options: XlsxOptions = {}): Uint8Array {
  if (sheets.length === 0) throw new RangeError('a workbook needs a sheet');
  const seen = new Set<string>();
  for (const { spec } of sheets) {
    if (seen.has(spec.name.toLowerCase())) throw new RangeError(`two sheets named "${spec.name}"`);
    seen.add(spec.name.toLowerCase());
  }
  const active = options.activeSheet ?? 0;
  if (!Number.isInteger(active) || active < 0 || active >= sheets.length)
    throw new RangeError(`active sheet ${active} is not one of the ${sheets.length} sheets`);
  const modified = options.modified ?? new Date();
  const parts = { pkg: new Package(), styles: new StyleTable(), strings: new SharedStrings() };
  const specs = sheets.map((s) => writableSpec(s.spec));
  specs.forEach((spec, i) => {
    const cached = sheets[i]?.cached;
    writeWorksheet({ spec, number: i + 1, active: i === active, ...(cached ? { cached } : {}) }, parts);
  });
  const { pkg } = parts;
  pkg.add('xl/workbook.xml', workbookXml(specs, active), CONTENT_TYPE.workbook);
  pkg.add(
    'xl/_rels/workbook.xml.rels',
    relsXml([
      ...specs.map((_, i) => ({ id: `rId${i + 1}`, type: 'worksheet', target: `worksheets/sheet${i + 1}.xml` })),
      { id: `rId${specs.length + 1}`, type: 'styles', target: 'styles.xml' },
      { id: `rId${specs.length + 2}`, type: 'sharedStrings', target: 'sharedStrings.xml' },
    ]),
  );
  pkg.add('xl/styles.xml', parts.styles.xml(), CONTENT_TYPE.styles);
  pkg.add('xl/sharedStrings.xml', parts.strings.xml(), CONTENT_TYPE.sharedStrings);
  pkg.add(
    '_rels/.rels',
    relsXml([
      { id: 'rId1', type: 'officeDocument', target: 'xl/workbook.xml' },
      {
        id: 'rId2',
        type: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
        target: 'docProps/core.xml',
      },
      { id: 'rId3', type: 'extended-properties', target: 'docProps/app.xml' },
    ]),
  );
  pkg.add('docProps/core.xml', coreXml(options, modified), CONTENT_TYPE.core);
  pkg.add('docProps/app.xml', appXml(), CONTENT_TYPE.app);
  return pkg.zip(zipDate(modified));
}
