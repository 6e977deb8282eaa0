import type { MessageKey } from './i18n';
import { PortError, type PortErrorCode } from '../workbook/port';
import type { WritingAction } from '../workbook/usecases/workbookBusy';
import type { Translate } from './i18n';

/** The one place a workbook refusal becomes a message (ARCHITECTURE.md: one place maps errors to messages). */
export const PORT_ERROR_KEYS = {
  cellEditMode: 'port.cellEditMode',
  sheetProtected: 'port.sheetProtected',
  payloadTooLarge: 'port.payloadTooLarge',
  nameClash: 'port.nameClash',
  unsupported: 'port.unsupported',
  sheetMissing: 'port.sheetMissing',
  unknown: 'port.unknown',
} as const satisfies Record<PortErrorCode, MessageKey>;

/** A PortError's code; anything else thrown (a bug, a network failure) is 'unknown'. */
export function portErrorCode(e: unknown): PortErrorCode {
  return e instanceof PortError ? e.code : 'unknown';
}

/** The localized message for an error from the port. */
export function describePortError(e: unknown, t: Translate): string {
  return t(PORT_ERROR_KEYS[portErrorCode(e)]);
}

/** The untranslated technical detail worth showing beside the message (a sheet name, an Office.js message). */
export function portErrorDetail(e: unknown): string | undefined {
  if (e instanceof PortError) return e.detail || undefined;
  if (e instanceof Error) return e.message || e.name;
  return e === undefined ? undefined : String(e);
}

/** What the user is told when a writing action is refused because another is in flight (workbookBusy). */
export const BUSY_KEYS = {
  consolidation: 'ui.busy.consolidation',
  templates: 'ui.busy.templates',
} as const satisfies Record<WritingAction, MessageKey>;

/** The refusal as a notice: a warning (nothing went wrong; the click came too early), saying what is running. */
export function busyNotice(running: WritingAction, t: Translate) {
  return { intent: 'warning', title: t('ui.busy.title'), message: t(BUSY_KEYS[running]) } as const;
}
