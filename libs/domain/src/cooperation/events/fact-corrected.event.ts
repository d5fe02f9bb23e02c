import { DomainEvent } from '../../shared/message';
import { FactCorrections } from './recorded-fact';

export const FACT_CORRECTED = 'FactCorrected';

/** History is never edited: a correction is a new fact that names the entry it corrects and says why. */
export interface FactCorrectedData {
  readonly entryId: string;
  /** The fields that were wrong, with their right values; only fields that the corrected entry's type has. */
  readonly corrections: FactCorrections;
  readonly reason: string;
}

export type FactCorrected = DomainEvent<typeof FACT_CORRECTED, FactCorrectedData>;
