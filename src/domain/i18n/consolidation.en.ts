import type { ConsolidationMessageKey } from './consolidation.zh';

/** 一键汇总's problems, states and words (SPEC §8), and the problems of imported files. English. */
export const CONSOLIDATION_EN: Readonly<Record<ConsolidationMessageKey, string>> = {
  'consolidation.noSources':
    "No reporting templates were found: insert templates and fill them in, or import the departments' .xlsx files",
  'consolidation.otherPeriod':
    'This sheet reports {year}-{month}, but the consolidation is for {periodYear}-{periodMonth}; it is left out',
  'consolidation.conflict':
    '{department} submitted "{campaign}" for {year}-{month} {count, plural, one {# time} other {# times}} (see also {others}); none is used until the office decides which one counts',
  'consolidation.conflictIdentical':
    '{department} submitted "{campaign}" for {year}-{month} {count, plural, one {# time} other {# times}} with the same content (see also {others}); delete the extra copy and it will be used',
  'consolidation.superseded':
    '{department} sent "{campaign}" for {year}-{month} again, saved later ({by}), which counts; this one is superseded and not used',
  'consolidation.supersededByPick':
    'For {department}\'s "{campaign}" of {year}-{month} the office chose {by} (Use this one); this one is superseded and not used',
  'consolidation.pickGone':
    'The choice of {picked} for {department}\'s "{campaign}" of {year}-{month} is cancelled: that sheet is no longer among the sources',
  'consolidation.pickOvertaken':
    'The choice of {picked} for {department}\'s "{campaign}" of {year}-{month} is cancelled: {by} was sent since, saved later',
  'consolidation.picksUnreadable':
    '{count, plural, one {# choice (Use this one) in the marker of the summary sheet cannot be read and is} other {# choices (Use this one) in the marker of the summary sheet cannot be read and are}} cancelled; choose again in the task pane',
  'consolidation.structure':
    'The structure of this sheet is broken, so the whole sheet is left out; correct it as the other problems of this sheet say',
  'consolidation.noPeriod': 'The report period cannot be read, so the whole sheet is left out',
  'consolidation.missing': '{department} has not submitted "{campaign}" for {year}-{month}',
  'consolidation.singleDiffers':
    '{code} "{name}" is reported by {responsible} ({responsibleValue}); the {field} {value} from {department} differs and is not used',
  'consolidation.singleNotResponsible':
    '{code} "{name}" is reported by {responsible}, who has no valid value; the {field} {value} from {department} is not used',
  'consolidation.priorNotApplicable':
    '{code} "{name}" is not a growth indicator; "{value}" in the prior-year column is not used',
  'consolidation.lagWithoutReason':
    '{code} "{name}" is {light} after consolidation, but no department wrote a reason and next steps',
  'consolidation.outOfRange':
    '{code} "{name}": the consolidated result is beyond what an Excel number can hold, so 汇总 shows #NUM!; {department}\'s {field} {value} is counted in it: check it',
  'consolidation.calcFailed':
    'The attainment or status of {code} "{name}" cannot be computed ({problem}); check the plan targets and the values',
  'consolidation.calc.noTarget': 'no target or stretch target',
  'consolidation.calc.divByZero': 'the target is 0',
  'consolidation.calc.invalidNumber': 'a value is out of range',
  'consolidation.originSheet': 'sheet "{sheet}"',
  'consolidation.originFile': 'sheet "{sheet}" of file "{file}"',
  'consolidation.thisWorkbook': 'This workbook',
  'consolidation.why.otherPeriod': 'Reports {year}-{month}, not the period consolidated',
  'consolidation.why.superseded':
    "Superseded: the same department's submission saved later, or chosen by the office, counts; not used",
  'consolidation.why.conflict': 'Conflict: submitted more than once; not used until the office decides',
  'consolidation.why.structure': 'The sheet structure is broken; the sheet is left out',
  'consolidation.why.noPeriod': 'The report period cannot be read; the sheet is left out',
  'consolidation.why.invalid': 'Invalid value, not used (see the problems)',
  'consolidation.why.blank': 'Only spaces: not reported',
  'consolidation.why.notText': 'Not text, so not a reason',
  'consolidation.why.growthUnpaired': 'Current and prior-year values are not both valid; not used for growth',
  'consolidation.why.notApplicable': 'Not a growth indicator: no prior-year value is used',
  'consolidation.why.notResponsible': 'Not the responsible department; not used',
  'consolidation.why.differsFromResponsible': "Differs from the responsible department's value; not used",
  'consolidation.why.sameAsResponsible': "Same as the responsible department's value; not counted twice",
  'consolidation.why.shareOfSingle':
    "A contributing department's figure: this indicator takes the responsible department's value only; not counted",
  'consolidation.why.notShared': 'This department does not contribute to this indicator; not counted',
  'consolidation.why.shareReason':
    "A contributing department's share has no status of its own: the reason is the responsible department's; not shown",
  'consolidation.shareCounted': "A contributing department's share, added to the responsible department's value",
  'consolidation.state.submitted': 'Submitted',
  'consolidation.state.missing': 'Missing',
  'consolidation.state.invalid': 'Has errors',
  'consolidation.state.conflict': 'Conflict',
  'consolidation.state.otherPeriod': 'Other period',
  'consolidation.state.notExpected': '—',
  'consolidation.state.corrected': 'Corrected',
  'consolidation.check.ok': 'Equal',
  'consolidation.check.mismatch': 'Not equal',
  'consolidation.aggregation.sum': 'Sum',
  'consolidation.aggregation.growth': 'Growth',
  'consolidation.aggregation.single': 'Single',
  'consolidation.file.fileTooLarge': 'The file "{file}" is too large ({count}; the limit is {limit}) and was not read',
  'consolidation.file.fileUnreadable':
    'The file "{file}" cannot be read (damaged, or not an Excel/WPS workbook; .xlsx, .xlsm, .xls, .xlsb, .ods and .et are read) and was not used',
  'consolidation.file.fileEmpty': 'The file "{file}" is empty and was not read',
  'consolidation.file.fileEncrypted':
    'The file "{file}" is password-protected (encrypted) and cannot be read: remove the password, save and send it again',
  'consolidation.file.fileNotSpreadsheet':
    'The file "{file}" is a document or a presentation, not a spreadsheet, and was not read: send the workbook that holds the template (.xlsx …)',
  'consolidation.file.fileTextFormat':
    'The file "{file}" is a {detail} text file and cannot be read as a workbook: open it in Excel/WPS, save it as .xlsx and send that',
  'consolidation.file.fileExpandsTooMuch':
    'The file "{file}" expands too much ({count}; the limit is {limit}): it may be damaged or crafted, and was not read',
  'consolidation.file.fileCompressionRatio':
    'The part "{detail}" of the file "{file}" expands by a factor of {count} (the limit is {limit}): it may be crafted, and was not read',
  'consolidation.file.tooManyCells':
    'The file "{file}" has too many cells (reading stopped at {count}; the limit is {limit} per file) and was not read: remove sheets or content it does not need',
  'consolidation.file.tooManyRows':
    'The file "{file}" has too many rows (reading stopped at {count}; the limit is {limit} per file) and was not read: remove the rows it does not need',
  'consolidation.file.fileTimeout':
    'Reading the file "{file}" took too long (more than {limit} seconds); it was stopped and the file was not used',
  'consolidation.file.sheetMissing':
    'The sheet "{sheet}" listed in the file "{file}" is missing from it or cannot be read, and was not used: open the file in Excel/WPS, save it and send it again',
  'consolidation.file.sheetTooLarge': 'The sheet "{sheet}" of the file "{file}" is too large and was not read',
  'consolidation.file.noTemplates':
    'The file "{file}" holds no template ({sheets, plural, one {# sheet} other {# sheets}}): perhaps the wrong file was sent',
};
