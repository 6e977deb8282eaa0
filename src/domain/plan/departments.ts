import type { Campaign, Indicator } from './schema';

/**
 * Who reports what on a campaign (SPEC §2, §8): its 牵头部门, the 责任单位 of its indicators, and its 配合部门 —
 * departments that report only their share of the `sum` and `growth` indicators that name them (an indicator's
 * `contributors`), plus any the campaign names as a whole (`supportDepartments`). One list, in one order, for the
 * template's 填报单位, its header, the submission matrix and the consolidation.
 */

/** Separators of a cell listing several departments ("经信商务局、发展改革局"). */
const DEPARTMENT_SEPARATORS = /[、，,；;／/\n]+/;

/** The departments a cell lists, trimmed, each once, in order. */
export function splitDepartments(text: string): string[] {
  return [...new Set(text.split(DEPARTMENT_SEPARATORS).map((d) => d.trim()))].filter((d) => d !== '');
}

/** A department's part in a campaign: 牵头部门, 责任单位 of one of its indicators, or 配合部门 (a share only). */
export type DepartmentRole = 'lead' | 'responsible' | 'contributor';

export interface CampaignDepartment {
  readonly name: string;
  readonly role: DepartmentRole;
}

/** The departments of a campaign with their role, each once in the first role it has: lead, responsible, contributor. */
export function campaignDepartments(campaign: Campaign): CampaignDepartment[] {
  const seen = new Map<string, DepartmentRole>();
  const add = (names: readonly string[], role: DepartmentRole) => {
    for (const name of names.flatMap(splitDepartments)) if (!seen.has(name)) seen.set(name, role);
  };
  add([campaign.leadDepartment], 'lead');
  add(
    campaign.indicators.map((i) => i.department),
    'responsible',
  );
  add(contributorsOf(campaign), 'contributor');
  return [...seen].map(([name, role]) => ({ name, role }));
}

/** The campaign's 配合部门: the campaign's own, then those of its indicators, each once (the template header). */
export function contributorsOf(campaign: Campaign): string[] {
  return splitDepartments(
    [...(campaign.supportDepartments ?? []), ...campaign.indicators.flatMap((i) => i.contributors ?? [])].join('、'),
  );
}

/** A department's role in a campaign; undefined when the plan does not name it there. */
export function roleOf(campaign: Campaign, department: string): DepartmentRole | undefined {
  const name = department.trim();
  return campaignDepartments(campaign).find((d) => d.name === name)?.role;
}

/** Whether `department` reports a share of `indicator` as one of its 配合部门. */
export function contributesTo(indicator: Indicator, department: string): boolean {
  return (indicator.contributors ?? []).includes(department.trim());
}

/**
 * The indicators a department's template lists: all of them for the lead and responsible departments; for a
 * 配合部门, only those it contributes to (all of them when it is named by the campaign as a whole only). `role`
 * is the plan's unless given: a sheet's marker keeps the role the template was made for, whatever the plan says now.
 */
export function indicatorsFor(
  campaign: Campaign,
  department: string,
  role: DepartmentRole | undefined = roleOf(campaign, department),
): readonly Indicator[] {
  if (role !== 'contributor') return campaign.indicators;
  const own = campaign.indicators.filter((i) => contributesTo(i, department));
  return own.length > 0 ? own : campaign.indicators;
}

const ROLES: readonly DepartmentRole[] = ['lead', 'responsible', 'contributor'];

/** A role as a sheet's marker records it (text); anything else is no role. */
export function departmentRole(text: unknown): DepartmentRole | undefined {
  return ROLES.find((r) => r === text);
}
