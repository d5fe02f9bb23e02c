import { dayNumber } from './time-scale';
import { LABELLED_LIMIT, MAX_ROWS_PER_LANE, renderTimelineSvg, type TimelineSvgInput } from './timeline-svg';
import { NO_NAMES, timelineItem } from './timeline-item.fixture';
import { findAll, readXml, textContent, type XmlElement } from './xml-reader.fixture';

const render = (input: Partial<TimelineSvgInput>) => renderTimelineSvg({ title: 'Republic of Tatarstan', items: [], names: NO_NAMES, ...input });
const entriesOf = (svg: XmlElement) => findAll(svg, (element) => element.attributes.class === 'entry');
const titleOf = (entry: XmlElement) => textContent(entry.children.find((child) => child.name === 'title')!);

/** The x of each labelled year tick, read back from the picture. */
function yearTicks(svg: XmlElement): Map<number, number> {
  return new Map(findAll(svg, (element) => element.attributes.class === 'year-tick').map((tick) => [Number(tick.text), Number(tick.attributes.x)]));
}

describe('renderTimelineSvg', () => {
  const story = [
    timelineItem('FairAttended', '2010', { fairId: 'transrussia', edition: 'TransRussia 2010', role: 'exhibitor' }),
    timelineItem('ContactEstablished', '2017-03', { occasion: { name: 'Intec and Z 2017' } }),
    timelineItem('DelegationVisited', '2017-10', { direction: 'outbound', destination: { name: 'Kazan' } }),
    timelineItem('MeetingHeld', '2017-10-12', { place: { name: 'Kazan' }, participants: [] }),
  ];

  it('is a well-formed SVG document with a title, and one mark per entry in timeline order', () => {
    const svg = readXml(render({ items: story }));
    expect(svg.name).toBe('svg');
    expect(svg.attributes).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', role: 'img', width: '960' });
    expect(Number(svg.attributes.height)).toBeGreaterThan(100);
    expect(svg.attributes.viewBox).toBe(`0 0 960 ${svg.attributes.height}`);
    expect(svg.children[0]).toMatchObject({ name: 'title', text: 'Timeline: Republic of Tatarstan' });
    expect(entriesOf(svg).map((entry) => entry.attributes['data-entry-key'])).toEqual(story.map((item) => item.entryKey));
    expect(entriesOf(svg).map((entry) => entry.attributes['data-occurred-on'])).toEqual(['2010', '2017-03', '2017-10', '2017-10-12']);
  });

  it('names every entry type drawn in the legend, and the lanes in their fixed order', () => {
    const svg = readXml(render({ items: story }));
    const legend = findAll(svg, (element) => element.attributes.class === 'legend-item').map((item) => item.attributes['data-legend']);
    expect(legend).toEqual(['ContactEstablished', 'MeetingHeld', 'DelegationVisited', 'FairAttended', 'span', 'corrected', 'retracted']);
    expect(findAll(svg, (element) => element.attributes.class === 'lane-title').map((title) => title.text)).toEqual(['Contact (1)', 'Meeting (1)', 'Delegation visit (1)', 'Fair attended (1)']);
  });

  it('draws a fact known to the year over its year, one known to the month over its month, a dated one on its day', () => {
    const svg = readXml(render({ items: [timelineItem('FairAttended', '2010'), timelineItem('ContactEstablished', '2011-03'), timelineItem('MeetingHeld', '2011-06-15')] }));
    const ticks = yearTicks(svg);
    const x2011 = ticks.get(2011)!;
    const perDay = (ticks.get(2012)! - x2011) / 365;
    const [year, month, day] = entriesOf(svg);
    const bar = (entry: XmlElement) => entry.children.find((child) => child.name === 'rect')!.attributes;
    expect(year.attributes['data-precision']).toBe('year');
    expect(Number(bar(year).x)).toBeCloseTo(ticks.get(2010)!, 0);
    expect(Number(bar(year).width)).toBeCloseTo(x2011 - ticks.get(2010)!, 0);
    expect(Number(bar(month).x)).toBeCloseTo(x2011 + (dayNumber(2011, 3, 1) - dayNumber(2011, 1, 1)) * perDay, 0);
    expect(Number(bar(month).width)).toBeCloseTo(31 * perDay, 0);
    const point = day.children.find((child) => child.name === 'path')!.attributes.d;
    expect(Number(/^M([\d.]+) /.exec(point)![1])).toBeCloseTo(x2011 + (dayNumber(2011, 6, 15) - dayNumber(2011, 1, 1) + 0.5) * perDay, 0);
  });

  it('escapes names and texts, keeps unicode, and replaces characters XML forbids', () => {
    const hostile = '<script>alert("x")</script> & \'Müller\' Казань 喀山 🚚\u0001\uDC00';
    const names = { ...NO_NAMES, region: { tatarstan: hostile } };
    const xml = render({ title: hostile, subtitle: hostile, names, items: [timelineItem('CooperationOpened', '2017-03', { partner: { kind: 'region', id: 'tatarstan' } }, { entryKey: `cooperation/${hostile}/opened` })] });
    expect(xml).not.toContain('<script');
    const svg = readXml(xml);
    const shown = '<script>alert("x")</script> & \'Müller\' Казань 喀山 🚚\uFFFD\uFFFD';
    expect(svg.children[0].text).toBe(`Timeline: ${shown}`);
    const [entry] = entriesOf(svg);
    expect(entry.attributes['data-entry-key']).toBe(`cooperation/${shown}/opened`);
    expect(titleOf(entry)).toContain(`Cooperation opened with ${shown}`);
  });

  it('styles corrected entries with a dashed outline and retracted ones faded and struck through', () => {
    const provenance = { eventId: 'e', position: '9', recordedAt: '2026-12-01T00:00:00Z' };
    const svg = readXml(
      render({
        items: [
          timelineItem('MeetingHeld', '2017-10-12', { place: { name: 'Kazan' } }, { state: 'corrected', corrections: [{ changes: { occurredOn: { from: '2017-10', to: '2017-10-12' } }, reason: 'Minutes give the day', provenance }] }),
          timelineItem('ContactEstablished', '2017-03', { summary: 'A contact' }, { state: 'retracted', retraction: { reason: 'Never happened', provenance } }),
        ],
      }),
    );
    const [corrected, retracted] = entriesOf(svg);
    expect(corrected.attributes['data-state']).toBe('corrected');
    expect(corrected.children.find((child) => child.name === 'path')!.attributes['stroke-dasharray']).toBe('3 2');
    expect(corrected.children.find((child) => child.name === 'text')!.attributes['font-style']).toBe('italic');
    expect(titleOf(corrected)).toContain('Corrected: occurredOn 2017-10 → 2017-10-12 (Minutes give the day)');
    expect(retracted.attributes).toMatchObject({ 'data-state': 'retracted', opacity: '0.45' });
    expect(retracted.children.find((child) => child.name === 'text')!.attributes['text-decoration']).toBe('line-through');
    expect(titleOf(retracted)).toContain('Retracted: Never happened');
  });

  it('keeps a sensible size for thousands of entries on one day: marks only, stacked rows capped', () => {
    const items = Array.from({ length: 2000 }, (_, index) => timelineItem(index % 2 === 0 ? 'MeetingHeld' : 'ContactEstablished', '2017-10-12', { place: { name: `Place ${index}` } }));
    const svg = readXml(render({ items }));
    expect(entriesOf(svg)).toHaveLength(2000);
    expect(entriesOf(svg).every((entry) => entry.children.every((child) => child.name !== 'text'))).toBe(true);
    expect(Number(svg.attributes.height)).toBeLessThan(2 * MAX_ROWS_PER_LANE * 14 + 300);
  });

  it('labels entries while there are few enough to read, and stacks those that would collide', () => {
    const items = Array.from({ length: LABELLED_LIMIT }, (_, index) => timelineItem('MeetingHeld', `2017-${String((index % 12) + 1).padStart(2, '0')}`, { place: { name: 'Kazan' } }));
    const svg = readXml(render({ items }));
    const labelled = entriesOf(svg).filter((entry) => entry.children.some((child) => child.name === 'text'));
    expect(labelled.length).toBeGreaterThan(0);
    const rows = new Set(entriesOf(svg).map((entry) => entry.children.find((child) => child.name === 'rect')!.attributes.y));
    expect(rows.size).toBe(MAX_ROWS_PER_LANE);
  });

  it('marks the as-of day on the axis, which reaches it even past the last entry', () => {
    const svg = readXml(render({ items: story, asOf: '2019-06-30', subtitle: 'as of 2019-06-30' }));
    expect([...yearTicks(svg).keys()].at(-1)).toBe(2020);
    const asOf = findAll(svg, (element) => element.attributes.class === 'as-of')[0];
    expect(textContent(asOf)).toBe('as of 2019-06-30');
  });

  it('draws an empty timeline as a picture that says so', () => {
    const svg = readXml(render({ items: [] }));
    expect(entriesOf(svg)).toEqual([]);
    expect(textContent(svg)).toContain('No entries to show.');
  });

  it('says when only part of a timeline is drawn', () => {
    const svg = readXml(render({ items: story, note: 'Only the latest 1000 entries are drawn.' }));
    expect(findAll(svg, (element) => element.attributes.class === 'note')[0].text).toBe('Only the latest 1000 entries are drawn.');
  });
});
