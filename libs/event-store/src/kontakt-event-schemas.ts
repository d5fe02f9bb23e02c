import {
  ACCESS_GRANTED,
  CONTACT_ESTABLISHED,
  COOPERATION_OPENED,
  COOPERATION_STAGE_CHANGED,
  DELEGATION_VISITED,
  ENTRY_RETRACTED,
  FACT_CORRECTED,
  FAIR_ATTENDED,
  FAIR_REGISTERED,
  MEETING_HELD,
  MEMBERSHIP_CROSS_LINKED,
  OPPORTUNITY_IDENTIFIED,
  ORGANISATION_REGISTERED,
  ORGANISATION_RENAMED,
  PERSON_ERASED,
  PERSON_REGISTERED,
  REGION_REGISTERED,
  ROLE_ASSUMED,
  ROLE_ENDED,
  TOKEN_REVOKED,
} from '@app/domain';
import { EventSchemas } from './event-schemas';

/**
 * The payload version of every event type we write. When a payload changes shape, raise its version here and add
 * the upcaster from the old one: stored history is never rewritten.
 */
export function kontaktEventSchemas(): EventSchemas {
  const schemas = new EventSchemas();
  for (const type of [
    REGION_REGISTERED,
    ORGANISATION_REGISTERED,
    ORGANISATION_RENAMED,
    PERSON_REGISTERED,
    PERSON_ERASED,
    ROLE_ASSUMED,
    ROLE_ENDED,
    FAIR_REGISTERED,
    COOPERATION_OPENED,
    CONTACT_ESTABLISHED,
    MEETING_HELD,
    FAIR_ATTENDED,
    MEMBERSHIP_CROSS_LINKED,
    DELEGATION_VISITED,
    OPPORTUNITY_IDENTIFIED,
    COOPERATION_STAGE_CHANGED,
    FACT_CORRECTED,
    ENTRY_RETRACTED,
    ACCESS_GRANTED,
    TOKEN_REVOKED,
  ]) {
    schemas.register(type, 1);
  }
  return schemas;
}
