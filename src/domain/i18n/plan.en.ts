import type { PlanMessageKey } from './plan.zh';

/** Problems of a 指标库 sheet (SPEC §2: every problem with its cell). English. */
export const PLAN_EN: Readonly<Record<PlanMessageKey, string>> = {
  'plan.markerMissing':
    'The plan sheet marker (hidden row 1, column A) is missing, so the plan id and year are unknown; insert the plan sheet again',
  'plan.markerUnreadable':
    'The plan sheet marker is damaged and cannot be read ({text}); insert the plan sheet again and copy your edits over',
  'plan.markerMoved':
    'The plan sheet marker is not in column A (now {found}): a column was probably inserted before A; delete it, or the add-in will not find this sheet',
  'plan.keysRowMissing':
    'The hidden row of column keys (campaignId, code …) of the plan sheet is missing, probably deleted',
  'plan.keyMissing': 'The plan sheet has no column "{label}" (key {column})',
  'plan.keyDuplicated': 'The plan sheet column "{label}" (key {column}) appears more than once ({cells})',
  'plan.noIndicators': 'The plan sheet has no indicator rows',
  'plan.titleMissing': 'The plan sheet title is blank; the plan is named "{title}" for now',
  'plan.titleYear':
    'The year {year} in the title differs from the year {markerYear} the plan sheet was made for; it is read as {year}',
  'plan.blank': '"{label}" is blank but required',
  'plan.errorValue': '"{label}" is the error value {text}',
  'plan.unknownKind':
    'The kind "{text}" is not known; use total, count, level, growth, share, floor, rank, milestone (or 总量, 个数, 水平, 增速, 比重, 下限, 排名, 进度)',
  'plan.badPaced': 'Paced (序时考核) must be "是" (yes) or "否" (no); it is "{text}"',
  'plan.badAggregation':
    'Aggregation (汇总方式) must be "求和" (sum), "增速" (growth) or "单一" (single); it is "{text}"',
  'plan.notANumber': '"{label}" must be a number; it is "{text}"',
  'plan.notANumberFix': '"{label}" "{text}" is not a number; suggested: {fix}',
  'plan.percentConfusion':
    '"{label}" is {value}, but a target in "{unit}" is a rate; suggested: {fix} ({percent}%), or type "{percent}%"',
  'plan.sharePercentRead':
    '"{label}" is stored the old way as the percentage {value}; a share change counts in points, so it is read as {points} points: type {points} in a General cell',
  'plan.sharePoints':
    '"{label}" is {value}: a share change is typed in percentage points (1 point = 1); suggested: {fix}',
  'plan.shareRange': '"{label}" is {value} percentage points, outside -100 to 100. Please check',
  'plan.inconsistentCampaign':
    'Campaign {campaign} has different "{label}" values: "{first}" ({firstCell}) and "{text}"',
  'plan.badCode': 'The indicator code "{text}" is malformed; use e.g. C1-01',
  'plan.badCampaignId': 'The campaign id "{text}" is malformed; use e.g. C1',
  'plan.duplicateCode': 'The indicator code {text} appears more than once (see also {first})',
  'plan.targetMissing': 'Indicator {code} has neither a target nor a stretch target (only milestones may have none)',
  'plan.stretchOrder':
    'The stretch target {stretch} of indicator {code} is less ambitious than its target {target} (for a rank it must not be larger, otherwise not smaller)',
  'plan.countWhole': '"{label}" of a count indicator must be a whole number; it is {value}',
  'plan.rankTarget': '"{label}" of a rank indicator must be a whole number of at least 1; it is {value}',
  'plan.growthTarget': 'A growth target must be above -100%; it is {value}',
  'plan.milestoneTarget': 'A milestone target is a progress between 0% and 100%; it is {value}',
  'plan.contributorResponsible':
    'The contributing departments of indicator {code} must not include its responsible department "{department}"',
  'plan.contributorTwice': 'The contributing departments of indicator {code} name the same department twice',
  'plan.contributorsSingle':
    '"{text}" contribute to a single-source indicator: the summary takes the responsible department\'s figure only; theirs is listed in the details, not counted',
  'plan.aggregationKind':
    'A {kind} indicator cannot be aggregated by "{aggregation}" (adding the departments\' figures means nothing); allowed: {allowed}',
  'plan.targetZero':
    '"{label}" of indicator {code} is 0: no attainment can be computed (division by zero); enter the target, or leave it blank where there is none',
  'plan.targetNegative': '"{label}" of a {kind} indicator cannot be negative; it is {value}',
  'plan.badPlanId': 'The plan id "{text}" in the plan sheet marker is malformed',
  'plan.badYear': 'The year {text} is not between 2000 and 2100',
  'plan.invalid': '"{label}" is not valid: {detail}',
  'plan.headerMissing': 'The header row of the plan sheet (攻坚战编号, 指标编码 …) is missing, probably deleted',
  'plan.headerChanged':
    'The header "{found}" differs from the plan sheet\'s ("{expected}"); check that the column was not changed',
  'plan.weightNegative':
    'The weight (权重) cannot be negative; it is {value} (0 leaves the indicator out of the score; blank counts as 1)',
  'plan.monthlyPlanCount':
    'The monthly plan of indicator {code} has only {count} months filled ({cell} is blank): fill all twelve months or none (then paced as months/12)',
  'plan.monthlyPlanKind':
    'A {kind} indicator is not paced, so it cannot have a monthly plan (indicator {code}); clear its monthly plan',
  'plan.monthlyPlanPaced':
    'Indicator {code} is not paced (序时考核 否): it is judged against the full-year target and its monthly plan would be ignored; set 序时考核 to 是 or clear the monthly plan',
  'plan.monthlyPlanWhole': '"{label}" of a count indicator must be a whole number; it is {value}',
  'plan.monthlyPlanNegative': '"{label}" is cumulative from January and cannot be negative; it is {value}',
  'plan.monthlyPlanDecreasing':
    'A monthly plan is cumulative from January and cannot fall: "{label}" is {value}, the month before {previous}',
  'plan.monthlyPlanLast':
    'The December plan {value} of indicator {code} must equal its {goalLabel} {goal} (the year to date in December is the year)',
  'plan.settingsMissing':
    'The plan sheet has no settings block (column keys {columns}); every setting is at its default',
  'plan.settingUnknown': 'The setting key "{text}" is not known; use one of {known}',
  'plan.settingTwice': 'The setting "{key}" ({label}) appears more than once (see also {first}); keep one row',
  'plan.settingRange':
    'The setting "{key}" ({label}) is {value}; it must be between {min} and {max} (default {default}; leave it blank for the default)',
  'plan.settingRangeWhole':
    'The setting "{key}" ({label}) is {value}; it must be a whole number from {min} to {max} (default {default}; leave it blank for the default)',
};
