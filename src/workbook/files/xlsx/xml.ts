/**
 * Text into SpreadsheetML, never lost: XML 1.0 cannot carry most control characters (U+0000–U+0008, U+000B, U+000C,
 * U+000E–U+001F), U+FFFE, U+FFFF or a lone surrogate, so they are written as Excel writes them, `_xHHHH_` (ECMA-376
 * Part 1, §22.9.2.19 ST_Xstring), and Excel, LibreOffice and SheetJS read them back as the character. A text that
 * already holds `_xHHHH_` has its underscore written `_x005F_`, so that it is not decoded into something else.
 */

/**
 * A surrogate pair (kept), or what must be escaped: a forbidden character, a lone surrogate, a `_x…_` lookalike, and
 * a carriage return, which XML would turn into a line feed when read (Excel writes it `_x000D_` too).
 */
const UNREPRESENTABLE =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this escapes
  /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF\uD800-\uDFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;

const hex4 = (c: string): string =>
  c.length === 2 ? c : `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;

/** A string as ST_Xstring: every character XML cannot hold (and a literal `_x` escape's underscore) escaped. */
export function xstring(text: string): string {
  return text.replace(UNREPRESENTABLE, hex4);
}

const TEXT_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTR_ENTITIES: Readonly<Record<string, string>> = {
  ...TEXT_ENTITIES,
  '"': '&quot;',
  "'": '&apos;',
  // An attribute's tab and line breaks would be read back as spaces (XML attribute-value normalisation).
  '\t': '&#9;',
  '\n': '&#10;',
};

/** Element content: `xstring`, then the XML metacharacters. */
export function text(value: string): string {
  return xstring(value).replace(/[&<>]/g, (c) => TEXT_ENTITIES[c] ?? c);
}

/** An attribute value (in double quotes). */
export function attrValue(value: string): string {
  return xstring(value).replace(/[&<>"'\t\n]/g, (c) => ATTR_ENTITIES[c] ?? c);
}

export type Attrs = Readonly<Record<string, string | number | boolean | undefined>>;

/** ` name="value"` for each attribute given (undefined: left out; booleans as 1 and 0, as SpreadsheetML spells them). */
export function attrs(a: Attrs): string {
  let out = '';
  for (const [name, v] of Object.entries(a)) {
    if (v === undefined) continue;
    out += ` ${name}="${typeof v === 'boolean' ? (v ? '1' : '0') : typeof v === 'number' ? num(v) : attrValue(v)}"`;
  }
  return out;
}

/** An element: `<name …/>` when it has no content, else `<name …>content</name>` (content already XML). */
export function el(name: string, a: Attrs = {}, content?: string): string {
  return content === undefined || content === '' ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${content}</${name}>`;
}

/** An element whose content is a text (escaped here), its spaces kept. */
export function textEl(name: string, value: string, a: Attrs = {}): string {
  const preserve = /^\s|\s$|[\n\t]/.test(value) ? { 'xml:space': 'preserve' } : {};
  return `<${name}${attrs({ ...a, ...preserve })}>${text(value)}</${name}>`;
}

/** A number as xsd:double spells it (no "-0"); a non-finite number is a programmer's error here. */
export function num(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  return Object.is(n, -0) ? '0' : String(n);
}

export const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
  relType: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  drawing: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  chart: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
} as const;

/** A relationships part. */
export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external?: boolean;
}

export function relsXml(rels: readonly Relationship[]): string {
  const items = rels.map((r) =>
    el('Relationship', {
      Id: r.id,
      Type: r.type.startsWith('http') ? r.type : `${NS.relType}/${r.type}`,
      Target: r.target,
      TargetMode: r.external ? 'External' : undefined,
    }),
  );
  return XML_HEADER + el('Relationships', { xmlns: NS.rels }, items.join(''));
}

/** "#1F4E79" (or "#abc") as SpreadsheetML's ARGB "FF1F4E79"; anything else is a builder's error. */
export function argb(color: string): string {
  const six = /^#([0-9a-f]{6})$/i.exec(color)?.[1];
  const three = /^#([0-9a-f]{3})$/i.exec(color)?.[1];
  const rgb = six ?? (three ? [...three].map((c) => c + c).join('') : undefined);
  if (rgb === undefined) throw new RangeError(`colour "${color}" is not #RRGGBB`);
  return `FF${rgb.toUpperCase()}`;
}
