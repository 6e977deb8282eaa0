import { CATALOGUE, translatorFor } from '../messages';
import { LOCALES } from '../../src/domain/i18n/messages';
import { PORT_ERROR_KEYS, describePortError, portErrorCode, portErrorDetail } from '../../src/taskpane/portErrors';
import { PortError, type PortErrorCode } from '../../src/workbook/port';

/** Every code, spelled out; the type assertion below fails to compile if the port gains a code missing here. */
const CODES = [
  'cellEditMode',
  'sheetProtected',
  'payloadTooLarge',
  'nameClash',
  'unsupported',
  'sheetMissing',
  'unknown',
] as const satisfies readonly PortErrorCode[];
type Missing = Exclude<PortErrorCode, (typeof CODES)[number]>;
const allCodesListed: [Missing] extends [never] ? true : false = true;

describe('describePortError', () => {
  test('the list of codes is complete', () => {
    expect(allCodesListed).toBe(true);
    expect(Object.keys(PORT_ERROR_KEYS).sort()).toEqual([...CODES].sort());
  });

  test.each(CODES)('%s has a message in both languages', (code) => {
    for (const locale of LOCALES) {
      const message = describePortError(new PortError(code), translatorFor(locale));
      expect(message).toBe(CATALOGUE[locale][PORT_ERROR_KEYS[code]]);
      expect(message.trim()).not.toBe('');
      expect(message).not.toMatch(/[{}]/);
    }
    // Distinct languages: the English text is not the Chinese one copied.
    expect(describePortError(new PortError(code), translatorFor('en-US'))).not.toBe(
      describePortError(new PortError(code), translatorFor('zh-CN')),
    );
  });

  test('the issue text for cell edit mode', () => {
    expect(describePortError(new PortError('cellEditMode'), translatorFor('zh-CN'))).toBe('请先退出单元格编辑模式再试');
  });

  test('anything that is not a PortError is unknown', () => {
    for (const e of [new Error('boom'), new TypeError('x is undefined'), 'text', 42, undefined, null]) {
      expect(portErrorCode(e)).toBe('unknown');
      expect(describePortError(e, translatorFor('zh-CN'))).toBe(CATALOGUE['zh-CN']['port.unknown']);
    }
  });

  test('technical detail', () => {
    expect(portErrorDetail(new PortError('sheetMissing', '汇总'))).toBe('汇总');
    expect(portErrorDetail(new PortError('cellEditMode'))).toBeUndefined();
    expect(portErrorDetail(new Error('GeneralException'))).toBe('GeneralException');
    expect(portErrorDetail('odd')).toBe('odd');
    expect(portErrorDetail(undefined)).toBeUndefined();
  });
});
