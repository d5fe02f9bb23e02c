import { InvalidArgumentError } from 'commander';

// Checked here only where the CLI knows the form for certain; everything else is the API's to judge (it names the
// field). A value refused here is bad usage (exit 2) and nothing is sent.

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HISTORICAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export const MAX_PAGE_SIZE = 500;

/** `--limit`: 1 to 500 entries a page, as the API takes. */
export function pageSize(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_PAGE_SIZE) throw new InvalidArgumentError(`give a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  return Number(text);
}

/** `--as-of`: a calendar day, YYYY-MM-DD (the world as it had happened by the end of it). */
export function day(text: string): string {
  if (!DAY.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
    throw new InvalidArgumentError('give a calendar day written YYYY-MM-DD, e.g. 2017-06-30.');
  }
  return text;
}

/** `--from`, `--to`: a date with the precision wanted, YYYY, YYYY-MM or YYYY-MM-DD. */
export function historicalDate(text: string): string {
  if (!HISTORICAL_DATE.test(text)) throw new InvalidArgumentError('give a date written YYYY, YYYY-MM or YYYY-MM-DD.');
  return text;
}

/** `--if-match 5` or `--if-match '"5"'`: the version read, sent as the entity tag `"5"`. */
export function entityTag(text: string): string {
  const match = /^"?(\d{1,15})"?$/.exec(text.trim());
  if (!match) throw new InvalidArgumentError('give the version you read, e.g. 5 (the ETag of the entity).');
  return `"${match[1]}"`;
}

/** `--min-position`: a commit position, as a command's answer gives it. */
export function commitPosition(text: string): string {
  if (!/^\d{1,20}$/.test(text)) throw new InvalidArgumentError("give a commit position: the number a command answered as its position.");
  return text;
}

/** Options given more than once collect into a list (`--participant a --participant b`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
