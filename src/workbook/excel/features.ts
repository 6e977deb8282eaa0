/**
 * The optional Excel APIs the adapter uses and the ExcelApi requirement set each needs, as annotated in
 * @types/office-js ("[Api set: ExcelApi 1.x]") and in the Excel requirement-set pages. Anything in ExcelApi 1.1
 * (values, formulas, number formats, fonts, fills, borders, tables, charts) is used unconditionally.
 */
export const FEATURE_REQUIREMENTS = {
  /** Worksheet.getUsedRangeOrNullObject */
  usedRangeOrNullObject: '1.4',
  /** WorksheetCollection.getItemOrNullObject (writeSheets' one-round-trip lookup) */
  itemOrNullObject: '1.4',
  /** Range.merge / unmerge */
  merges: '1.2',
  /** RangeFormat.columnWidth / rowHeight, Range.rowHidden / columnHidden */
  rowColumnSizes: '1.2',
  /** WorksheetProtection.protect / unprotect, FormatProtection.locked */
  protection: '1.2',
  /** Range.conditionalFormats, ConditionalRangeFormat.numberFormat */
  conditionalFormats: '1.6',
  /** Worksheet.freezePanes */
  freezePanes: '1.7',
  /** Worksheet.tabColor */
  tabColor: '1.7',
  /** Range.hyperlink */
  hyperlinks: '1.7',
  /** RangeFormat.useStandardWidth / useStandardHeight (resetting a replaced sheet) */
  standardSizes: '1.7',
  /** Range.dataValidation */
  dataValidation: '1.8',
  /** Worksheet.getRanges (RangeAreas): one proxy for many rectangles of a style */
  rangeAreas: '1.9',
  /** Worksheet.pageLayout */
  print: '1.9',
  /** WorksheetCollection.onChanged */
  changeEvents: '1.9',
  /** Range.getMergedAreasOrNullObject (reading merged areas with the values: merged input cells are a problem) */
  mergedAreas: '1.13',
  /** WorksheetChangedEventArgs.triggerSource: the add-in's own writes told apart from others' */
  triggerSource: '1.14',
} as const;

export type Feature = keyof typeof FEATURE_REQUIREMENTS;

/**
 * Features newer than the manifest's minimum (ExcelApi 1.9): used where the host has them, done without where not
 * (an older Excel reads no merged areas, so merged input cells go unreported there, as in a file reader without them;
 * without triggerSource the add-in's own writes reach its change listeners, as the memory workbook's do).
 */
export const ENHANCEMENTS: readonly Feature[] = ['mergedAreas', 'triggerSource'];

export function requirementOf(feature: Feature): string {
  return `ExcelApi ${FEATURE_REQUIREMENTS[feature]}`;
}

/** Whether this Excel has a feature, asking `isSetSupported` once per feature (the answer does not change). */
export function featureSupport(
  isSetSupported: (name: string, version: string) => boolean,
): (feature: Feature) => boolean {
  const known = new Map<Feature, boolean>();
  return (feature) => {
    let yes = known.get(feature);
    if (yes === undefined) {
      yes = isSetSupported('ExcelApi', FEATURE_REQUIREMENTS[feature]);
      known.set(feature, yes);
    }
    return yes;
  };
}
