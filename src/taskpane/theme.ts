import { useEffect, useState } from 'react';
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import type { HostInfo, HostTheme } from './host';

export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** Parses "#RGB" or "#RRGGBB" (the "#" optional, as Office hosts differ); anything else is undefined. */
export function parseHexColor(text: string | undefined): Rgb | undefined {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text?.trim() ?? '');
  const hex = m?.[1];
  if (!hex) return undefined;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const channel = (i: number) => parseInt(full.slice(i, i + 2), 16);
  return { r: channel(0), g: channel(2), b: channel(4) };
}

/** WCAG 2 relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance({ r, g, b }: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * Below this luminance white text contrasts better than black text ((1.05)/(L+0.05) > (L+0.05)/0.05), so the
 * background is dark: #808080 is light, #6A6A6A and darker are dark.
 */
const DARK_LUMINANCE = Math.sqrt(1.05 * 0.05) - 0.05;

export type ThemeSource = 'flag' | 'color' | 'default';

export interface DetectedTheme {
  readonly dark: boolean;
  /** Where the answer came from: the host's own dark flag, the body background's luminance, or neither. */
  readonly source: ThemeSource;
  /** The parsed background colour, normalised to "#RRGGBB", when it was used. */
  readonly color?: string;
}

/**
 * Light or dark from what the host reports. The host's explicit flag wins (Office's "Dark Gray" theme is dark
 * but its background is not black); otherwise the body background's luminance decides; otherwise light.
 */
export function detectTheme(theme: HostTheme | undefined): DetectedTheme {
  if (typeof theme?.isDark === 'boolean') return { dark: theme.isDark, source: 'flag' };
  const rgb = parseHexColor(theme?.bodyBackgroundColor);
  if (rgb) {
    const color = `#${[rgb.r, rgb.g, rgb.b]
      .map((c) => c.toString(16).padStart(2, '0'))
      .join('')
      .toUpperCase()}`;
    return { dark: relativeLuminance(rgb) < DARK_LUMINANCE, source: 'color', color };
  }
  return { dark: false, source: 'default' };
}

export function isDark(theme: HostTheme | undefined): boolean {
  return detectTheme(theme).dark;
}

export function fluentTheme(dark: boolean): Theme {
  return dark ? webDarkTheme : webLightTheme;
}

/**
 * The host's current theme: the one it started with, then whatever it reports through onThemeChange (the
 * component re-renders with the new theme). A host without onThemeChange keeps its initial theme.
 */
export function useHostTheme(host: HostInfo): HostTheme | undefined {
  const [theme, setTheme] = useState<HostTheme | undefined>(host.theme);
  useEffect(() => host.onThemeChange?.(setTheme), [host]);
  return theme;
}
