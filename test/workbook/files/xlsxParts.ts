import { XMLParser } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';

/**
 * An .xlsx's parts as text and as parsed XML (fast-xml-parser: an XML reader independent of the writer), for tests
 * that look at what a file says rather than at what a reader makes of it.
 */

export type Xml = { readonly [key: string]: unknown };

/** Elements that may repeat are always lists, so that one and many read alike. */
const LISTS = new Set([
  'sheet',
  'row',
  'c',
  'col',
  'mergeCell',
  'dataValidation',
  'conditionalFormatting',
  'cfRule',
  'formula',
  'hyperlink',
  'definedName',
  'Relationship',
  'Override',
  'Default',
  'numFmt',
  'font',
  'fill',
  'border',
  'xf',
  'dxf',
  'si',
  'tableColumn',
  'selection',
  'c:ser',
  'xdr:twoCellAnchor',
  'c:pt',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  htmlEntities: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => LISTS.has(name),
});

export function unzipParts(bytes: Uint8Array): Map<string, string> {
  const files = unzipSync(bytes);
  return new Map(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

export function parseXml(text: string): Xml {
  return parser.parse(text, true) as Xml;
}

/** A child element (or attribute, "@name") by path; undefined where the path ends. */
export function at(x: unknown, ...path: string[]): unknown {
  let node = x;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Xml)[key];
  }
  return node;
}

export function list(x: unknown, ...path: string[]): Xml[] {
  const v = at(x, ...path);
  return Array.isArray(v) ? (v as Xml[]) : v === undefined ? [] : [v as Xml];
}

export function attr(x: unknown, name: string): string | undefined {
  const v = at(x, `@${name}`);
  return typeof v === 'string' ? v : undefined;
}

/** An element's text (with or without attributes of its own). */
export function textOf(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  const t = at(x, '#text');
  return typeof t === 'string' ? t : undefined;
}

/** The parsed worksheet part of a sheet, found by its name through workbook.xml and its relationships. */
export function worksheetPart(parts: ReadonlyMap<string, string>, sheet: string): { path: string; xml: Xml } {
  const workbook = parseXml(parts.get('xl/workbook.xml') ?? '');
  const entry = list(workbook, 'workbook', 'sheets', 'sheet').find((s) => attr(s, 'name') === sheet);
  const rels = parseXml(parts.get('xl/_rels/workbook.xml.rels') ?? '');
  const rel = list(rels, 'Relationships', 'Relationship').find((r) => attr(r, 'Id') === attr(entry, 'r:id'));
  const path = `xl/${attr(rel, 'Target') ?? ''}`;
  const text = parts.get(path);
  if (text === undefined) throw new Error(`no worksheet part for ${sheet}`);
  return { path, xml: parseXml(text) };
}

/** The parsed relationships of a part ("xl/worksheets/sheet1.xml" → its _rels), targets resolved to part paths. */
export function relationshipsOf(
  parts: ReadonlyMap<string, string>,
  part: string,
): { id: string; type: string; target: string; external: boolean }[] {
  const dir = part.slice(0, part.lastIndexOf('/'));
  const text = parts.get(`${dir}/_rels/${part.slice(dir.length + 1)}.rels`);
  if (text === undefined) return [];
  return list(parseXml(text), 'Relationships', 'Relationship').map((r) => {
    const external = attr(r, 'TargetMode') === 'External';
    const target = attr(r, 'Target') ?? '';
    return {
      id: attr(r, 'Id') ?? '',
      type: attr(r, 'Type') ?? '',
      target: external ? target : resolve(dir, target),
      external,
    };
  });
}

function resolve(dir: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const out = dir === '' ? [] : dir.split('/');
  for (const piece of target.split('/')) {
    if (piece === '..') out.pop();
    else if (piece !== '.') out.push(piece);
  }
  return out.join('/');
}
