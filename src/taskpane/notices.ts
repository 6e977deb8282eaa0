import { createContext, createElement, useCallback, useContext, useMemo, useReducer, type ReactNode } from 'react';
import { useT } from './i18n';
import { isWorkbookBusy } from '../workbook/usecases/workbookBusy';
import { busyNotice, describePortError, portErrorCode, portErrorDetail } from './portErrors';

export type NoticeIntent = 'info' | 'success' | 'warning' | 'error';

export interface NoticeInput {
  readonly intent: NoticeIntent;
  /** Always present: the MessageBar is labelled by its title. */
  readonly title: string;
  readonly message: string;
  /** Untranslated technical detail (an Office.js message), shown small under the message. */
  readonly detail?: string;
}

export interface Notice extends NoticeInput {
  readonly id: number;
}

export interface NoticesState {
  readonly nextId: number;
  readonly notices: readonly Notice[];
}

export type NoticesAction =
  { readonly type: 'add'; readonly notice: NoticeInput } | { readonly type: 'dismiss'; readonly id: number };

/** At 320 px a long stack of bars would push the feature off screen: the oldest give way. */
export const MAX_NOTICES = 3;

export const EMPTY_NOTICES: NoticesState = { nextId: 1, notices: [] };

export function noticesReducer(state: NoticesState, action: NoticesAction): NoticesState {
  switch (action.type) {
    case 'add':
      return {
        nextId: state.nextId + 1,
        notices: [...state.notices, { ...action.notice, id: state.nextId }].slice(-MAX_NOTICES),
      };
    case 'dismiss':
      return { ...state, notices: state.notices.filter((n) => n.id !== action.id) };
  }
}

export interface Notices {
  readonly notices: readonly Notice[];
  notify(notice: NoticeInput): void;
  /** Shows an error from the port (or anything a use case threw) as a localized message. */
  notifyError(error: unknown): void;
  dismiss(id: number): void;
}

const NoticesContext = createContext<Notices | null>(null);

export function NoticesProvider({ children }: { readonly children?: ReactNode }) {
  const t = useT();
  const [state, dispatch] = useReducer(noticesReducer, EMPTY_NOTICES);
  const notify = useCallback((notice: NoticeInput) => dispatch({ type: 'add', notice }), []);
  const notifyError = useCallback(
    (error: unknown) => {
      // Another writing action is in flight: the user is told to wait, not that something failed.
      if (isWorkbookBusy(error)) {
        notify(busyNotice(error.running, t));
        return;
      }
      // An unexpected error is a bug or an outage: the user gets a message, the developer the stack.
      if (portErrorCode(error) === 'unknown') console.error(error);
      const detail = portErrorDetail(error);
      notify({
        intent: 'error',
        title: t('ui.status.errorTitle'),
        message: describePortError(error, t),
        ...(detail ? { detail } : {}),
      });
    },
    [notify, t],
  );
  const dismiss = useCallback((id: number) => dispatch({ type: 'dismiss', id }), []);
  const value = useMemo<Notices>(
    () => ({ notices: state.notices, notify, notifyError, dismiss }),
    [state.notices, notify, notifyError, dismiss],
  );
  return createElement(NoticesContext.Provider, { value }, children);
}

/** The status area's notices and the functions features use to report (notify, notifyError). */
export function useNotices(): Notices {
  const notices = useContext(NoticesContext);
  if (!notices) throw new Error('useNotices must be used inside <NoticesProvider>');
  return notices;
}
