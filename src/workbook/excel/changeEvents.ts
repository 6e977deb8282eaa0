import { PortError, type ChangeEvent, type Unsubscribe } from '../port';
import { withRetry, type RetryPolicy } from './errors';
import { requirementOf } from './features';

/**
 * onChange: one handler on worksheets.onChanged for every sheet (1 round trip to add it, 1 to remove it). Excel
 * names the changed sheet by id, so each event costs a name lookup, shared by the events of a burst.
 */

type ExcelRun = typeof Excel.run;

export async function subscribeToChanges(
  run: ExcelRun,
  retry: RetryPolicy,
  supported: boolean,
  listener: (e: ChangeEvent) => void,
): Promise<Unsubscribe> {
  if (!supported) throw new PortError('unsupported', `worksheets.onChanged needs ${requirementOf('changeEvents')}`);
  const registration = await withRetry(
    () =>
      run(async (context) => {
        const result = context.workbook.worksheets.onChanged.add(changeHandler(sheetNames(run, retry), listener));
        await context.sync();
        return result;
      }),
    retry,
  );
  return () =>
    withRetry(
      () =>
        run(registration.context, async (context) => {
          registration.remove();
          await context.sync();
        }),
      retry,
    );
}

/** The listener as an onChanged handler: the event's sheet named, the add-in's own writes left out. */
function changeHandler(
  nameOf: (worksheetId: string) => Promise<string>,
  listener: (e: ChangeEvent) => void,
): (event: Excel.WorksheetChangedEventArgs) => Promise<void> {
  return async (event) => {
    // This add-in's own writes (Excel says so from ExcelApi 1.14): the add-in knows what it wrote, and a
    // consolidation would otherwise answer its own write with a burst of events.
    if (event.triggerSource === 'ThisLocalAddin') return;
    let sheet: string;
    try {
      sheet = await nameOf(event.worksheetId);
    } catch (error) {
      // The sheet was deleted since: nothing left to check. Anything else is not swallowed.
      if (error instanceof PortError && error.code === 'sheetMissing') return;
      throw error;
    }
    listener({ sheet, address: event.address });
  };
}

/**
 * A sheet's name by its id, looked up when an event comes (sheets can be renamed). Lookups in flight are shared by
 * id: a burst of events on one sheet (a paste, another add-in's write) costs one round trip, not one per event.
 */
function sheetNames(run: ExcelRun, retry: RetryPolicy): (worksheetId: string) => Promise<string> {
  const inFlight = new Map<string, Promise<string>>();
  return (worksheetId) => {
    let lookup = inFlight.get(worksheetId);
    if (!lookup) {
      // Retried like any request (the user may already be typing in the next cell: cell-edit mode).
      lookup = withRetry(() => sheetName(run, worksheetId), retry).finally(() => inFlight.delete(worksheetId));
      inFlight.set(worksheetId, lookup);
    }
    return lookup;
  };
}

function sheetName(run: ExcelRun, worksheetId: string): Promise<string> {
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(worksheetId);
    sheet.load('name');
    await context.sync();
    return sheet.name;
  });
}
