/**
 * Dark tones of the light hues, for small text on white or a light tint and for white text on a fill: even
 * shade 9 of these palettes is under WCAG AA's 4.5:1 (measured: each of these is ≥ 4.8:1 on white and gray-1).
 * Other hues are dark enough at shade 9.
 */
export const DARK_TONE: Readonly<Record<string, string>> = {
  yellow: '#a05300',
  orange: '#b83d0c',
  lime: '#49760a',
  green: '#247534',
  teal: '#077856',
};

/** A colour for small text in this hue that reads on white: the dark tone, or shade 9. */
export function textTone(hue: string): string {
  return DARK_TONE[hue] ?? `${hue}.9`;
}
