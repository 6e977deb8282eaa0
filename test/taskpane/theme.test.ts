import { detectTheme, isDark, parseHexColor, relativeLuminance } from '../../src/taskpane/theme';

describe('parseHexColor', () => {
  test.each([
    ['#FFFFFF', { r: 255, g: 255, b: 255 }],
    ['#ffa500', { r: 255, g: 165, b: 0 }],
    ['#000', { r: 0, g: 0, b: 0 }],
    ['262626', { r: 38, g: 38, b: 38 }],
    [' #abc ', { r: 0xaa, g: 0xbb, b: 0xcc }],
  ])('%s', (text, rgb) => expect(parseHexColor(text)).toEqual(rgb));

  test.each([undefined, '', '#', '#12', '#12345', '#GGGGGG', 'rgb(0,0,0)', 'black', '#FFFFFFFF'])(
    '%s is not a colour',
    (text) => expect(parseHexColor(text)).toBeUndefined(),
  );
});

describe('relativeLuminance', () => {
  test('black is 0, white is 1, mid grey about 0.216', () => {
    expect(relativeLuminance({ r: 0, g: 0, b: 0 })).toBe(0);
    expect(relativeLuminance({ r: 255, g: 255, b: 255 })).toBeCloseTo(1, 10);
    expect(relativeLuminance({ r: 128, g: 128, b: 128 })).toBeCloseTo(0.2158, 3);
  });
});

describe('detectTheme / isDark', () => {
  test.each([
    // Office body background colours: White, Colorful, light grey, mid grey → light; darker → dark.
    ['#FFFFFF', false],
    ['#E6E6E6', false],
    ['#F3F2F1', false],
    ['#808080', false],
    ['#6A6A6A', true],
    ['#444444', true],
    ['#262626', true],
    ['#000000', true],
    ['#1F1F1F', true],
    ['#0F6CBD', true], // a saturated blue: white text contrasts better
    ['#FFFF00', false],
  ])('background %s → dark %s', (color, dark) => {
    expect(isDark({ bodyBackgroundColor: color })).toBe(dark);
    expect(detectTheme({ bodyBackgroundColor: color })).toMatchObject({
      dark,
      source: 'color',
      color: color.toUpperCase(),
    });
  });

  test("the host's own flag wins over the colour", () => {
    expect(detectTheme({ isDark: true, bodyBackgroundColor: '#FFFFFF' })).toEqual({ dark: true, source: 'flag' });
    expect(detectTheme({ isDark: false, bodyBackgroundColor: '#000000' })).toEqual({ dark: false, source: 'flag' });
  });

  test('nothing usable → light, from the default', () => {
    expect(detectTheme(undefined)).toEqual({ dark: false, source: 'default' });
    expect(detectTheme({})).toEqual({ dark: false, source: 'default' });
    expect(detectTheme({ bodyBackgroundColor: 'not a colour' })).toEqual({ dark: false, source: 'default' });
  });

  test('the colour is normalised to #RRGGBB', () => {
    expect(detectTheme({ bodyBackgroundColor: 'fff' })).toEqual({ dark: false, source: 'color', color: '#FFFFFF' });
  });
});
