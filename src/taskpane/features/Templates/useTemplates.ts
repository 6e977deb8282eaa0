import { useCallback, useEffect, useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import type { FormulaMode } from '../../../domain/calc/formulas';
import type { Locale } from '../../../domain/i18n/messages';
import { builtinPlan } from '../../../domain/plan/builtin';
import type { Campaign, Plan } from '../../../domain/plan/schema';
import type { UnplacedValue } from '../../../domain/template/template';
import { defaultReportMonth } from '../../../domain/validation/period';
import { campaignDepartments, type CampaignDepartment } from '../../../domain/plan/departments';
import type { ActivePlan } from '../../../workbook/usecases/activePlan';
import {
  insertPlanSheetInUse,
  insertTemplateInUse,
  openTemplates,
  updateTemplateInUse,
  type TemplateSheet,
  type UpdateTemplateResult,
  type InsertPlanSheetResult,
  type InsertTemplateResult,
} from '../../../workbook/usecases/templates';
import { useLocale, useT, type MessageKey, type Translate } from '../../i18n';
import { useNotices, type NoticeInput } from '../../notices';
import { planStatus, type PlanStatus } from '../../planStatus';
import { useAction, type Action } from '../../useAction';
import { useWorkbook } from '../../workbookContext';

/** One campaign as the Templates section lists it. */
export interface CampaignRow {
  readonly id: string;
  readonly number: number;
  /** In the UI language where the plan has it (names of people and departments stay as the plan has them). */
  readonly name: string;
  readonly commander: string;
  readonly leadDepartment: string;
  readonly indicatorCount: number;
}

export function campaignRows(plan: Plan, locale: Locale): CampaignRow[] {
  return plan.campaigns.map((c) => ({
    id: c.id,
    number: c.number,
    name: locale === 'zh-CN' ? c.name : (c.nameEn ?? c.name),
    commander: c.commander,
    leadDepartment: c.leadDepartment,
    indicatorCount: c.indicators.length,
  }));
}

/** The departments that report on a campaign: 牵头部门 first, then the indicators' 责任单位, then 配合部门; each once. */
export function departmentOptions(campaign: Campaign): string[] {
  return campaignDepartments(campaign).map((d) => d.name);
}

export const MONTHS: readonly number[] = Array.from({ length: 12 }, (_, i) => i + 1);

export interface TemplateForm {
  readonly campaignId: string;
  readonly department: string;
  readonly month: number;
  readonly mode: FormulaMode;
}

export function initialForm(plan: Plan, today: Date): TemplateForm {
  const first = plan.campaigns[0];
  return {
    campaignId: first?.id ?? '',
    department: first?.leadDepartment ?? '',
    month: defaultReportMonth(plan.year, today),
    mode: 'kpi',
  };
}

/** Keeps the choices when the plan changes (e.g. the 指标库 sheet was read), resetting only what no longer exists. */
export function formForPlan(form: TemplateForm, plan: Plan): TemplateForm {
  const campaign = plan.campaigns.find((c) => c.id === form.campaignId) ?? plan.campaigns[0];
  if (!campaign) return form;
  const department = departmentOptions(campaign).includes(form.department) ? form.department : campaign.leadDepartment;
  return { ...form, campaignId: campaign.id, department };
}

/** Choosing a campaign resets the department to its 牵头部门. */
export function withCampaign(form: TemplateForm, plan: Plan, campaignId: string): TemplateForm {
  const campaign = plan.campaigns.find((c) => c.id === campaignId);
  return campaign ? { ...form, campaignId, department: campaign.leadDepartment } : form;
}

const FIELD_NAME: Readonly<Record<UnplacedValue['field'], MessageKey>> = {
  actual: 'field.actual',
  prior: 'field.prior',
  reason: 'field.reason',
  note: 'ui.templates.fieldNote',
};

/** At 320 px a notice listing dozens of values is unreadable: the first few are named, the count says the rest. */
const LISTED = 5;

/** The notices that tell the user what inserting a template did. */
export function insertTemplateNotices(result: InsertTemplateResult, t: Translate): NoticeInput[] {
  switch (result.outcome) {
    case 'inserted':
      return [
        {
          intent: 'success',
          title: t('ui.templates.insertedTitle'),
          message: t('ui.templates.inserted', { sheet: result.sheet, cell: result.selected }),
        },
      ];
    case 'unreadable':
      return [
        {
          intent: 'warning',
          title: t('ui.templates.unreadableTitle'),
          message: t('ui.templates.unreadable', { sheet: result.sheet }),
        },
      ];
    case 'reapplied':
      return [
        {
          intent: 'success',
          title: t('ui.templates.reappliedTitle'),
          message: t('ui.templates.reapplied', { sheet: result.sheet, kept: result.kept }),
        },
        ...unplacedNotices(result.unplaced, t),
      ];
  }
}

/** What could not be put back on a rebuilt template: named (the first few), never dropped silently. */
function unplacedNotices(unplaced: readonly UnplacedValue[], t: Translate): NoticeInput[] {
  if (unplaced.length === 0) return [];
  const items = unplaced.slice(0, LISTED).map((u) =>
    t(u.why === 'unknownCode' ? 'ui.templates.unplacedUnknownCode' : 'ui.templates.unplacedNotAnInput', {
      code: u.code,
      field: t(FIELD_NAME[u.field]),
      value: String(u.value),
    }),
  );
  const list = items.join(t('ui.templates.listSeparator')) + (unplaced.length > LISTED ? ' …' : '');
  return [
    {
      intent: 'warning',
      title: t('ui.templates.unplacedTitle'),
      message: t('ui.templates.unplaced', { count: unplaced.length, list }),
    },
  ];
}

/** The notices that tell the user what updating a template did (`year`, `month`: what it was to report). */
export function updateTemplateNotices(
  result: UpdateTemplateResult,
  period: { readonly year: number; readonly month: number },
  plan: Plan,
  t: Translate,
): NoticeInput[] {
  const warning = (message: string): NoticeInput[] => [
    { intent: 'warning', title: t('ui.templates.notUpdatedTitle'), message },
  ];
  switch (result.outcome) {
    case 'updated':
      return [
        {
          intent: 'success',
          title: t('ui.templates.updatedTitle'),
          message: result.renamedFrom
            ? t('ui.templates.updatedRenamed', {
                ...period,
                sheet: result.sheet,
                from: result.renamedFrom,
                kept: result.kept,
              })
            : t('ui.templates.updated', { ...period, sheet: result.sheet, kept: result.kept }),
        },
        ...unplacedNotices(result.unplaced, t),
      ];
    case 'unreadable':
      return warning(t('ui.templates.unreadable', { sheet: result.sheet }));
    case 'notATemplate':
      return warning(t('ui.templates.notATemplate', { sheet: result.sheet }));
    case 'campaignMissing':
      return warning(
        t('ui.templates.updateCampaignMissing', {
          sheet: result.sheet,
          campaign: plan.campaigns.find((c) => c.id === result.campaignId)?.name ?? result.campaignId,
        }),
      );
    case 'periodTaken':
      return warning(t('ui.templates.periodTaken', { ...period, sheet: result.sheet, other: result.other }));
  }
}

export function insertPlanNotices(result: InsertPlanSheetResult, t: Translate): NoticeInput[] {
  return result.outcome === 'inserted'
    ? [
        {
          intent: 'success',
          title: t('ui.templates.planInsertedTitle'),
          message: t('ui.templates.planInserted', { sheet: result.sheet }),
        },
      ]
    : [
        {
          intent: 'info',
          title: t('ui.templates.planExistsTitle'),
          message: t('ui.templates.planExists', { sheet: result.sheet }),
        },
      ];
}

export type TemplatesBusy = 'template' | 'plan' | 'update' | undefined;

/** A template sheet as the update list offers it. */
export interface TemplateOption {
  readonly name: string;
  readonly label: string;
}

export function templateOptions(
  sheets: readonly TemplateSheet[],
  plan: Plan,
  locale: Locale,
  t: Translate,
): TemplateOption[] {
  return sheets.map((s) => {
    const campaign = plan.campaigns.find((c) => c.id === s.campaignId);
    const name = campaign ? (locale === 'zh-CN' ? campaign.name : (campaign.nameEn ?? campaign.name)) : s.campaignId;
    return {
      name: s.name,
      label: t('ui.templates.updateSheetOption', {
        sheet: s.name,
        campaign: name,
        department: s.department,
        year: s.year,
        month: s.month,
      }),
    };
  });
}

export interface TemplatesState {
  readonly plan: Plan;
  readonly year: number;
  readonly campaigns: readonly CampaignRow[];
  readonly departments: readonly CampaignDepartment[];
  readonly form: TemplateForm;
  readonly planStatus: PlanStatus | undefined;
  readonly busy: TemplatesBusy;
  /** The workbook's template sheets (as of the last reading), and the one chosen for updating. */
  readonly templates: readonly TemplateOption[];
  readonly updateSheet: string;
  selectCampaign(id: string): void;
  setUpdateSheet(sheet: string): void;
  update(): Promise<void>;
  setDepartment(department: string): void;
  setMonth(month: number): void;
  setMode(mode: FormulaMode): void;
  insert(): Promise<void>;
  insertPlan(): Promise<void>;
}

/** The form of the 模板 section: the choices, kept valid as the plan in use changes. */
function useTemplateForm(plan: Plan, initialPlan: Plan, today: Date) {
  const locale = useLocale();
  const [form, setForm] = useState<TemplateForm>(() => initialForm(initialPlan, today));
  const campaigns = useMemo(() => campaignRows(plan, locale), [plan, locale]);
  const campaign = plan.campaigns.find((c) => c.id === form.campaignId);
  const departments = useMemo(() => (campaign ? campaignDepartments(campaign) : []), [campaign]);
  return {
    form,
    campaigns,
    departments,
    /** The plan in use changed (the 指标库 was read): choices that no longer exist are reset. */
    adopt: useCallback((next: Plan) => setForm((f) => formForPlan(f, next)), []),
    selectCampaign: (id: string) => setForm((f) => withCampaign(f, plan, id)),
    setDepartment: (department: string) => setForm((f) => ({ ...f, department })),
    setMonth: (month: number) => setForm((f) => ({ ...f, month })),
    setMode: (mode: FormulaMode) => setForm((f) => ({ ...f, mode })),
  };
}

/** What the 模板 actions need from the section: the choices, the plan in use, and where their results go. */
interface ActionContext {
  readonly action: Action<Exclude<TemplatesBusy, undefined>>;
  readonly form: TemplateForm;
  readonly plan: Plan;
  readonly active: ActivePlan | undefined;
  readonly updateSheet: string;
  readonly adoptPlan: (next: ActivePlan) => void;
  readonly setSheets: Dispatch<SetStateAction<readonly TemplateSheet[]>>;
  readonly setChosen: (sheet: string) => void;
}

/** 插入模板, 插入指标库 and 更新已有模板: each a use case, its result kept and its notices shown. */
function useTemplateActions(ctx: ActionContext) {
  const port = useWorkbook();
  const t = useT();
  const { notify } = useNotices();
  const { action, form, plan, active, updateSheet, adoptPlan, setSheets, setChosen } = ctx;
  const { run, alive, busy } = action;
  const say = useCallback(
    (notices: readonly NoticeInput[] | undefined) => alive() && notices?.forEach(notify),
    [alive, notify],
  );
  const { campaignId, department, month, mode } = form;
  const insert = useCallback(async () => {
    const notices = await run('template', async () => {
      const { active: fresh, result } = await insertTemplateInUse(
        port,
        { campaignId, department, month, mode },
        active,
      );
      adoptPlan(fresh);
      if (result.outcome === 'campaignMissing')
        return [
          { intent: 'warning', title: t('ui.status.errorTitle'), message: t('ui.templates.campaignMissing') },
        ] as const;
      if (result.outcome === 'inserted')
        setSheets((list) => [
          ...list,
          { name: result.sheet, campaignId, department: department.trim(), year: fresh.plan.year, month },
        ]);
      return insertTemplateNotices(result, t);
    });
    say(notices);
  }, [run, port, campaignId, department, month, mode, active, adoptPlan, say, t]);

  const insertPlan = useCallback(async () => {
    const notices = await run('plan', async () => {
      const { result, active: fresh } = await insertPlanSheetInUse(port, plan);
      adoptPlan(fresh);
      return insertPlanNotices(result, t);
    });
    say(notices);
  }, [run, port, plan, adoptPlan, say, t]);

  const update = useCallback(async () => {
    if (updateSheet === '') return;
    const notices = await run('update', async () => {
      const { active: fresh, result, templates } = await updateTemplateInUse(port, { sheet: updateSheet, month, mode });
      adoptPlan(fresh);
      setSheets(templates);
      if (result.outcome === 'updated') setChosen(result.sheet);
      return updateTemplateNotices(result, { year: fresh.plan.year, month }, fresh.plan, t);
    });
    say(notices);
  }, [run, port, month, mode, updateSheet, adoptPlan, say, t]);

  return { busy, insert, insertPlan, update };
}

/**
 * The 模板 section's state for React: the plan in use (the workbook's 指标库 when it has a valid one, read when the
 * section opens and again by each action, so that a template always follows the sheet as it is now), the choices,
 * and the three actions — whose flows are the use cases' (workbook/usecases/templates). `initialPlan` is shown
 * until the workbook has been read.
 */
export function useTemplates(initialPlan: Plan = builtinPlan(), today: Date = new Date()): TemplatesState {
  const port = useWorkbook();
  const t = useT();
  const locale = useLocale();
  const { notifyError } = useNotices();
  const action = useAction<Exclude<TemplatesBusy, undefined>>();
  const { alive } = action;
  const [active, setActive] = useState<ActivePlan | undefined>(undefined);
  const [sheets, setSheets] = useState<readonly TemplateSheet[]>([]);
  const [chosen, setChosen] = useState<string>('');
  const plan = active?.plan ?? initialPlan;
  const form = useTemplateForm(plan, initialPlan, today);
  const { adopt } = form;
  const adoptPlan = useCallback(
    (next: ActivePlan) => {
      setActive(next);
      adopt(next.plan);
    },
    [adopt],
  );

  useEffect(() => {
    openTemplates(port).then(
      ({ active: opened, templates, error }) => {
        setSheets(templates);
        if (opened) adoptPlan(opened);
        if (error !== undefined && alive()) notifyError(error);
      },
      (e: unknown) => alive() && notifyError(e),
    );
  }, [port, alive, adoptPlan, notifyError]);

  const updateSheet = sheets.some((x) => x.name === chosen) ? chosen : (sheets[0]?.name ?? '');
  const { busy, insert, insertPlan, update } = useTemplateActions({
    action,
    form: form.form,
    plan,
    active,
    updateSheet,
    adoptPlan,
    setSheets,
    setChosen,
  });
  const templates = useMemo(() => templateOptions(sheets, plan, locale, t), [sheets, plan, locale, t]);
  return {
    plan,
    year: plan.year,
    templates,
    updateSheet,
    setUpdateSheet: setChosen,
    update,
    campaigns: form.campaigns,
    departments: form.departments,
    form: form.form,
    planStatus: active ? planStatus(active, t) : undefined,
    busy,
    selectCampaign: form.selectCampaign,
    setDepartment: form.setDepartment,
    setMonth: form.setMonth,
    setMode: form.setMode,
    insert,
    insertPlan,
  };
}
