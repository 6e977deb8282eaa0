import type { HostInfo, HostTheme } from './host';

/**
 * HostInfo from Office.js, for index.tsx (the only task-pane module that touches Office).
 *
 * Theme: Office.context.officeTheme is read once at start-up (bodyBackgroundColor everywhere it exists;
 * isDarkTheme where the host has it). Change notification is best effort: Office.js defines
 * EventType.OfficeThemeChanged, but Excel does not raise it for Document today (Outlook has it on the mailbox,
 * PowerPoint had it on the document), so the subscription is attempted and, when the host refuses it, the
 * theme read at start-up stays until the task pane is reopened. No polling: officeTheme is a snapshot too.
 */

/** The slice of Office.js read here; structural, so that `Office` itself fits and tests can pass a fake. */
export interface OfficeApi {
  readonly context: {
    readonly displayLanguage: string;
    readonly officeTheme?: OfficeThemeLike;
    readonly document?: OfficeDocumentLike;
  };
  readonly EventType: { readonly OfficeThemeChanged?: Office.EventType };
  readonly AsyncResultStatus: { readonly Succeeded: Office.AsyncResultStatus };
}

interface OfficeThemeLike {
  readonly bodyBackgroundColor?: string;
  readonly isDarkTheme?: boolean;
}

/** Office.js types event handlers loosely (`any`): the arguments are checked where they are read. */
type ThemeHandler = (args?: unknown) => void;

interface OfficeDocumentLike {
  addHandlerAsync(
    eventType: Office.EventType,
    handler: ThemeHandler,
    callback?: (result: Office.AsyncResult<void>) => void,
  ): void;
  removeHandlerAsync(
    eventType: Office.EventType,
    options?: { handler?: ThemeHandler },
    callback?: (result: Office.AsyncResult<void>) => void,
  ): void;
}

/** Only the fields the theme detection uses, and only when Office gave them (older hosts have no isDarkTheme). */
export function hostThemeFromOffice(theme: unknown): HostTheme | undefined {
  if (typeof theme !== 'object' || theme === null) return undefined;
  const { bodyBackgroundColor, isDarkTheme } = theme as OfficeThemeLike; // host data: each field checked below
  return {
    ...(typeof bodyBackgroundColor === 'string' ? { bodyBackgroundColor } : {}),
    ...(typeof isDarkTheme === 'boolean' ? { isDark: isDarkTheme } : {}),
  };
}

/** The officeTheme of an OfficeThemeChanged event's arguments. */
function officeThemeOf(args: unknown): unknown {
  return typeof args === 'object' && args !== null && 'officeTheme' in args ? args.officeTheme : undefined;
}

export function officeHostInfo(office: OfficeApi): HostInfo {
  const theme = hostThemeFromOffice(office.context.officeTheme);
  const eventType = office.EventType.OfficeThemeChanged;
  const doc = office.context.document;
  return {
    language: office.context.displayLanguage ?? '',
    ...(theme ? { theme } : {}),
    ...(eventType !== undefined && doc
      ? {
          onThemeChange: (listener: (t: HostTheme) => void) =>
            subscribeThemeChanges(doc, eventType, office.AsyncResultStatus.Succeeded, listener),
        }
      : {}),
  };
}

function subscribeThemeChanges(
  doc: OfficeDocumentLike,
  eventType: Office.EventType,
  succeeded: Office.AsyncResultStatus,
  listener: (theme: HostTheme) => void,
): () => void {
  let active = true;
  let registered = false;
  const handler: ThemeHandler = (args) => {
    const theme = hostThemeFromOffice(officeThemeOf(args));
    if (active && theme) listener(theme);
  };
  const unsupported = (why: unknown) =>
    console.info('[theme] this host does not report Office theme changes; the theme read at start-up stays.', why);
  try {
    doc.addHandlerAsync(eventType, handler, (result) => {
      if (result.status === succeeded) registered = true;
      else unsupported(result.error?.message);
    });
  } catch (e) {
    // Some hosts validate the event type synchronously and throw instead of failing the callback.
    unsupported(e);
  }
  return () => {
    active = false;
    if (registered) doc.removeHandlerAsync(eventType, { handler });
  };
}
