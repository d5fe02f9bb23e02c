// Days are counted as whole days since 1970-01-01 (UTC), as the API's asOf and the slider both think in days.
const MS_PER_DAY = 86_400_000;
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The day number of a calendar day written YYYY-MM-DD. */
export function dayOf(isoDay) {
  const [year, month, day] = isoDay.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** The calendar day (YYYY-MM-DD) of a day number. */
export function isoOf(day) {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Today, as the person looking at the page counts days. */
export function today() {
  const now = new Date();
  return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / MS_PER_DAY;
}

/** The first day a historical date allows: "2017" → 1 January 2017, "2017-03" → 1 March 2017. */
export function firstDayOf(historical) {
  const [year, month = '01', day = '01'] = historical.split('-');
  return dayOf(`${year}-${month}-${day}`);
}

/** A historical date as a reader says it, with its precision: "2010", "March 2017", "12 October 2017". */
export function spoken(historical) {
  const parts = historical.split('-');
  if (parts.length === 1) return historical;
  const date = new Date(firstDayOf(historical) * MS_PER_DAY);
  return parts.length === 2 ? MONTH.format(date) : DAY.format(date);
}

/** A day number as a reader says it: "30 June 2017". */
export function spokenDay(day) {
  return DAY.format(new Date(day * MS_PER_DAY));
}
