import type { ValidationMessageKey } from './validation.zh';

/** Problems of entered values, report periods and template structure (SPEC §7). English. */
export const VALIDATION_EN: Readonly<Record<ValidationMessageKey, string>> = {
  'value.errorValue': '{field} is the error value {text}; enter a number',
  'value.notANumber': '{field} "{text}" is not a number; enter the number only (the unit is in the header)',
  'value.notANumberFix': '{field} "{text}" is not a number; suggested: {fix}',
  'value.notANumberPercentFix': '{field} "{text}" is not a number; as a rate it is {fix} ({percent}%): apply the fix',
  'value.approximate': '{field} "{text}" is an approximation; enter the exact figure (if it is {fix}, apply the fix)',
  'value.approximatePercent':
    '{field} "{text}" is an approximation; enter the exact rate (if it is {percent}%, that is {fix}: apply the fix)',
  'value.unitMismatch': '{field} "{text}" is not in this indicator\'s unit "{unit}"; convert it first',
  'value.ambiguousComma': '{field} "{text}": the comma is ambiguous (decimal or thousands?); type the plain number',
  'value.boolean': '{field} holds the logical value {text}; enter a number',
  'value.looksLikeDate': '{field} is formatted as a date ({text}); check it is a number and use a number format',
  'value.whitespace': '{field} holds only spaces and counts as not reported; enter a number if there is one',
  'value.notFinite': '{field} is not a finite number',
  'value.textTooLong':
    '{field} is a text of {length} characters ("{text}"), not a number: a number is at most {max} characters; enter the number only',
  'value.uncalculated':
    '{field} is a formula without a result: the program that saved the file did not calculate it. Open the file in Excel/WPS, recalculate, save and send it again, or enter the number',
  'value.negative': '{field} is negative ({value}); a {kind} indicator cannot be negative',
  'value.notWhole': '{field} must be a whole number ({unit}); it is {value}',
  'value.rankInvalid': 'A rank must be a whole number of at least 1; it is {value}',
  'value.percentConfusion':
    '{field} is {value}, which looks like a whole percentage; a rate is {fix} ({percent}%): type "{percent}%"',
  'value.milestoneRange': 'Progress must be between 0% and 100%; it is {percent}%',
  'value.rateRange': '{field} is {percent}%; a rate must be between {min} and 100%. Please check',
  'value.implausibleMagnitude':
    '{field} {value} is more than 10 times the target {target}, to be verified: check the unit (10k yuan vs 100M yuan?); if it is right, write "已核实" (verified) in the Notes column',
  'value.magnitudeSlip':
    '{field} {value} is 1,000 times the target {target} or more, which this indicator cannot be (10k yuan typed as 100M yuan?): invalid data, left out of the summary; correct it',
  'value.sharePercent':
    '{field} "{text}" carries a % sign: a share change is typed in percentage points, so it is {fix} ({fix} points): apply the fix',
  'value.shareHundredth':
    '{field} {value} looks like {text} typed as a fraction: a share change is typed in points, so it is {fix} (apply the fix); if it really is {value} points, write "已核实" (verified) in the Notes column',
  'value.shareRange':
    '{field} {value} percentage points is outside -100 to 100; a share change is typed in points (e.g. 0.6). Please check',
  'value.shareMagnitude':
    '{field} {value} percentage points is far above the target of {target} points, to be verified (0.6 typed as 60?); if it is right, write "已核实" (verified) in the Notes column',
  'value.shareMagnitudeSlip':
    '{field} {value} percentage points is 1,000 times the target of {target} points or more: invalid data, left out of the summary; a share change is typed in points (e.g. 0.6), correct it',
  'value.implausibleGrowth':
    'Current {current} and prior-year {prior} differ more than tenfold, to be verified: check that both use the same unit; if they are right, write "已核实" (verified) in the Notes column',
  'value.growthMissingPrior':
    'The current value is filled in but the prior-year value is missing, so growth cannot be computed',
  'value.growthMissingCurrent': 'The prior-year value is filled in but the current value is missing',
  'value.priorNotPositive': 'The prior-year value must be above 0 to compute growth; it is {value}',
  'value.reasonMissing': 'The status is {light}: enter the reason for the delay and the next steps',
  'value.mergedInput':
    'The {field} cell is part of the merged range {range}, which covers the input cells of indicator(s) {codes}: a merge keeps only its top-left value, so whose figure it is cannot be told; left out as invalid. Unmerge the cells and enter each indicator separately',
  'value.notShared':
    '{department} is not a contributing department of indicator {code}: the figure entered here is not consolidated',
  'period.missing': 'The report period is missing',
  'period.malformed': 'The report period "{text}" is not valid; use e.g. "2019-06"',
  'period.wrongYear': 'The report period is in {year}, not in the plan year {planYear}',
  'structure.markerMissing':
    'The template marker (hidden row 1, column A) is missing, so the campaign, department and period of this sheet are unknown; insert the template again and copy the values into it',
  'structure.markerDeleted':
    'This sheet is a template, but its hidden marker row was deleted: read by its headings as the report of {department} for "{campaign}", {year}-{month}, and consolidated; insert the template again and copy the figures over, so that it is recognised in future',
  'structure.markerDeletedAmbiguous':
    'This sheet is a template, but its hidden marker row was deleted and its headings do not say whose report for which period it is (campaign: {campaign}; department: {department}; period: {period}): not consolidated; insert the template again and copy the figures over',
  'structure.markerUnreadable':
    'The template marker is damaged and cannot be read ({text}); insert the template again and copy the values into it',
  'structure.markerMoved':
    'The template marker is not in column A (it is in {found}): a column was probably inserted before column A; delete it, or consolidation will not find this sheet',
  'structure.planMismatch':
    'This sheet was made for the plan "{sheetPlan}", but the plan in use is "{plan}"; check that the indicators and targets agree',
  'structure.unknownCampaign': 'The campaign {campaign} of the template marker is not in the plan "{plan}"',
  'structure.keysRowMissing':
    'The hidden row of column keys (code, actual …) is missing, probably deleted, so the columns cannot be found',
  'structure.keyMissing': 'The column "{header}" (key {key}) is missing, probably deleted',
  'structure.keyDuplicated':
    'The column "{header}" (key {key}) appears more than once ({cells}), so it is unclear which one to use',
  'structure.headerMissing': 'The header row (序号, 指标编码, 指标名称 …) is missing, probably deleted',
  'structure.headerChanged':
    'The header "{found}" differs from the template ("{expected}"); check that the column was not changed',
  'structure.unknownCode': 'The indicator code "{code}" is not in the plan "{plan}"; the row was not read',
  'structure.codeOfOtherCampaign':
    "The indicator code {code} belongs to campaign {other}, not to this sheet's campaign {campaign}; the row was not read",
  'structure.duplicateCode':
    'The indicator code {code} appears more than once ({cells}); as it is unclear which row counts, none is used',
  'structure.missingCode':
    'The plan indicator {code} "{name}" is missing from this sheet; its row was probably deleted',
  'structure.missingShare':
    'The indicator {code} "{name}" that this department contributes to is missing from this sheet; add its row with "Update an existing template", then fill it in',
  'structure.periodLabelMissing':
    'No "报告期" (report period) cell was found; the period {year}-{month} of the template marker is used',
  'structure.periodMismatch':
    'The report period {year}-{month} differs from the period {markerYear}-{markerMonth} the template was made for; check it',
  'structure.departmentMismatch':
    'The reporting department "{found}" differs from "{department}" named by the template\'s marker: this template was made for {department} but filled in as {found}. Whose figures these are cannot be told, so consolidation counts this sheet for neither department ({department} shows as Has errors); {found} should insert its own template and report there, or change the reporting department back to "{department}"',
  'structure.duplicateSubmission':
    '{department} submitted "{campaign}" for {year}-{month} more than once (see also sheet "{other}"): a conflict in the summary; delete the extra copy, or choose "Use this one" on the copy that counts under Summary',
};
