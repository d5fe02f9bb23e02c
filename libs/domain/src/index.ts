// The only public face of @app/domain.

export * from './shared/domain-error';
export * from './shared/historical-date';
export * from './shared/decider';
export * from './shared/message';
export * from './shared/participation-level';
export * from './shared/source-citation';
export * from './shared/actor-id';

export * from './region/region-registered.event';
export * from './region/register-region.command';
export * from './region/region.aggregate';

export * from './organisation/organisation-registered.event';
export * from './organisation/organisation-renamed.event';
export * from './organisation/register-organisation.command';
export * from './organisation/rename-organisation.command';
export * from './organisation/organisation.aggregate';

export * from './person/person-registered.event';
export * from './person/role-assumed.event';
export * from './person/role-ended.event';
export * from './person/register-person.command';
export * from './person/assume-role.command';
export * from './person/end-role.command';
export * from './person/person-erased.event';
export * from './person/erase-person.command';
export * from './person/person.aggregate';

export * from './fair/fair-registered.event';
export * from './fair/register-fair.command';
export * from './fair/fair.aggregate';

export * from './cooperation/cooperation-partner';
export * from './cooperation/cooperation-stage';
export * from './cooperation/participant';
export * from './cooperation/place';
export * from './cooperation/cooperation.state';
export * from './cooperation/cooperation.aggregate';
export * from './cooperation/events/cooperation-event';
export * from './cooperation/events/recorded-fact';
export * from './cooperation/events/cooperation-opened.event';
export * from './cooperation/events/contact-established.event';
export * from './cooperation/events/meeting-held.event';
export * from './cooperation/events/fair-attended.event';
export * from './cooperation/events/membership-cross-linked.event';
export * from './cooperation/events/delegation-visited.event';
export * from './cooperation/events/opportunity-identified.event';
export * from './cooperation/events/cooperation-stage-changed.event';
export * from './cooperation/events/fact-corrected.event';
export * from './cooperation/events/entry-retracted.event';
export * from './cooperation/commands/cooperation-command';
export * from './cooperation/commands/open-cooperation.command';
export * from './cooperation/commands/establish-contact.command';
export * from './cooperation/commands/record-meeting.command';
export * from './cooperation/commands/record-fair-attendance.command';
export * from './cooperation/commands/link-memberships.command';
export * from './cooperation/commands/record-delegation-visit.command';
export * from './cooperation/commands/identify-opportunity.command';
export * from './cooperation/commands/change-stage.command';
export * from './cooperation/commands/correct-fact.command';
export * from './cooperation/commands/retract-entry.command';
export * from './access/access-role';
export * from './access/access-granted.event';
export * from './access/token-revoked.event';
export * from './access/grant-access.command';
export * from './access/revoke-token.command';
export * from './access/access.aggregate';

export { MAX_ID_LENGTH, MAX_PARTICIPANTS, MAX_TOPICS } from './cooperation/recorded-fact.validation';
export { MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from './shared/text-field';

export * from './testing/decider-specification';
