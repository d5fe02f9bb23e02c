import { DomainCommand } from '../../shared/message';
import { FairAttendedData } from '../events/fair-attended.event';

export const RECORD_FAIR_ATTENDANCE = 'RecordFairAttendance';
export type RecordFairAttendance = DomainCommand<
  typeof RECORD_FAIR_ATTENDANCE,
  { readonly cooperationId: string } & FairAttendedData
>;
