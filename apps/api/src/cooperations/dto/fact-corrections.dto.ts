import { IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { EstablishContactDto } from './establish-contact.dto';
import { IdentifyOpportunityDto } from './identify-opportunity.dto';
import { LinkMembershipsDto } from './link-memberships.dto';
import { RecordDelegationVisitDto } from './record-delegation-visit.dto';
import { RecordFairAttendanceDto } from './record-fair-attendance.dto';
import { RecordMeetingDto } from './record-meeting.dto';

const NOT_CORRECTABLE = ['entryId', 'reason'] as const;

/**
 * The right values for the fields that were wrong: any field of any kind of fact, each validated as when the fact is
 * recorded, nothing unknown. Which fields the corrected entry actually has is the domain's to check.
 */
export class FactCorrectionsDto extends IntersectionType(
  PartialType(OmitType(EstablishContactDto, NOT_CORRECTABLE)),
  PartialType(OmitType(RecordMeetingDto, NOT_CORRECTABLE)),
  PartialType(OmitType(RecordFairAttendanceDto, NOT_CORRECTABLE)),
  PartialType(OmitType(LinkMembershipsDto, NOT_CORRECTABLE)),
  PartialType(OmitType(RecordDelegationVisitDto, NOT_CORRECTABLE)),
  PartialType(OmitType(IdentifyOpportunityDto, NOT_CORRECTABLE)),
) {}
