import { HistoricalDateText } from '../shared/historical-date';
import { CooperationPartner } from './cooperation-partner';
import { CooperationStage, ResumableStage } from './cooperation-stage';
import { RecordedFact } from './events/recorded-fact';

/** A recorded fact as it now stands: with every correction applied, and whether it was retracted. */
export interface RecordedEntry {
  readonly fact: RecordedFact;
  readonly retracted: boolean;
}

export interface OpenedCooperation {
  readonly status: 'opened';
  readonly cooperationId: string;
  readonly ourOrganisationId: string;
  readonly partner: CooperationPartner;
  readonly openedOn: HistoricalDateText;
  readonly stage: CooperationStage;
  /** The stage it left when it fell dormant, to which it may return. */
  readonly leftForDormancy?: ResumableStage;
  readonly stageChangedOn?: HistoricalDateText;
  /** By entryId. A Map, not an object: entry ids come from callers and must not meet Object.prototype. */
  readonly entries: ReadonlyMap<string, RecordedEntry>;
}

export type CooperationState = { readonly status: 'unopened' } | OpenedCooperation;

export const initialCooperationState = (): CooperationState => ({ status: 'unopened' });
