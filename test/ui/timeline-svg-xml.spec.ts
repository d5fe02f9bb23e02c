import fc from 'fast-check';
import type { Page } from 'playwright-core';
import { PARTICIPATION_LEVELS } from '@app/domain';
import { renderTimelineSvg } from '../../apps/api/src/pictures/timeline-svg';
import { timelineItem } from '../../apps/api/src/pictures/timeline-item.fixture';
import { TIMELINE_ENTRY_TYPES } from '../../apps/api/src/read-models/timeline-query.dto';
import { describeInChromium, useChromium } from '../support/chromium';

/** Any character, the ones XML forbids or must escape among them, often. */
const character = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom('<', '>', '&', '"', "'", ']]>', '\u0000', '\u0008', '\u001F', '\uD800', '\uDFFF', '\uFFFE', '\uFFFF', '\n', '\t', 'Ж', '喀', '🚚', '\u202E') },
);
const text = fc.string({ unit: character, maxLength: 60 });
const date = fc.tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 28 })).map(([year, month, day]) =>
  month === 0 ? String(year) : day === 0 ? `${year}-${String(month).padStart(2, '0')}` : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
);
const item = fc
  .record({
    type: fc.oneof(fc.constantFrom(...TIMELINE_ENTRY_TYPES), text),
    occurredOn: date,
    state: fc.constantFrom('recorded' as const, 'corrected' as const, 'retracted' as const),
    name: text,
    summary: text,
    key: text,
    level: fc.constantFrom(...PARTICIPATION_LEVELS),
  })
  .map(({ type, occurredOn, state, name, summary, key, level }) =>
    timelineItem(
      type,
      occurredOn,
      { place: { name }, occasion: { name }, destination: { name }, participants: [{ name, role: summary, level }], summary, outcome: summary, title: name, edition: name, role: summary, from: name, to: summary },
      { entryKey: key, state, ...(state === 'retracted' ? { retraction: { reason: summary, provenance: { eventId: 'e', position: '1', recordedAt: '2026-12-01T00:00:00Z' } } } : {}) },
    ),
  );
// eslint-disable-next-line no-control-regex -- XML 1.0 §2.2: the characters a document may not contain
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const picture = fc.record({ title: text, subtitle: text, items: fc.array(item, { maxLength: 30 }), asOf: fc.option(fc.constant('2017-06-30'), { nil: undefined }) });

/** What the browser's XML parser makes of each document: an error, or the root's name and the marks it holds. */
function parseInBrowser(page: Page, documents: string[]): Promise<{ error: string | null; root: string; entries: number; title: string | null }[]> {
  return page.evaluate((xmls) => {
    const parser = new (globalThis as unknown as { DOMParser: new () => { parseFromString(xml: string, type: string): BrowserDocument } }).DOMParser();
    interface BrowserDocument {
      documentElement: { localName: string; namespaceURI: string | null; querySelectorAll(selector: string): { length: number }; querySelector(selector: string): { textContent: string | null } | null };
      querySelector(selector: string): { textContent: string | null } | null;
    }
    return xmls.map((xml) => {
      const document = parser.parseFromString(xml, 'image/svg+xml');
      const error = document.querySelector('parsererror');
      const root = document.documentElement;
      return { error: error ? error.textContent : null, root: `${root.namespaceURI} ${root.localName}`, entries: root.querySelectorAll('g.entry').length, title: root.querySelector('title')?.textContent ?? null };
    });
  }, documents);
}

describeInChromium("timeline pictures read by the browser's own XML parser", () => {
  const browser = useChromium();

  it('parses every generated picture, unicode and markup in every text, as one SVG document with all its marks', async () => {
    const context = await browser().newContext();
    try {
      const page = await context.newPage();
      const samples = fc.sample(picture, { numRuns: 300, seed: 20261201 });
      const documents = samples.map((input) => renderTimelineSvg({ ...input, names: { region: {}, organisation: {}, person: {}, fair: {} } }));
      const parsed = await parseInBrowser(page, documents);
      parsed.forEach((result, index) => {
        expect({ index, error: result.error, root: result.root, entries: result.entries }).toEqual({ index, error: null, root: 'http://www.w3.org/2000/svg svg', entries: samples[index].items.length });
        // The title survives as written, but for the characters XML cannot hold (each one U+FFFD).
        expect(result.title).toBe(`Timeline: ${samples[index].title}`.replace(NOT_IN_XML, '\uFFFD'));
      });
    } finally {
      await context.close();
    }
  }, 120_000);
});
