import { DomainCommand } from '../../shared/message';
import { FactCorrectedData } from '../events/fact-corrected.event';

export const CORRECT_FACT = 'CorrectFact';
export type CorrectFact = DomainCommand<
  typeof CORRECT_FACT,
  { readonly cooperationId: string } & FactCorrectedData
>;
