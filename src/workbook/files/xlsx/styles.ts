import type { BorderSpec, ConditionalFormatSpec, StyleSpec } from '../../../domain/grid/sheetSpec';
import { argb, el, NS, XML_HEADER } from './xml';

/**
 * styles.xml from the specs' named styles: fonts, fills, borders, number formats and cell formats (xf) each written
 * once however many sheets and cells use them, and one differential format (dxf) per conditional format's look.
 */

/** Built-in number formats that read the same in every locale (ECMA-376 Part 1, §18.8.30); others get ids from 164. */
const BUILTIN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '@': 49,
};
const FIRST_CUSTOM_FORMAT = 164;

/**
 * The workbook's default font. Calibri 11 is the font the column widths assume (a widest digit of 7 px, as
 * renderSheet.charactersToPoints does); LibreOffice substitutes the metric-compatible Carlito, and a Chinese Excel
 * or WPS draws the Chinese characters with its own fallback font, as it does for any file made in an English Excel.
 */
export const DEFAULT_FONT = { name: 'Calibri', size: 11 } as const;

/** Strings kept once each, numbered in the order first seen. */
class Interned {
  private readonly ids = new Map<string, number>();
  readonly items: string[] = [];

  constructor(initial: readonly string[]) {
    for (const item of initial) this.id(item);
  }

  id(item: string): number {
    let id = this.ids.get(item);
    if (id === undefined) {
      id = this.items.length;
      this.ids.set(item, id);
      this.items.push(item);
    }
    return id;
  }

  xml(name: string): string {
    return el(name, { count: this.items.length }, this.items.join(''));
  }
}

const colorEl = (color: string): string => el('color', { rgb: argb(color) });

function fontXml(font: StyleSpec['font'] = {}): string {
  const name = font.name ?? DEFAULT_FONT.name;
  return el(
    'font',
    {},
    (font.bold ? el('b') : '') +
      (font.italic ? el('i') : '') +
      el('sz', { val: font.size ?? DEFAULT_FONT.size }) +
      (font.color ? colorEl(font.color) : '') +
      el('name', { val: name }) +
      (name === DEFAULT_FONT.name ? el('family', { val: 2 }) : ''),
  );
}

const solidFill = (color: string): string =>
  el(
    'fill',
    {},
    el('patternFill', { patternType: 'solid' }, el('fgColor', { rgb: argb(color) }) + el('bgColor', { indexed: 64 })),
  );

/** The four sides of a cell; the spec's border is every cell's outer and inner lines, so each cell has all four. */
function borderXml(border: BorderSpec | undefined): string {
  const side = (name: string): string =>
    border ? el(name, { style: border.style }, el('color', { rgb: argb(border.color) })) : el(name);
  return el('border', {}, side('left') + side('right') + side('top') + side('bottom') + el('diagonal'));
}

export class StyleTable {
  private readonly fonts = new Interned([fontXml()]);
  private readonly fills = new Interned([
    el('fill', {}, el('patternFill', { patternType: 'none' })),
    el('fill', {}, el('patternFill', { patternType: 'gray125' })),
  ]);
  private readonly borders = new Interned([borderXml(undefined)]);
  private readonly customFormats = new Map<string, number>();
  private readonly xfs = new Interned([el('xf', { numFmtId: 0, fontId: 0, fillId: 0, borderId: 0, xfId: 0 })]);
  private readonly dxfs = new Interned([]);

  /** The id of a number format: a built-in one's, else a custom one's (from 164, in the order first used). */
  numberFormatId(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.customFormats.get(code);
    if (id === undefined) {
      id = FIRST_CUSTOM_FORMAT + this.customFormats.size;
      this.customFormats.set(code, id);
    }
    return id;
  }

  /** The cell format (index into cellXfs) of a style with a number format (the cell's own, else the style's). */
  cellFormat(style: StyleSpec | undefined, numberFormat: string | undefined): number {
    const s = style ?? {};
    const numFmtId = numberFormat === undefined ? 0 : this.numberFormatId(numberFormat);
    const fontId = s.font ? this.fonts.id(fontXml(s.font)) : 0;
    const fillId = s.fill ? this.fills.id(solidFill(s.fill)) : 0;
    const borderId = s.border ? this.borders.id(borderXml(s.border)) : 0;
    const alignment =
      s.horizontal || s.vertical || s.wrap
        ? el('alignment', { horizontal: s.horizontal, vertical: s.vertical, wrapText: s.wrap ? true : undefined })
        : '';
    // Every cell is locked unless its style says otherwise (the sheet protection then guards only the others).
    const protection = s.locked === false ? el('protection', { locked: false }) : '';
    const xf = el(
      'xf',
      {
        numFmtId,
        fontId,
        fillId,
        borderId,
        xfId: 0,
        applyNumberFormat: numFmtId !== 0 || undefined,
        applyFont: fontId !== 0 || undefined,
        applyFill: fillId !== 0 || undefined,
        applyBorder: borderId !== 0 || undefined,
        applyAlignment: alignment !== '' || undefined,
        applyProtection: protection !== '' || undefined,
      },
      alignment + protection,
    );
    return this.xfs.id(xf);
  }

  /** The differential format of a conditional format's look. */
  differentialFormat(format: ConditionalFormatSpec['format']): number {
    const font =
      format.bold !== undefined || format.fontColor
        ? el(
            'font',
            {},
            (format.bold !== undefined ? el('b', { val: format.bold }) : '') +
              (format.fontColor ? colorEl(format.fontColor) : ''),
          )
        : '';
    const numFmt = format.numberFormat
      ? el('numFmt', { numFmtId: this.numberFormatId(format.numberFormat), formatCode: format.numberFormat })
      : '';
    // Both colours: Excel reads a dxf's solid fill from bgColor, other readers from fgColor.
    const fill = format.fill
      ? el(
          'fill',
          {},
          el(
            'patternFill',
            { patternType: 'solid' },
            el('fgColor', { rgb: argb(format.fill) }) + el('bgColor', { rgb: argb(format.fill) }),
          ),
        )
      : '';
    return this.dxfs.id(el('dxf', {}, font + numFmt + fill));
  }

  xml(): string {
    const numFmts = [...this.customFormats].map(([formatCode, numFmtId]) => el('numFmt', { numFmtId, formatCode }));
    return (
      XML_HEADER +
      el(
        'styleSheet',
        { xmlns: NS.main },
        (numFmts.length > 0 ? el('numFmts', { count: numFmts.length }, numFmts.join('')) : '') +
          this.fonts.xml('fonts') +
          this.fills.xml('fills') +
          this.borders.xml('borders') +
          el('cellStyleXfs', { count: 1 }, el('xf', { numFmtId: 0, fontId: 0, fillId: 0, borderId: 0 })) +
          this.xfs.xml('cellXfs') +
          el('cellStyles', { count: 1 }, el('cellStyle', { name: 'Normal', xfId: 0, builtinId: 0 })) +
          this.dxfs.xml('dxfs'),
      )
    );
  }
}
