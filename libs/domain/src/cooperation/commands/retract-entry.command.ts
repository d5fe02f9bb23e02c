import { DomainCommand } from '../../shared/message';
import { EntryRetractedData } from '../events/entry-retracted.event';

export const RETRACT_ENTRY = 'RetractEntry';
export type RetractEntry = DomainCommand<
  typeof RETRACT_ENTRY,
  { readonly cooperationId: string } & EntryRetractedData
>;
