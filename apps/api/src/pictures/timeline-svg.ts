import type { ReferenceNames, TimelineItem } from '@app/projections';
import { compareLanes, entryTypeStyle, type EntryTypeStyle, type MarkShape } from './entry-type-styles';
import { LaneRows, type Extent } from './lane-rows';
import { estimatedTextWidth, px, svgText, truncated } from './svg-text';
import { daySpanOf, TimeScale, type DaySpan } from './time-scale';
import { entryLabel, entryTooltip } from './timeline-entry-label';

/** What one timeline picture shows. */
export interface TimelineSvgInput {
  /** The timeline's owner, as a reader calls it: "Republic of Tatarstan". */
  title: string;
  /** What the picture covers: the cut, the filters. */
  subtitle?: string;
  /** In timeline order (date honouring its precision, then recording order), as the timeline queries give them. */
  items: readonly TimelineItem[];
  /** Names of what the items refer to, as a timeline page carries them. */
  names: ReferenceNames;
  /** The as-of day of a cut (YYYY-MM-DD), marked on the axis. */
  asOf?: string;
  /** Shown under the picture, e.g. that only part of a long timeline is drawn. */
  note?: string;
}

const WIDTH = 960;
const MARGIN = 12;
const PLOT_LEFT = 184;
const PLOT_RIGHT = WIDTH - 28;
const FONT = 'DejaVu Sans, Verdana, Arial, sans-serif';
const LABEL_SIZE = 11;
const MAX_LABEL_CHARACTERS = 44;
/** More entries than this are drawn as marks only (their labels in the tooltips), packed tighter. */
export const LABELLED_LIMIT = 150;
/** Rows per lane at most: past that, marks overlap rather than make the picture endlessly tall. */
export const MAX_ROWS_PER_LANE = 8;
const ROW_HEIGHT = { labelled: 22, dense: 14 };
const MARK_HEIGHT = { labelled: 12, dense: 10 };
const MIN_BAR_WIDTH = 3;
const DAY_MARK_RADIUS = 5.5;
const LANE_GAP = 8;
const ROW_GAP = 6;

interface Mark {
  /** Its place in timeline order. */
  order: number;
  item: TimelineItem;
  span: DaySpan;
  style: EntryTypeStyle;
  label: string;
  tooltip: string;
}

interface PlacedMark extends Mark {
  /** Where the mark itself is drawn: a bar over its year or month, or a point on its day. */
  x0: number;
  x1: number;
  row: number;
  labelAt?: { x: number; text: string; anchor: 'start' | 'end' };
}

/**
 * A timeline as an SVG picture: a horizontal time axis with year ticks, one lane per entry type (the legend names
 * them), each entry a mark in its lane with a short label and its details as a `<title>` tooltip. A fact known to
 * the year or month is a bar over that year or month; a dated one a point on its day. Corrected entries have a dashed
 * outline and an italic label, retracted ones are faded and struck through. Pure: the same input gives the same
 * picture, byte for byte.
 */
export function renderTimelineSvg(input: TimelineSvgInput): string {
  const marks: Mark[] = input.items.map((item, order) => ({
    order,
    item,
    span: daySpanOf(item.occurredOn),
    style: entryTypeStyle(item.type),
    label: entryLabel(item, input.names),
    tooltip: entryTooltip(item, input.names),
  }));
  const body: string[] = [];
  const header = headerOf(input, marks.length);
  body.push(...header.parts);
  if (marks.length === 0) {
    body.push(`<text x="${MARGIN}" y="${header.bottom + 28}" font-size="13" fill="#555">No entries to show.</text>`);
    return svgDocument(input, marks, header.bottom + 48, body);
  }

  const legend = legendOf([...new Set(marks.map((mark) => mark.item.type))].sort(compareLanes), header.bottom + 8);
  body.push(...legend.parts);
  const asOfSpan = input.asOf === undefined ? undefined : daySpanOf(input.asOf);
  const scale = TimeScale.covering([...marks.map((mark) => mark.span), ...(asOfSpan ? [asOfSpan] : [])], PLOT_LEFT, PLOT_RIGHT);
  const axisY = legend.bottom + 34;
  const lanes = placeInLanes(marks, scale, marks.length <= LABELLED_LIMIT);
  const density = marks.length <= LABELLED_LIMIT ? 'labelled' : 'dense';
  const rowHeight = ROW_HEIGHT[density];

  let y = axisY + 10;
  const laneParts: string[] = [];
  // Entries are written in timeline order, whatever their lane: the order a screen reader or a script meets them.
  const entries: { order: number; svg: string }[] = [];
  lanes.forEach((lane, index) => {
    const height = lane.rows * rowHeight + LANE_GAP;
    if (index % 2 === 1) laneParts.push(`<rect x="0" y="${px(y - LANE_GAP / 2)}" width="${WIDTH}" height="${px(height)}" fill="#f6f7f9"/>`);
    laneParts.push(
      `<text class="lane-title" x="${PLOT_LEFT - 12}" y="${px(y + rowHeight / 2 + 4)}" text-anchor="end" font-size="12" fill="#222">${svgText(`${lane.style.title} (${lane.marks.length})`)}</text>`,
    );
    for (const mark of lane.marks) entries.push({ order: mark.order, svg: markGroup(mark, y + mark.row * rowHeight + rowHeight / 2, MARK_HEIGHT[density]) });
    y += height;
  });
  const plotBottom = y;

  body.push(...laneParts);
  body.push(...gridOf(scale, axisY, plotBottom));
  body.push(...entries.sort((a, b) => a.order - b.order).map((entry) => entry.svg));
  let bottom = plotBottom + 8;
  if (input.asOf !== undefined && asOfSpan !== undefined) {
    const x = scale.x(asOfSpan.end);
    body.push(
      `<g class="as-of"><line x1="${px(x)}" y1="${axisY}" x2="${px(x)}" y2="${px(plotBottom)}" stroke="#C00000" stroke-width="1.5" stroke-dasharray="5 3"/>` +
        `<text x="${px(x)}" y="${px(plotBottom + 16)}" text-anchor="${x > WIDTH - 120 ? 'end' : 'middle'}" font-size="11" fill="#C00000">${svgText(`as of ${input.asOf}`)}</text></g>`,
    );
    bottom += 18;
  }
  if (input.note !== undefined) {
    body.push(`<text class="note" x="${MARGIN}" y="${px(bottom + 12)}" font-size="11" fill="#555">${svgText(input.note)}</text>`);
    bottom += 20;
  }
  return svgDocument(input, marks, bottom + 8, body);
}

function svgDocument(input: TimelineSvgInput, marks: readonly Mark[], height: number, body: readonly string[]): string {
  const h = px(height);
  const range = marks.length === 0 ? 'no entries' : `${marks.length} ${marks.length === 1 ? 'entry' : 'entries'} from ${marks[0].item.occurredOn} to ${marks[marks.length - 1].item.occurredOn}`;
  const description = [range, input.subtitle, input.note].filter((part) => part !== undefined && part !== '').join('; ');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${h}" viewBox="0 0 ${WIDTH} ${h}" role="img" aria-labelledby="timeline-title timeline-desc" font-family="${FONT}">`,
    `<title id="timeline-title">${svgText(`Timeline: ${input.title}`)}</title>`,
    `<desc id="timeline-desc">${svgText(description)}</desc>`,
    `<rect width="${WIDTH}" height="${h}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

function headerOf(input: TimelineSvgInput, count: number): { parts: string[]; bottom: number } {
  const parts = [`<text x="${MARGIN}" y="26" font-size="16" font-weight="bold" fill="#111">${svgText(truncated(input.title, 90))}</text>`];
  const subtitle = [input.subtitle, `${count} ${count === 1 ? 'entry' : 'entries'}`].filter((part) => part !== undefined && part !== '').join(' · ');
  parts.push(`<text x="${MARGIN}" y="46" font-size="12" fill="#555">${svgText(truncated(subtitle, 150))}</text>`);
  return { parts, bottom: 50 };
}

/** The legend: every entry type drawn, then how states and precision look. Flows into as many lines as it needs. */
function legendOf(types: readonly string[], top: number): { parts: string[]; bottom: number } {
  const parts: string[] = ['<g class="legend">'];
  let x = MARGIN;
  let y = top + 12;
  const item = (swatch: (cx: number, cy: number) => string, label: string, kind: string) => {
    const width = 22 + estimatedTextWidth(label, 11) + 18;
    if (x + width > WIDTH - MARGIN && x > MARGIN) {
      x = MARGIN;
      y += 18;
    }
    parts.push(`<g class="legend-item" data-legend="${svgText(kind)}">${swatch(x + 7, y)}<text x="${px(x + 18)}" y="${px(y + 4)}" font-size="11" fill="#222">${svgText(label)}</text></g>`);
    x += width;
  };
  for (const type of types) {
    const style = entryTypeStyle(type);
    item((cx, cy) => shapeAt(style.shape, cx, cy, 5, `fill="${style.colour}" stroke="${style.colour}"`), style.title, type);
  }
  item((cx, cy) => `<rect x="${px(cx - 7)}" y="${px(cy - 4)}" width="14" height="8" rx="2" fill="#888" fill-opacity="0.35" stroke="#888" stroke-width="1.5"/>`, 'bar: known to the month or year', 'span');
  item((cx, cy) => `<rect x="${px(cx - 7)}" y="${px(cy - 4)}" width="14" height="8" rx="2" fill="#888" fill-opacity="0.35" stroke="#111" stroke-width="1.5" stroke-dasharray="3 2"/>`, 'dashed, italic: corrected', 'corrected');
  item((cx, cy) => `<rect x="${px(cx - 7)}" y="${px(cy - 4)}" width="14" height="8" rx="2" fill="none" stroke="#888" stroke-width="1.5" stroke-dasharray="2 2" opacity="0.45"/>`, 'faded, struck through: retracted', 'retracted');
  parts.push('</g>');
  return { parts, bottom: y + 8 };
}

function gridOf(scale: TimeScale, axisY: number, bottom: number): string[] {
  const parts = ['<g class="axis">'];
  for (const x of scale.monthTicks(12)) parts.push(`<line x1="${px(x)}" y1="${axisY}" x2="${px(x)}" y2="${axisY + 4}" stroke="#999"/>`);
  for (const tick of scale.yearTicks(48)) {
    parts.push(
      `<line x1="${px(tick.x)}" y1="${axisY}" x2="${px(tick.x)}" y2="${px(bottom)}" stroke="#e3e5e8"/>`,
      `<line x1="${px(tick.x)}" y1="${axisY - 5}" x2="${px(tick.x)}" y2="${axisY + 6}" stroke="#555"/>`,
      `<text class="year-tick" x="${px(tick.x)}" y="${axisY - 9}" text-anchor="middle" font-size="11" fill="#333">${tick.year}</text>`,
    );
  }
  parts.push(`<line x1="${PLOT_LEFT}" y1="${axisY}" x2="${PLOT_RIGHT}" y2="${axisY}" stroke="#555"/>`, '</g>');
  return parts;
}

interface Lane {
  style: EntryTypeStyle;
  rows: number;
  marks: PlacedMark[];
}

/** One lane per entry type, in lane order; within a lane, marks in timeline order, stacked into rows. */
function placeInLanes(marks: readonly Mark[], scale: TimeScale, labelled: boolean): Lane[] {
  const byType = new Map<string, Mark[]>();
  for (const mark of marks) byType.set(mark.item.type, [...(byType.get(mark.item.type) ?? []), mark]);
  return [...byType.keys()].sort(compareLanes).map((type) => {
    const rows = new LaneRows(MAX_ROWS_PER_LANE, ROW_GAP);
    const placed = byType.get(type)!.map((mark) => {
      const [x0, x1] = markExtent(mark, scale);
      const label = labelled ? labelPlacement(mark.label, x0, x1) : undefined;
      const withLabel: Extent | undefined = label === undefined ? undefined : label.anchor === 'start' ? [x0, label.x + label.width] : [label.x - label.width, x1];
      const placement = rows.place(withLabel, [x0, x1]);
      return { ...mark, x0, x1, row: placement.row, ...(placement.labelled && label ? { labelAt: { x: label.x, text: label.text, anchor: label.anchor } } : {}) };
    });
    return { style: entryTypeStyle(type), rows: rows.count, marks: placed };
  });
}

function markExtent(mark: Mark, scale: TimeScale): Extent {
  if (mark.item.precision === 'day') {
    const centre = scale.x(mark.span.first + 0.5);
    return [centre - DAY_MARK_RADIUS, centre + DAY_MARK_RADIUS];
  }
  const x0 = scale.x(mark.span.first);
  return [x0, Math.max(scale.x(mark.span.end), x0 + MIN_BAR_WIDTH)];
}

/** The label right of the mark, or left of it where the right has no room, shortened to fit; none if it cannot. */
function labelPlacement(label: string, x0: number, x1: number): { x: number; text: string; anchor: 'start' | 'end'; width: number } | undefined {
  const text = truncated(label, MAX_LABEL_CHARACTERS);
  const right = { x: x1 + 4, room: PLOT_RIGHT - (x1 + 4), anchor: 'start' as const };
  const left = { x: x0 - 4, room: x0 - 4 - PLOT_LEFT, anchor: 'end' as const };
  for (const side of right.room >= left.room ? [right, left] : [left, right]) {
    const shortened = fitted(text, side.room);
    if (shortened !== undefined) return { x: side.x, text: shortened, anchor: side.anchor, width: estimatedTextWidth(shortened, LABEL_SIZE) };
  }
  return undefined;
}

/** The longest start of `text` (at least 8 characters, else nothing) that fits in `room` pixels. */
function fitted(text: string, room: number): string | undefined {
  if (estimatedTextWidth(text, LABEL_SIZE) <= room) return text;
  for (let characters = Array.from(text).length - 1; characters >= 8; characters -= 1) {
    const shorter = truncated(text, characters);
    if (estimatedTextWidth(shorter, LABEL_SIZE) <= room) return shorter;
  }
  return undefined;
}

function markGroup(mark: PlacedMark, cy: number, markHeight: number): string {
  const { item, style } = mark;
  const corrected = item.state === 'corrected';
  const retracted = item.state === 'retracted';
  const outline = retracted
    ? `fill="${style.colour}" fill-opacity="0.12" stroke="${style.colour}" stroke-width="1.5" stroke-dasharray="2 2"`
    : corrected
      ? `fill="${style.colour}" fill-opacity="${item.precision === 'day' ? 1 : 0.35}" stroke="#111" stroke-width="1.5" stroke-dasharray="3 2"`
      : `fill="${style.colour}" fill-opacity="${item.precision === 'day' ? 1 : 0.35}" stroke="${style.colour}" stroke-width="1.5"`;
  const shape =
    item.precision === 'day'
      ? shapeAt(style.shape, (mark.x0 + mark.x1) / 2, cy, DAY_MARK_RADIUS, outline)
      : `<rect x="${px(mark.x0)}" y="${px(cy - markHeight / 2)}" width="${px(mark.x1 - mark.x0)}" height="${markHeight}" rx="2" ${outline}/>`;
  const label = mark.labelAt
    ? `<text x="${px(mark.labelAt.x)}" y="${px(cy + 4)}" text-anchor="${mark.labelAt.anchor}" font-size="${LABEL_SIZE}" fill="${retracted ? '#666' : '#222'}"${corrected ? ' font-style="italic"' : ''}${retracted ? ' text-decoration="line-through"' : ''}>${svgText(mark.labelAt.text)}</text>`
    : '';
  const attributes = [
    `class="entry"`,
    `data-entry-key="${svgText(item.entryKey)}"`,
    `data-type="${svgText(item.type)}"`,
    `data-occurred-on="${svgText(item.occurredOn)}"`,
    `data-precision="${item.precision}"`,
    `data-state="${item.state}"`,
    ...(retracted ? ['opacity="0.45"'] : []),
  ];
  return `<g ${attributes.join(' ')}><title>${svgText(mark.tooltip)}</title>${shape}${label}</g>`;
}

function shapeAt(shape: MarkShape, cx: number, cy: number, r: number, paint: string): string {
  switch (shape) {
    case 'circle':
      return `<circle cx="${px(cx)}" cy="${px(cy)}" r="${px(r)}" ${paint}/>`;
    case 'square':
      return `<rect x="${px(cx - r * 0.85)}" y="${px(cy - r * 0.85)}" width="${px(r * 1.7)}" height="${px(r * 1.7)}" ${paint}/>`;
    case 'diamond':
      return `<path d="M${px(cx)} ${px(cy - r)}L${px(cx + r)} ${px(cy)}L${px(cx)} ${px(cy + r)}L${px(cx - r)} ${px(cy)}Z" ${paint}/>`;
    case 'triangle':
      return `<path d="M${px(cx)} ${px(cy - r)}L${px(cx + r)} ${px(cy + r * 0.8)}L${px(cx - r)} ${px(cy + r * 0.8)}Z" ${paint}/>`;
  }
}
