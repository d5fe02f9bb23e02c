import type { SourceCitation } from '@app/domain';

/** One request of the story: a POST to the public API that records one fact. */
export interface StoryStep {
  /**
   * Stable for good: the step's Idempotency-Key is made of it, and the API keeps keys with the events, so a second
   * seed (after any number of restarts) is answered from the first. Changing what a step records therefore needs a
   * new id, and still cannot change a data folder seeded before: history is corrected, not rewritten.
   */
  readonly id: string;
  /** What it records, for progress and errors: `Region Republic of Tatarstan`. */
  readonly label: string;
  readonly path: string;
  readonly body: Readonly<Record<string, unknown>>;
  /**
   * How to recognise the fact when it was recorded without this step's key (by hand, or by the README's curl
   * walk-through with the same ids): the API refuses it with 409 and one of `conflictCodes`, and `readBack.path`
   * shows at least `readBack.holds`. Recorded differently, it is an error: the story would not be the story.
   */
  readonly recognise: { readonly conflictCodes: readonly string[]; readonly readBack: { readonly path: string; readonly holds: unknown } };
}

const KEY_PREFIX = 'kontakt-sample-story';

export function idempotencyKeyOf(step: StoryStep): string {
  return `${KEY_PREFIX}/${step.id}`;
}

// Idempotency keys are visible ASCII (the API refuses others); ids, dates and stages already are, role names not.
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

type Body = Record<string, unknown> & { reason: string };

/** What a read of the entity shows of a request's body: all of it but the reason, which goes to the metadata. */
function withoutReason(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([field]) => field !== 'reason'));
}

// The builders below keep the story file a plain list: each knows its path, and how the API reports the fact when it
// already exists (the 409 code, and the read that shows it).

function registration(collection: 'regions' | 'organisations' | 'people' | 'fairs', noun: string, code: string) {
  return (body: Body & { id: string; name: string }): StoryStep => {
    const holds = withoutReason(body);
    return {
      id: `${collection}/${body.id}`,
      label: `${noun} ${body.name}`,
      path: `/${collection}`,
      body,
      recognise: { conflictCodes: [code], readBack: { path: `/${collection}/${body.id}`, holds } },
    };
  };
}

export const region = registration('regions', 'Region', 'REGION_ALREADY_EXISTS');
export const organisation = registration('organisations', 'Organisation', 'ORGANISATION_ALREADY_EXISTS');
export const person = registration('people', 'Person', 'PERSON_ALREADY_EXISTS');
export const fair = registration('fairs', 'Fair', 'FAIR_ALREADY_EXISTS');

export function role(personId: string, body: Body & { organisationId: string; role: string; from: string; level: string }): StoryStep {
  const held = withoutReason(body);
  return {
    id: `people/${personId}/roles/${body.organisationId}/${slug(body.role)}`,
    label: `Role of ${personId}: ${body.role}, from ${body.from}`,
    path: `/people/${personId}/roles`,
    body,
    recognise: { conflictCodes: ['ROLE_ALREADY_HELD'], readBack: { path: `/people/${personId}`, holds: { roles: [held] } } },
  };
}

export function cooperation(body: Body & { id: string; ourOrganisationId: string; partner: { kind: string; id: string }; openedOn: string }): StoryStep {
  const holds = withoutReason(body);
  return {
    id: `cooperations/${body.id}`,
    label: `Cooperation ${body.id}, opened ${body.openedOn}`,
    path: '/cooperations',
    body,
    recognise: { conflictCodes: ['COOPERATION_ALREADY_EXISTS'], readBack: { path: `/cooperations/${body.id}`, holds } },
  };
}

/** The kinds of recorded fact the story uses, by the path segment the API takes them on. */
const FACTS = {
  'fair-attendances': 'Fair attendance',
  'cross-memberships': 'Cross-membership',
  contacts: 'Contact',
  'delegation-visits': 'Delegation visit',
  meetings: 'Meeting',
} as const;

/** A fact on a cooperation: it has an entry id of its own and, always, its source. */
export function fact(
  cooperationId: string,
  kind: keyof typeof FACTS,
  body: Record<string, unknown> & { entryId: string; source: SourceCitation; occurredOn?: string; since?: string },
): StoryStep {
  return {
    id: `cooperations/${cooperationId}/${body.entryId}`,
    label: `${FACTS[kind]} ${body.entryId} (${cooperationId}), ${body.occurredOn ?? body.since}`,
    path: `/cooperations/${cooperationId}/${kind}`,
    body,
    recognise: { conflictCodes: ['DUPLICATE_ENTRY_ID'], readBack: { path: `/cooperations/${cooperationId}`, holds: { entries: [withoutReason(body)] } } },
  };
}

export function stageChange(cooperationId: string, body: Body & { to: string; occurredOn: string }): StoryStep {
  return {
    id: `cooperations/${cooperationId}/stage/${body.to}`,
    label: `Stage of ${cooperationId}: ${body.to} from ${body.occurredOn}`,
    path: `/cooperations/${cooperationId}/stage-changes`,
    body,
    // Moving to the stage it is already at is refused as a transition; it counts as present only at that stage since that date.
    recognise: {
      conflictCodes: ['INVALID_STAGE_TRANSITION'],
      readBack: { path: `/cooperations/${cooperationId}`, holds: { stage: body.to, stageChangedOn: body.occurredOn } },
    },
  };
}
