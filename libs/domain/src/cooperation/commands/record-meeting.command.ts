import { DomainCommand } from '../../shared/message';
import { MeetingHeldData } from '../events/meeting-held.event';

export const RECORD_MEETING = 'RecordMeeting';
export type RecordMeeting = DomainCommand<
  typeof RECORD_MEETING,
  { readonly cooperationId: string } & MeetingHeldData
>;
