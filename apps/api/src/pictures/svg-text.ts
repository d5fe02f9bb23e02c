import { escapeXml } from '@app/projections';

/** Text for an SVG element's content or an attribute value: XML-escaped, characters XML forbids replaced (U+FFFD). */
export function svgText(text: string): string {
  return escapeXml(text);
}

/** At most `maxCharacters` characters (code points, so no surrogate pair is split), with an ellipsis when cut. */
export function truncated(text: string, maxCharacters: number): string {
  const characters = Array.from(text);
  if (characters.length <= maxCharacters) return text;
  return `${characters.slice(0, Math.max(1, maxCharacters - 1)).join('').trimEnd()}…`;
}

// East Asian wide characters and emoji take about a full em; most Latin, Cyrillic and Greek letters about 0.6 em in
// DejaVu Sans. An estimate is enough: it only keeps labels from running into each other.
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;
const NARROW = /[ il.,:;'!|()[\]ıɪ]/;

/** About how many pixels `text` takes at `fontSize`. */
export function estimatedTextWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const character of text) ems += WIDE.test(character) ? 1 : NARROW.test(character) ? 0.32 : 0.62;
  return ems * fontSize;
}

/** A pixel value with at most one decimal: enough for a screen, and short. */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}
