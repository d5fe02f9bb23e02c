import { estimatedTextWidth, svgText, truncated } from './svg-text';

describe('svgText', () => {
  it('escapes markup and replaces the characters XML forbids, keeping every other character', () => {
    expect(svgText(`<a href="x">Müller & 'Söhne'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Müller &amp; &apos;Söhne&apos;&lt;/a&gt;');
    expect(svgText('Казань 喀山 🚚\u0001\uD800')).toBe('Казань 喀山 🚚\uFFFD\uFFFD');
  });
});

describe('truncated', () => {
  it('shortens with an ellipsis, never inside a surrogate pair', () => {
    expect(truncated('Delegation to Kazan', 40)).toBe('Delegation to Kazan');
    expect(truncated('Delegation to Kazan', 11)).toBe('Delegation…');
    const emoji = truncated('🚚🚚🚚🚚🚚', 3);
    expect(Array.from(emoji)).toEqual(['🚚', '🚚', '…']);
  });
});

describe('estimatedTextWidth', () => {
  it('counts wide characters about twice as wide as Latin ones', () => {
    expect(estimatedTextWidth('喀山', 10)).toBeGreaterThan(estimatedTextWidth('ab', 10) * 1.5);
  });
});
