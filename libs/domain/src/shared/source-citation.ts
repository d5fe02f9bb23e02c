import { DomainError } from './domain-error';
import { HistoricalDateText, parseHistoricalDate } from './historical-date';
import { MAX_NAME_LENGTH } from './text-field';

export const SOURCE_KINDS = ['press-release', 'minutes', 'article', 'website', 'interview', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Where a recorded fact comes from, so a reader can check it. */
export interface SourceCitation {
  readonly kind: SourceKind;
  readonly title: string;
  readonly publisher?: string;
  readonly publishedOn?: HistoricalDateText;
  readonly url?: string;
}

const MAX_URL_LENGTH = 2000;

export function validateSourceCitation(source: SourceCitation, field = 'source'): void {
  const invalid = (subfield: string, why: string): DomainError =>
    new DomainError('INVALID_SOURCE_CITATION', `${field}.${subfield} ${why}`, `${field}.${subfield}`);

  if (typeof source !== 'object' || source === null) {
    throw new DomainError('INVALID_SOURCE_CITATION', `${field} must be an object`, field);
  }
  if (!(SOURCE_KINDS as readonly string[]).includes(source.kind)) {
    throw invalid('kind', `must be one of ${SOURCE_KINDS.join(', ')}`);
  }
  if (typeof source.title !== 'string' || source.title.trim() === '') throw invalid('title', 'is required');
  if (source.title.length > MAX_NAME_LENGTH) throw invalid('title', `must be at most ${MAX_NAME_LENGTH} characters`);
  if (source.publisher !== undefined && (typeof source.publisher !== 'string' || source.publisher.trim() === '')) {
    throw invalid('publisher', 'must be a non-empty string when given');
  }
  if (source.publishedOn !== undefined) parseHistoricalDate(source.publishedOn, `${field}.publishedOn`);
  if (source.url !== undefined && !isWebAddress(source.url)) {
    throw invalid('url', 'must be an absolute http or https URL');
  }
}

function isWebAddress(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH || !URL.canParse(value)) return false;
  const { protocol, hostname } = new URL(value);
  return (protocol === 'http:' || protocol === 'https:') && hostname !== '';
}
