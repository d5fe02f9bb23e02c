import { dayOf, isoOf, spokenDay } from './dates.js';

/** How long the slider must rest before the page asks the API again while it is being dragged. */
const SETTLE_MS = 250;

/**
 * The as-of date: a slider over days (from the region's earliest entry to today), a date field for the exact day,
 * and a Today button. At its right end it means "now": no asOf is sent, and the status counts to today.
 * `onChange(asOf)` is told of each new day (YYYY-MM-DD, or null for now) once.
 */
export class AsOfControl {
  constructor({ range, output, dateInput, todayButton, onChange }) {
    Object.assign(this, { range, output, dateInput, onChange });
    this.notified = undefined;
    this.timer = undefined;
    range.addEventListener('input', () => {
      this.show();
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.notify(), SETTLE_MS);
    });
    range.addEventListener('change', () => this.notify());
    dateInput.addEventListener('change', () => {
      if (dateInput.value === '') return;
      this.setDay(dayOf(dateInput.value));
      this.notify();
    });
    todayButton.addEventListener('click', () => {
      this.setDay(this.last);
      this.notify();
    });
  }

  get first() {
    return Number(this.range.min);
  }

  get last() {
    return Number(this.range.max);
  }

  /** The chosen day, YYYY-MM-DD, or null when it is today (the present). */
  get asOf() {
    const day = Number(this.range.value);
    return day >= this.last ? null : isoOf(day);
  }

  /** A new range (another region), keeping the chosen day where it still lies within it; tells no one. */
  reset(firstDay, lastDay, asOf) {
    this.range.min = String(firstDay);
    this.range.max = String(Math.max(firstDay, lastDay));
    this.dateInput.min = isoOf(firstDay);
    this.dateInput.max = isoOf(lastDay);
    this.setDay(asOf === null ? lastDay : dayOf(asOf));
    this.notified = this.asOf;
  }

  setDay(day) {
    this.range.value = String(Math.min(this.last, Math.max(this.first, day)));
    this.show();
  }

  show() {
    const day = Number(this.range.value);
    this.dateInput.value = isoOf(day);
    this.output.value = day >= this.last ? `today, ${spokenDay(day)}` : spokenDay(day);
    this.range.setAttribute('aria-valuetext', this.output.value);
  }

  notify() {
    clearTimeout(this.timer);
    const asOf = this.asOf;
    if (asOf === this.notified) return;
    this.notified = asOf;
    this.onChange(asOf);
  }
}
