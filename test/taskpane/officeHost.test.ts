import { hostThemeFromOffice, officeHostInfo, type OfficeApi } from '../../src/taskpane/officeHost';

const THEME_CHANGED = 1001 as Office.EventType;
const SUCCEEDED = 0 as Office.AsyncResultStatus;
const FAILED = 1 as Office.AsyncResultStatus;

function fakeOffice(opts: { officeTheme?: object; register?: 'ok' | 'fail' | 'throw'; eventType?: boolean }) {
  const handlers: ((args?: unknown) => void)[] = [];
  const removed: unknown[] = [];
  const office: OfficeApi = {
    context: {
      displayLanguage: 'zh-CN',
      ...(opts.officeTheme ? { officeTheme: opts.officeTheme } : {}),
      document: {
        addHandlerAsync(_type, handler, callback) {
          if (opts.register === 'throw') throw new Error('Invalid event type');
          if (opts.register === 'fail') {
            callback?.({ status: FAILED, error: { message: 'not supported' } } as Office.AsyncResult<void>);
            return;
          }
          handlers.push(handler);
          callback?.({ status: SUCCEEDED } as Office.AsyncResult<void>);
        },
        removeHandlerAsync(_type, options) {
          removed.push(options?.handler);
        },
      },
    },
    EventType: opts.eventType === false ? {} : { OfficeThemeChanged: THEME_CHANGED },
    AsyncResultStatus: { Succeeded: SUCCEEDED },
  };
  return { office, handlers, removed };
}

describe('officeHostInfo', () => {
  let info: jest.SpyInstance;
  beforeEach(() => {
    info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => info.mockRestore());

  test('language and the theme read at start-up', () => {
    const { office } = fakeOffice({
      officeTheme: { bodyBackgroundColor: '#262626', bodyForegroundColor: '#FFFFFF', isDarkTheme: true },
    });
    const host = officeHostInfo(office);
    expect(host.language).toBe('zh-CN');
    expect(host.theme).toEqual({ bodyBackgroundColor: '#262626', isDark: true });
  });

  test('no officeTheme (some hosts) → no theme', () => {
    expect(officeHostInfo(fakeOffice({}).office).theme).toBeUndefined();
  });

  test('theme changes reach the listener until unsubscribed', () => {
    const { office, handlers, removed } = fakeOffice({ register: 'ok' });
    const seen: unknown[] = [];
    const unsubscribe = officeHostInfo(office).onThemeChange?.((t) => seen.push(t));
    expect(handlers).toHaveLength(1);
    handlers[0]?.({ type: 'officeThemeChanged', officeTheme: { bodyBackgroundColor: '#FFFFFF' } });
    handlers[0]?.({ type: 'officeThemeChanged' }); // no theme in the event: ignored
    expect(seen).toEqual([{ bodyBackgroundColor: '#FFFFFF' }]);
    unsubscribe?.();
    expect(removed).toEqual([handlers[0]]);
    handlers[0]?.({ officeTheme: { bodyBackgroundColor: '#000000' } });
    expect(seen).toHaveLength(1);
  });

  test.each(['fail', 'throw'] as const)(
    'a host that refuses the event (%s) keeps the start-up theme, quietly but not silently',
    (register) => {
      const { office, removed } = fakeOffice({ register });
      const unsubscribe = officeHostInfo(office).onThemeChange?.(() => undefined);
      expect(info).toHaveBeenCalledTimes(1);
      unsubscribe?.();
      expect(removed).toEqual([]);
    },
  );

  test('no OfficeThemeChanged event type → no onThemeChange', () => {
    expect(officeHostInfo(fakeOffice({ eventType: false }).office).onThemeChange).toBeUndefined();
  });

  test('hostThemeFromOffice keeps only well-typed fields', () => {
    expect(hostThemeFromOffice({ bodyBackgroundColor: 1, isDarkTheme: 'yes' })).toEqual({});
    expect(hostThemeFromOffice(null)).toBeUndefined();
    expect(hostThemeFromOffice('x')).toBeUndefined();
  });
});
