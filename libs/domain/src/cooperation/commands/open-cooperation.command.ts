import { DomainCommand } from '../../shared/message';
import { CooperationOpenedData } from '../events/cooperation-opened.event';

export const OPEN_COOPERATION = 'OpenCooperation';
export type OpenCooperation = DomainCommand<typeof OPEN_COOPERATION, CooperationOpenedData>;
