import { BULLETIN_EN } from '../../../src/domain/i18n/bulletin.en';
import { BULLETIN_ZH } from '../../../src/domain/i18n/bulletin.zh';
import { formatMessage, placeholders } from '../../../src/domain/i18n/messages';

/**
 * The bulletin's messages: both languages agree. Now in the pane's catalogue, they are also one of the owners of
 * test/taskpane/messages.test.ts, which checks that no key has two owners (moved from here).
 */
describe('bulletin messages', () => {
  const keys = Object.keys(BULLETIN_ZH) as (keyof typeof BULLETIN_ZH)[];

  test('all under bulletin., the same keys in both languages, each with text and the same placeholders', () => {
    expect(keys.filter((k) => !k.startsWith('bulletin.'))).toEqual([]);
    expect(Object.keys(BULLETIN_EN).sort()).toEqual([...keys].sort());
    const bad = keys.filter((k) => {
      const a = BULLETIN_ZH[k];
      const b = BULLETIN_EN[k];
      return a.trim() === '' || b.trim() === '' || placeholders(a).join() !== placeholders(b).join();
    });
    expect(bad).toEqual([]);
  });

  test('the words leaders read', () => {
    expect(
      ['better', 'same', 'worse'].map((c) => BULLETIN_ZH[`bulletin.change.${c}` as 'bulletin.change.same']),
    ).toEqual(['好转', '持平', '下滑']);
    expect(formatMessage(BULLETIN_ZH, 'bulletin.run', { count: 3, lights: BULLETIN_ZH['bulletin.run.red'] })).toBe(
      '连续 3 个月红灯',
    );
    expect(formatMessage(BULLETIN_EN, 'bulletin.run', { count: 3, lights: BULLETIN_EN['bulletin.run.red'] })).toBe(
      'red for 3 months in a row',
    );
  });
});
