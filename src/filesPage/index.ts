import { builtinPlan } from '../domain/plan/builtin';
import { zipSync } from 'fflate';
import { BULLETIN_EN } from '../domain/i18n/bulletin.en';
import { BULLETIN_ZH } from '../domain/i18n/bulletin.zh';
import { CALC_EN } from '../domain/i18n/calc.en';
import { CALC_ZH } from '../domain/i18n/calc.zh';
import { CONSOLIDATION_EN } from '../domain/i18n/consolidation.en';
import { CONSOLIDATION_ZH } from '../domain/i18n/consolidation.zh';
import { describeProblem, formatMessage, type Locale, type MessageParams } from '../domain/i18n/messages';
import { PLAN_EN } from '../domain/i18n/plan.en';
import { PLAN_ZH } from '../domain/i18n/plan.zh';
import { VALIDATION_EN } from '../domain/i18n/validation.en';
import { VALIDATION_ZH } from '../domain/i18n/validation.zh';
import { WORDS_EN } from '../domain/i18n/words.en';
import { WORDS_ZH } from '../domain/i18n/words.zh';
import { HISTORY_MARKER_TYPE, listedMarkerOf } from '../domain/grid/ownSheets';
import type { SheetData } from '../domain/grid/sheet';
import { originPlace } from '../domain/consolidation/sources';
import type { Plan } from '../domain/plan/schema';
import { defaultReportMonth } from '../domain/validation/period';
import { FileWorkbook } from '../workbook/files/fileWorkbook';
import { READABLE_EXTENSIONS } from '../workbook/files/limits';
import { activePlanOf } from '../workbook/usecases/activePlan';
import { readImportedFiles } from '../workbook/usecases/consolidationSources';
import { exportTemplates, type TemplateFile } from '../workbook/usecases/exportTemplates';
import { runConsolidation } from '../workbook/usecases/runConsolidation';
import { summaryTabOrder, type WorkbookConsolidation } from '../workbook/usecases/consolidate';
import { PAGE_EN, PAGE_ZH, type PageMessageKey } from './messages';

/**
 * The files page (dist/files.html; SPEC §11, issue 14): the office's part without Excel or the add-in, in any current
 * browser — the month's templates to download, and the departments' files consolidated into a summary workbook to
 * download — through the same use cases as the task pane and the command line, over the file adapter. Nothing leaves
 * the browser; no server code. Chinese first. Text from files is only ever set as text (textContent), never as HTML.
 */

const TABLES = {
  'zh-CN': { ...WORDS_ZH, ...CALC_ZH, ...PLAN_ZH, ...VALIDATION_ZH, ...CONSOLIDATION_ZH, ...BULLETIN_ZH, ...PAGE_ZH },
  'en-US': { ...WORDS_EN, ...CALC_EN, ...PLAN_EN, ...VALIDATION_EN, ...CONSOLIDATION_EN, ...BULLETIN_EN, ...PAGE_EN },
} as const;
type Table = (typeof TABLES)[Locale];

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_PROBLEMS_SHOWN = 50;

interface State {
  locale: Locale;
  month: string;
  plan: Plan;
  planSheets?: readonly SheetData[];
  planNote: { key: PageMessageKey; params: MessageParams; problems?: readonly string[] };
  files: File[];
  previous?: File;
  templates?: readonly TemplateFile[];
  busy: boolean;
  result?: { outcome: WorkbookConsolidation; url: string; fileName: string; notes: readonly string[] };
  error?: string;
}

const urls: string[] = [];

function t(state: State, key: PageMessageKey, params?: MessageParams): string {
  return formatMessage(TABLES[state.locale], key, params);
}

function describe(state: State, p: { readonly key: string; readonly params: MessageParams }): string {
  return describeProblem(p as { key: keyof Table; params: MessageParams }, TABLES[state.locale]);
}

type Child = Node | string | null | undefined | false;

/** An element with attributes and children; strings become text nodes (never parsed as HTML). */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, string>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

function blobUrl(bytes: Uint8Array, type: string): string {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  urls.push(url);
  return url;
}

function download(href: string, name: string, text: string, testId: string, secondary = false): HTMLAnchorElement {
  return el(
    'a',
    { href, download: name, class: secondary ? 'button secondary' : 'button', 'data-testid': testId },
    text,
  );
}

async function start(root: HTMLElement): Promise<void> {
  const plan = builtinPlan();
  const month = defaultReportMonth(plan.year, new Date());
  const state: State = {
    locale: /^zh/i.test(navigator.language) || !/^en/i.test(navigator.language) ? 'zh-CN' : 'en-US',
    month: `${plan.year}-${String(month).padStart(2, '0')}`,
    plan,
    planNote: { key: 'page.planBuiltin', params: { title: plan.title } },
    files: [],
    busy: false,
  };
  // Each update redraws the page: the control that had the focus (by its test id or id) gets it back, so that a
  // keyboard user is not sent back to the top after every action.
  const render = (): void => {
    const active = document.activeElement;
    const key = active?.getAttribute('data-testid') ?? (active?.id ? `#${active.id}` : undefined);
    root.replaceChildren(...view(state, update));
    if (!key) return;
    const again = key.startsWith('#')
      ? document.getElementById(key.slice(1))
      : root.querySelector(`[data-testid="${CSS.escape(key)}"]`);
    if (again instanceof HTMLElement) again.focus();
  };
  const update = (change: (s: State) => void | Promise<void>): void => {
    void (async () => {
      try {
        await change(state);
      } catch (e) {
        state.error = e instanceof Error ? e.message : String(e);
        state.busy = false;
      }
      render();
    })();
  };
  render();
}

type Update = (change: (s: State) => void | Promise<void>) => void;

function view(state: State, update: Update): Node[] {
  document.documentElement.lang = state.locale;
  document.title = t(state, 'page.title');
  return [
    el('header', {}, el('h1', {}, t(state, 'page.title')), languageButton(state, update)),
    el('p', { class: 'muted' }, t(state, 'page.subtitle'), ' ', t(state, 'page.privacy')),
    periodAndPlan(state, update),
    templatesSection(state, update),
    consolidateSection(state, update),
    state.error ? el('p', { class: 'error', role: 'alert' }, t(state, 'page.error', { message: state.error })) : null,
  ].filter((n): n is HTMLElement => n !== null);
}

function languageButton(state: State, update: Update): HTMLElement {
  const b = el('button', { class: 'secondary', type: 'button', 'data-testid': 'language' }, t(state, 'page.language'));
  b.addEventListener('click', () =>
    update((s) => {
      s.locale = s.locale === 'zh-CN' ? 'en-US' : 'zh-CN';
    }),
  );
  return b;
}

function periodAndPlan(state: State, update: Update): HTMLElement {
  const month = el('input', { type: 'month', id: 'month', value: state.month, 'data-testid': 'month' });
  month.addEventListener('change', () =>
    update((s) => {
      if (/^\d{4}-\d{2}$/.test(month.value)) s.month = month.value;
      s.templates = undefined;
      s.result = undefined; // a summary of another month is no longer what the page is about
    }),
  );
  const planInput = singleFileInput('plan', 'plan-input', (file) => update((s) => loadPlan(s, file)));
  const note = state.planNote;
  return el(
    'section',
    {},
    el('label', { for: 'month' }, t(state, 'page.month')),
    month,
    el('label', { for: 'plan' }, t(state, 'page.plan')),
    planInput,
    el('p', { class: 'hint' }, t(state, 'page.planHint')),
    el('p', { class: note.problems ? 'error' : 'muted', 'data-testid': 'plan-note' }, t(state, note.key, note.params)),
    note.problems ? el('ul', { class: 'error' }, ...note.problems.map((p) => el('li', {}, p))) : null,
  );
}

async function loadPlan(state: State, file: File): Promise<void> {
  const { files } = await readImportedFiles([file]);
  const sheets = files[0]?.sheets ?? [];
  const active = await activePlanOf(sheets);
  if (active.sheet === undefined) {
    state.planNote = { key: 'page.planNone', params: { file: file.name }, problems: [] };
    return;
  }
  if (active.source !== 'sheet') {
    const errors = active.problems.filter((p) => p.severity === 'error');
    state.planNote = {
      key: 'page.planInvalid',
      params: { file: file.name, count: errors.length },
      problems: errors.map((p) => `${p.sheet}!${p.cell}：${describe(state, p)}`),
    };
    return;
  }
  state.plan = active.plan;
  state.planSheets = sheets;
  state.planNote = { key: 'page.planSheet', params: { file: file.name, title: active.plan.title } };
  state.templates = undefined;
}

function period(state: State): { year: number; month: number } {
  const [year, month] = state.month.split('-').map(Number);
  return { year: year ?? state.plan.year, month: month ?? 1 };
}

function templatesSection(state: State, update: Update): HTMLElement {
  const make = el('button', { type: 'button', 'data-testid': 'make-templates' }, t(state, 'page.makeTemplates'));
  make.addEventListener('click', () =>
    update(async (s) => {
      const { year, month } = period(s);
      s.templates = await exportTemplates({ plan: s.plan, year, month }, () => new FileWorkbook());
    }),
  );
  const files = state.templates;
  return el(
    'section',
    { 'aria-labelledby': 'templates' },
    el('h2', { id: 'templates' }, t(state, 'page.templates')),
    el('p', { class: 'hint' }, t(state, 'page.templatesHint')),
    make,
    files
      ? el(
          'div',
          { 'data-testid': 'templates' },
          el('p', {}, t(state, 'page.templatesDone', { count: files.length })),
          el(
            'div',
            { class: 'row' },
            download(
              blobUrl(zipSync(Object.fromEntries(files.map((f) => [f.fileName, f.bytes]))), 'application/zip'),
              `五大攻坚战模板-${state.month}.zip`, // Chinese whatever the page's language, as the files inside
              t(state, 'page.downloadAll'),
              'download-all',
            ),
          ),
          el(
            'ul',
            { class: 'files' },
            ...files.map((f) =>
              el('li', {}, download(blobUrl(f.bytes, XLSX_TYPE), f.fileName, f.fileName, 'template-file', true)),
            ),
          ),
        )
      : null,
  );
}

/** A picker of one spreadsheet file; `chosen` is called with the file picked. */
function singleFileInput(id: string, testId: string, chosen: (file: File) => void): HTMLInputElement {
  const input = el('input', { type: 'file', id, accept: READABLE_EXTENSIONS.join(','), 'data-testid': testId });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) chosen(file);
  });
  return input;
}

function consolidateSection(state: State, update: Update): HTMLElement {
  const drop = dropZone(state, update);
  const previous = singleFileInput('previous', 'previous-input', (file) =>
    update((s) => {
      s.previous = file;
      s.result = undefined;
    }),
  );
  const chosenPrevious = state.previous
    ? (() => {
        const clear = el(
          'button',
          { type: 'button', class: 'secondary', 'data-testid': 'previous-remove' },
          t(state, 'page.remove'),
        );
        clear.addEventListener('click', () =>
          update((s) => {
            s.previous = undefined;
            s.result = undefined;
          }),
        );
        return el('p', { 'data-testid': 'previous-chosen' }, state.previous.name, ' ', clear);
      })()
    : null;
  const run = el(
    'button',
    { type: 'button', 'data-testid': 'consolidate' },
    t(state, state.busy ? 'page.running' : 'page.run'),
  );
  run.disabled = state.busy || state.files.length === 0;
  run.addEventListener('click', () => {
    // Busy at once (the button disabled, 正在汇总…), in an update of its own: an update renders only when its change
    // is done, so a run that set busy itself would show it only after it had been cleared again.
    update((s) => {
      s.busy = true;
      s.error = undefined;
    });
    update(async (s) => {
      s.result = await consolidateFiles(s);
      s.busy = false;
    });
  });
  return el(
    'section',
    { 'aria-labelledby': 'consolidate' },
    el('h2', { id: 'consolidate' }, t(state, 'page.consolidate')),
    drop,
    state.files.length === 0
      ? el('p', { class: 'muted' }, t(state, 'page.noFiles'))
      : el(
          'ul',
          { class: 'files', 'data-testid': 'picked' },
          ...state.files.map((f, i) => {
            const remove = el('button', { type: 'button', class: 'secondary' }, t(state, 'page.remove'));
            remove.addEventListener('click', () =>
              update((s) => {
                s.files = s.files.filter((_, j) => j !== i);
                s.result = undefined;
              }),
            );
            return el('li', {}, f.name, ' ', remove);
          }),
        ),
    el('label', { for: 'previous' }, t(state, 'page.previous')),
    previous,
    chosenPrevious,
    el('div', { class: 'row' }, run),
    state.result ? resultView(state) : null,
  );
}

/** The department files: a drop zone with a file picker beside it (each added file clears the last result). */
function dropZone(state: State, update: Update): HTMLElement {
  const input = el('input', {
    type: 'file',
    multiple: '',
    accept: READABLE_EXTENSIONS.join(','),
    id: 'files',
    'data-testid': 'files-input',
  });
  input.addEventListener('change', () => {
    const picked = [...(input.files ?? [])];
    update((s) => {
      s.files = [...s.files, ...picked];
      s.result = undefined;
    });
  });
  const drop = el(
    'div',
    { class: 'drop', 'data-testid': 'drop' },
    t(state, 'page.dropHint'),
    ' ',
    el('label', { for: 'files', class: 'button secondary' }, t(state, 'page.pick')),
    input,
  );
  input.hidden = true;
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    const dropped = [...(e.dataTransfer?.files ?? [])];
    update((s) => {
      s.files = [...s.files, ...dropped];
      s.result = undefined;
    });
  });
  return drop;
}

async function consolidateFiles(state: State): Promise<State['result']> {
  const workbook = new FileWorkbook();
  for (const s of state.planSheets ?? []) workbook.addSheetData(s);
  const notes: string[] = [];
  if (state.previous) {
    const { files } = await readImportedFiles([state.previous]);
    const history = files[0]?.sheets.find((s) => listedMarkerOf(s.values).marker?.type === HISTORY_MARKER_TYPE);
    if (history && !workbook.sheetNames().some((n) => n.toLowerCase() === history.name.toLowerCase()))
      workbook.addSheetData(history);
    else if (!history) notes.push(t(state, 'page.noHistory', { file: state.previous.name }));
  }
  const { files } = await readImportedFiles(state.files);
  const p = period(state);
  const run = await runConsolidation(workbook, 'pane', {
    files,
    period: p,
    reportMonth: p.month,
    language: state.locale,
  });
  if (!run.ok) throw new Error(t(state, 'page.failed', { reason: run.failure.kind }));
  workbook.arrange(summaryTabOrder(workbook.sheetNames(), run.outcome));
  const fileName = t(state, 'page.summaryFile', p);
  return { outcome: run.outcome, url: blobUrl(workbook.save(), XLSX_TYPE), fileName, notes };
}

function resultView(state: State): HTMLElement | null {
  const r = state.result;
  if (!r) return null;
  const { counts, result } = r.outcome;
  const p = result.period;
  const problems = result.problems;
  return el(
    'div',
    { 'data-testid': 'result', role: 'status' },
    el(
      'p',
      { class: 'ok' },
      t(state, 'page.summaryDone', {
        period: p ? t(state, 'page.period', { year: p.year, month: p.month }) : t(state, 'page.noPeriod'),
        sources: counts.sources,
        used: counts.used,
        expected: counts.expected,
        submitted: counts.matrix.submitted,
      }),
    ),
    el('p', {}, t(state, 'page.lights', { ...counts.lights })),
    ...r.notes.map((n) => el('p', { class: 'warning' }, n)),
    el('div', { class: 'row' }, download(r.url, r.fileName, t(state, 'page.download'), 'download-summary')),
    problems.length > 0
      ? el(
          'div',
          {},
          el('p', {}, t(state, 'page.problems', { errors: counts.errors, warnings: counts.warnings })),
          el(
            'ul',
            { 'data-testid': 'problems' },
            ...problems
              .slice(0, MAX_PROBLEMS_SHOWN)
              .map((q) =>
                el(
                  'li',
                  { class: q.severity === 'error' ? 'error' : 'warning' },
                  q.origin ? `${originPlace(q.origin, q.cell)}：` : '',
                  describe(state, q),
                ),
              ),
          ),
          problems.length > MAX_PROBLEMS_SHOWN
            ? el(
                'p',
                { class: 'muted' },
                t(state, 'page.moreProblems', { count: problems.length - MAX_PROBLEMS_SHOWN }),
              )
            : null,
        )
      : null,
  );
}

/** Where a problem is: file › sheet!cell, or only the file for a problem of the file itself (no sheet). */

const root = document.getElementById('root');
if (root) void start(root);
