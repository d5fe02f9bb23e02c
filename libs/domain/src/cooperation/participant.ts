import { ParticipationLevel } from '../shared/participation-level';

/** Someone who took part in a contact, meeting or visit; known people are linked by `personId`. */
export interface Participant {
  readonly personId?: string;
  readonly name: string;
  readonly organisationId?: string;
  /** As said at the time: 'President of the Republic of Tatarstan'. */
  readonly role?: string;
  readonly level: ParticipationLevel;
}
