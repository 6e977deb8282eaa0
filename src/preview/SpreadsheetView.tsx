import { useEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { cellAddress, columnLetters, parseCell } from '../domain/grid/address';
import type { CellView, MemoryWorkbook } from '../workbook/memory/memoryWorkbook';
import { displayValue } from './format';

/**
 * The preview's spreadsheet: sheet tabs, a formula bar and a grid of the in-memory workbook showing computed
 * values with their number formats, fills and conditional formats. Typing goes through `userEdit`, so that
 * protection and data-validation refusals appear as in Excel.
 */
export interface SpreadsheetViewProps {
  readonly workbook: MemoryWorkbook;
}

const MAX_COLS = 26;
const EMPTY_VIEW: CellView = { value: null, numberFormat: 'General', locked: false };

function useWorkbookVersion(workbook: MemoryWorkbook): number {
  const [version, bump] = useReducer((x: number) => x + 1, 0);
  useEffect(() => workbook.subscribeView(bump), [workbook]);
  return version;
}

/**
 * Long because it is one small state machine — the selected cell, the text being edited, a refusal — whose handlers
 * (keys on the grid, the formula bar, clicks) all move between the same states; its parts are components below.
 */
export function SpreadsheetView({ workbook }: SpreadsheetViewProps) {
  const version = useWorkbookVersion(workbook);
  const names = workbook.sheetNames();
  const [sheet, setSheet] = useState(names[0] ?? '');
  const [selected, setSelected] = useState('A1');
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [refusal, setRefusal] = useState<{ title: string; message: string } | undefined>(undefined);
  const inputRef = useRef<HTMLInputElement>(null);

  // Follow activate()/select() from the task pane.
  useEffect(() => {
    if (workbook.active && names.includes(workbook.active.sheet)) {
      setSheet(workbook.active.sheet);
      setSelected(workbook.active.cell);
    }
  }, [version]);

  const current = names.includes(sheet) ? sheet : (names[0] ?? '');
  const dims = current ? workbook.dimensions(current) : { rows: 0, cols: 0 };
  const cols = Math.min(Math.max(dims.cols, 8), MAX_COLS);
  const rows = Math.max(dims.rows + 3, 20);
  const selectedView = current ? workbook.cellView(current, selected) : undefined;
  const prompt = current ? workbook.promptFor(current, selected) : undefined;
  const barText = editing ?? selectedView?.formula ?? rawText(selectedView?.value ?? null);

  function commit(text: string) {
    const r = workbook.userEdit(current, selected, text);
    setEditing(undefined);
    if (!r.ok) setRefusal({ title: r.title, message: r.message });
  }

  function move(dRow: number, dCol: number) {
    const ref = parseCell(selected);
    setSelected(cellAddress(Math.max(1, Math.min(cols, ref.column + dCol)), Math.max(1, ref.row + dRow)));
  }

  const startEditing = (text: string) => {
    setEditing(text);
    setTimeout(() => inputRef.current?.focus(), 0);
  };
  function onGridKey(e: KeyboardEvent) {
    if (editing !== undefined) return;
    const key = gridKey(e);
    if (key.kind === 'move' || key.kind === 'edit') e.preventDefault();
    if (key.kind === 'move') move(key.dRow, key.dCol);
    else if (key.kind === 'edit') startEditing(barText);
    else if (key.kind === 'type') startEditing('');
    else if (key.kind === 'clear') commit('');
  }

  return (
    <section className="sheet" aria-label="工作簿预览 / Workbook preview">
      <FormulaBar
        inputRef={inputRef}
        selected={selected}
        text={barText}
        onFocus={() => editing === undefined && setEditing(barText)}
        onChange={setEditing}
        onEnter={() => {
          commit(editing ?? '');
          move(1, 0);
        }}
        onEscape={() => setEditing(undefined)}
      />
      {prompt && (
        <div className="prompt" role="note" data-testid="prompt">
          <strong>{prompt.title}</strong> {prompt.message}
        </div>
      )}
      <div className="grid-wrap" tabIndex={0} onKeyDown={onGridKey} data-testid="grid" aria-label={`${current} 单元格`}>
        <SheetTable
          workbook={workbook}
          sheet={current}
          rows={rows}
          cols={cols}
          selected={selected}
          onSelect={(addr) => {
            setSelected(addr);
            setEditing(undefined);
          }}
          onEdit={(addr, text) => {
            setSelected(addr);
            startEditing(text);
          }}
        />
      </div>
      <SheetTabs
        names={names}
        current={current}
        onSelect={(n) => {
          setSheet(n);
          setSelected('A1');
        }}
      />
      {refusal && <Refusal refusal={refusal} onClose={() => setRefusal(undefined)} />}
    </section>
  );
}

const MOVES: Readonly<Record<string, readonly [number, number]>> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
  Tab: [0, 1],
};

type GridKey =
  | { readonly kind: 'move'; readonly dRow: number; readonly dCol: number }
  | { readonly kind: 'edit' | 'type' | 'clear' | 'none' };

/** What a key pressed on the grid does, as in Excel: arrows move, Enter/F2 edit, a character starts typing. */
function gridKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey'>): GridKey {
  const m = MOVES[e.key];
  if (m) return { kind: 'move', dRow: m[0], dCol: m[1] };
  if (e.key === 'Enter' || e.key === 'F2') return { kind: 'edit' };
  if (e.key.length === 1 && !e.ctrlKey && !e.metaKey) return { kind: 'type' };
  if (e.key === 'Delete') return { kind: 'clear' };
  return { kind: 'none' };
}

interface FormulaBarProps {
  readonly inputRef: RefObject<HTMLInputElement | null>;
  readonly selected: string;
  readonly text: string;
  readonly onFocus: () => void;
  readonly onChange: (text: string) => void;
  readonly onEnter: () => void;
  readonly onEscape: () => void;
}

/** The name box and the formula bar, where a selected cell is typed into. */
function FormulaBar({ inputRef, selected, text, onFocus, onChange, onEnter, onEscape }: FormulaBarProps) {
  return (
    <div className="formula-bar">
      <span className="name-box" data-testid="name-box">
        {selected}
      </span>
      <input
        ref={inputRef}
        data-testid="formula-bar"
        aria-label="编辑栏 / Formula bar"
        value={text}
        onFocus={onFocus}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault(); // or the keypress would press the refusal dialog's button at once
            onEnter();
          } else if (e.key === 'Escape') onEscape();
        }}
      />
    </div>
  );
}

/** The sheet tabs below the grid. */
function SheetTabs({
  names,
  current,
  onSelect,
}: {
  readonly names: readonly string[];
  readonly current: string;
  readonly onSelect: (name: string) => void;
}) {
  // The sample holds 31 sheets and opens on June's, past the bar's width: the active tab is scrolled into view,
  // as Excel's tab bar does.
  const active = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    active.current?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [current, names.length]);
  return (
    <nav className="tabs" aria-label="工作表 / Sheets">
      {names.map((n) => (
        <button
          key={n}
          ref={n === current ? active : undefined}
          type="button"
          className={n === current ? 'tab active' : 'tab'}
          aria-current={n === current}
          onClick={() => onSelect(n)}
        >
          {n}
        </button>
      ))}
    </nav>
  );
}

/** Excel's refusal of an entry (a locked cell, a value data validation stops), as a modal dialog. */
function Refusal({
  refusal,
  onClose,
}: {
  readonly refusal: { readonly title: string; readonly message: string };
  readonly onClose: () => void;
}) {
  return (
    <div className="refusal" role="alertdialog" aria-modal="true" aria-labelledby="refusal-title" data-testid="refusal">
      <h2 id="refusal-title">{refusal.title}</h2>
      <p>{refusal.message}</p>
      <button type="button" autoFocus onClick={onClose}>
        重试 / Retry
      </button>
    </div>
  );
}

interface SheetTableProps {
  readonly workbook: MemoryWorkbook;
  readonly sheet: string;
  readonly rows: number;
  readonly cols: number;
  readonly selected: string;
  readonly onSelect: (address: string) => void;
  readonly onEdit: (address: string, text: string) => void;
}

/** The grid of one sheet: computed values with their formats and conditional formats, merged cells spanned. */
function SheetTable({ workbook, sheet, rows, cols, selected, onSelect, onEdit }: SheetTableProps) {
  const meta = sheet ? workbook.sheetMeta(sheet) : undefined;
  const merged = useMemo(() => mergeMap(meta?.merges ?? []), [meta?.merges]);
  return (
    <table className="grid" role="grid" aria-rowcount={rows}>
      <thead>
        <tr>
          <th className="corner" />
          {Array.from({ length: cols }, (_, i) => (
            <th key={i} scope="col" style={{ width: widthPx(meta?.columnWidths.get(i + 1)?.width) }}>
              {columnLetters(i + 1)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: rows }, (_, i) => {
          const row = i + 1;
          if (meta?.rowHeights.get(row)?.hidden) return null;
          return (
            <tr key={row}>
              <th scope="row">{row}</th>
              {Array.from({ length: cols }, (_, j) => {
                const column = j + 1;
                const addr = cellAddress(column, row);
                const span = merged.get(addr);
                if (span === 'covered') return null;
                const view = sheet ? workbook.cellView(sheet, { row, column }) : EMPTY_VIEW; // ?empty: no sheet yet
                const text = displayValue(view.value, view.numberFormat);
                const isSel = addr === selected;
                return (
                  <td
                    key={column}
                    data-cell={addr}
                    role="gridcell"
                    aria-selected={isSel}
                    colSpan={span?.cols}
                    rowSpan={span?.rows}
                    className={[
                      isSel ? 'sel' : '',
                      view.locked ? '' : 'input',
                      typeof view.value === 'number' ? 'num' : '',
                    ].join(' ')}
                    style={{
                      background: view.fill,
                      color: view.fontColor,
                      fontWeight: view.bold ? 600 : undefined,
                      textAlign: view.style?.horizontal,
                      whiteSpace: view.style?.wrap ? 'normal' : 'nowrap',
                    }}
                    title={view.formula}
                    onClick={() => onSelect(addr)}
                    onDoubleClick={() => onEdit(addr, view.formula ?? rawText(view.value))}
                  >
                    {text}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function rawText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return (v as { error: string }).error;
  return String(v);
}

/** Excel's character widths to pixels (≈ 7 px a character at the default font, plus padding). */
function widthPx(chars: number | undefined): number {
  return Math.round((chars ?? 9) * 7 + 5);
}

function mergeMap(merges: readonly string[]): Map<string, { rows: number; cols: number } | 'covered'> {
  const out = new Map<string, { rows: number; cols: number } | 'covered'>();
  for (const m of merges) {
    const [a, b] = m.split(':');
    if (!a || !b) continue;
    const s = parseCell(a);
    const e = parseCell(b);
    for (let r = s.row; r <= e.row; r++)
      for (let c = s.column; c <= e.column; c++) out.set(cellAddress(c, r), 'covered');
    out.set(a, { rows: e.row - s.row + 1, cols: e.column - s.column + 1 });
  }
  return out;
}
