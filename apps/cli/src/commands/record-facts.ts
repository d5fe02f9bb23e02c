import { COOPERATION_STAGES, FAIR_RECURRENCES, FAIR_ROLES, ORGANISATION_KINDS, PARTICIPATION_LEVELS, REGION_KINDS, SOURCE_KINDS } from '@app/domain';
import type { FieldKind } from './fact-fields';

/** One option of `kontakt record <fact>` and the body field it fills. */
export interface FactOption {
  flags: string;
  description: string;
  field: string;
  kind: FieldKind;
}

/** A kind of fact the CLI records: the route it posts to and the options for its main fields. */
export interface FactKind {
  name: string;
  description: string;
  /** The positional argument: the entity the fact is about, or the id to give a new one. */
  target: { name: string; required: boolean; description: string };
  /** New entities take the positional argument as their `id`; facts about one put it in the route. */
  targetIsId: boolean;
  route(target: string | undefined): string;
  options: readonly FactOption[];
  /** Recorded facts of a cooperation also take --entry and --source. */
  isCooperationFact: boolean;
  example: string;
}

const id = (target: string | undefined) => encodeURIComponent(target ?? '');
const date = (field: string, description = 'when, with the precision the source gives: 2017, 2017-10 or 2017-10-12'): FactOption => ({ flags: '--date <date>', description, field, kind: 'text' });
const participants: FactOption = {
  flags: '--participant <name|role|level|organisationId|personId>',
  description: `who took part (repeat for each); level: ${PARTICIPATION_LEVELS.join(', ')}`,
  field: 'participants',
  kind: 'participants',
};
const place = (flags: string, field: string, description: string): FactOption => ({ flags: `${flags} <name|regionId>`, description, field, kind: 'place' });

function entity(name: string, collection: string, description: string, options: FactOption[], example: string): FactKind {
  return { name, description, target: { name: 'id', required: false, description: `the id to give the ${name} (generated when left out)` }, targetIsId: true, route: () => `/${collection}`, options, isCooperationFact: false, example };
}

function cooperationFact(name: string, path: string, description: string, options: FactOption[], example: string, isFact = true): FactKind {
  return {
    name,
    description,
    target: { name: 'cooperation', required: true, description: 'the id of the cooperation' },
    targetIsId: false,
    route: (target) => `/cooperations/${id(target)}/${path}`,
    options,
    isCooperationFact: isFact,
    example,
  };
}

function personFact(name: string, path: string, description: string, options: FactOption[], example: string): FactKind {
  return { name, description, target: { name: 'person', required: true, description: 'the id of the person' }, targetIsId: false, route: (target) => `/people/${id(target)}/${path}`, options, isCooperationFact: false, example };
}

/** Every fact `kontakt record` knows, in the order a history is usually recorded (README "HTTP API"). */
export const FACT_KINDS: readonly FactKind[] = [
  entity(
    'region',
    'regions',
    'Register a region, within its parent (POST /regions)',
    [
      { flags: '--name <name>', description: 'its name', field: 'name', kind: 'text' },
      { flags: '--kind <kind>', description: REGION_KINDS.join(', '), field: 'kind', kind: 'text' },
      { flags: '--parent <regionId>', description: 'the region it lies in', field: 'parentRegionId', kind: 'text' },
    ],
    'kontakt record region kazan --name Kazan --kind city --parent tatarstan',
  ),
  entity(
    'organisation',
    'organisations',
    'Register an organisation (POST /organisations)',
    [
      { flags: '--name <name>', description: 'its name', field: 'name', kind: 'text' },
      { flags: '--kind <kind>', description: ORGANISATION_KINDS.join(', '), field: 'kind', kind: 'text' },
      { flags: '--region <regionId>', description: 'where it is based', field: 'regionId', kind: 'text' },
      { flags: '--members <count>', description: 'for networks and associations: how many members', field: 'memberCount', kind: 'integer' },
    ],
    'kontakt record organisation logistics-network --name "Netzwerk Logistik Leipzig-Halle" --kind network --region leipzig-halle --members 130',
  ),
  entity(
    'person',
    'people',
    'Register a person; name, email and phone are personal data, stored sealed (POST /people)',
    [
      { flags: '--name <name>', description: 'their name', field: 'name', kind: 'text' },
      { flags: '--email <address>', description: 'an email address', field: 'email', kind: 'text' },
      { flags: '--phone <number>', description: 'a telephone number', field: 'phone', kind: 'text' },
    ],
    'kontakt record person president-tatarstan --name "Rustam Minnikhanov"',
  ),
  personFact(
    'role',
    'roles',
    'A person takes on a role in an organisation (POST /people/:id/roles)',
    [
      { flags: '--organisation <organisationId>', description: 'the organisation the role is held in', field: 'organisationId', kind: 'text' },
      { flags: '--role <role>', description: 'as the organisation calls it', field: 'role', kind: 'text' },
      date('from', 'since when: 2010, 2010-03 or 2010-03-25'),
      { flags: '--level <level>', description: PARTICIPATION_LEVELS.join(', '), field: 'level', kind: 'text' },
    ],
    'kontakt record role president-tatarstan --organisation tatarstan-government --role President --date 2010-03 --level head-of-state',
  ),
  personFact(
    'role-ending',
    'role-endings',
    'A person leaves a role (POST /people/:id/role-endings)',
    [
      { flags: '--organisation <organisationId>', description: 'the organisation the role was held in', field: 'organisationId', kind: 'text' },
      { flags: '--role <role>', description: 'the role, as recorded', field: 'role', kind: 'text' },
      date('until', 'until when: 2021, 2021-05 or 2021-05-31'),
    ],
    'kontakt record role-ending president-tatarstan --organisation tatarstan-government --role President --date 2030',
  ),
  entity(
    'fair',
    'fairs',
    'Register a fair (POST /fairs)',
    [
      { flags: '--name <name>', description: 'its name', field: 'name', kind: 'text' },
      { flags: '--region <regionId>', description: 'where it takes place', field: 'regionId', kind: 'text' },
      { flags: '--recurrence <recurrence>', description: FAIR_RECURRENCES.join(', '), field: 'recurrence', kind: 'text' },
    ],
    'kontakt record fair intec-z --name "Intec and Z" --region leipzig --recurrence biennial',
  ),
  entity(
    'cooperation',
    'cooperations',
    'Open a cooperation between our organisation and a partner region or organisation (POST /cooperations)',
    [
      { flags: '--ours <organisationId>', description: 'our organisation: the network or one of its members', field: 'ourOrganisationId', kind: 'text' },
      { flags: '--partner <region:id|organisation:id>', description: 'the partner', field: 'partner', kind: 'partner' },
      date('openedOn', 'when the relationship began; no fact of it may lie before: 2017, 2017-03 or 2017-03-10'),
    ],
    'kontakt record cooperation logistics-network--tatarstan --ours logistics-network --partner region:tatarstan --date 2017-03',
  ),
  cooperationFact(
    'contact',
    'contacts',
    'First or renewed contact with the partner (POST /cooperations/:id/contacts)',
    [
      date('occurredOn'),
      place('--place', 'place', 'where'),
      { flags: '--occasion <name|fairId>', description: 'what brought the two sides together', field: 'occasion', kind: 'occasion' },
      participants,
      { flags: '--summary <text>', description: 'what happened', field: 'summary', kind: 'text' },
    ],
    'kontakt record contact logistics-network--tatarstan --entry first-contact --date 2017-03 --place "Leipziger Messe|leipzig" --occasion "Intec and Z 2017|intec-z" --participant "Rustam Minnikhanov|President|head-of-state||president-tatarstan" --summary "First contact during the President’s visit"',
  ),
  cooperationFact(
    'meeting',
    'meetings',
    'A meeting held with the partner (POST /cooperations/:id/meetings)',
    [
      date('occurredOn'),
      place('--place', 'place', 'where'),
      participants,
      { flags: '--topic <topic>', description: 'what was discussed (repeat for each)', field: 'topics', kind: 'texts' },
      { flags: '--outcome <text>', description: 'what came of it', field: 'outcome', kind: 'text' },
    ],
    'kontakt record meeting logistics-network--tatarstan --entry kazan-minister-meeting --date 2017-10 --place "Kazan|kazan" --participant "Minister of Transport of Tatarstan|Minister of Transport|minister|tatarstan-transport-ministry" --participant "Network delegation||executive|logistics-network" --topic "logistics cooperation" --outcome "Both sides agreed to explore cooperation"',
  ),
  cooperationFact(
    'fair-attendance',
    'fair-attendances',
    'Our organisation at a fair (POST /cooperations/:id/fair-attendances)',
    [
      { flags: '--fair <fairId>', description: 'the fair', field: 'fairId', kind: 'text' },
      { flags: '--edition <edition>', description: 'which edition, as the fair names it', field: 'edition', kind: 'text' },
      date('occurredOn'),
      { flags: '--role <role>', description: `our role: ${FAIR_ROLES.join(', ')}`, field: 'role', kind: 'text' },
    ],
    'kontakt record fair-attendance logistics-network--russia --entry transrussia-2010 --fair transrussia --edition "TransRussia 2010" --date 2010 --role exhibitor',
  ),
  cooperationFact(
    'cross-membership',
    'cross-memberships',
    'Two organisations become members of each other (POST /cooperations/:id/cross-memberships)',
    [
      { flags: '--organisation <organisationId>', description: 'one side', field: 'organisationId', kind: 'text' },
      { flags: '--other-organisation <organisationId>', description: 'the other side', field: 'otherOrganisationId', kind: 'text' },
      date('since', 'since when: 2016, 2016-04 or 2016-04-01'),
    ],
    'kontakt record cross-membership logistics-network--german-russian-association --organisation logistics-network --other-organisation german-russian-association --date 2016',
  ),
  cooperationFact(
    'delegation-visit',
    'delegation-visits',
    'A delegation travelled, ours to the partner (outbound) or theirs to us (inbound) (POST /cooperations/:id/delegation-visits)',
    [
      { flags: '--direction <direction>', description: 'outbound (ours travelled) or inbound (theirs came to us)', field: 'direction', kind: 'text' },
      date('occurredOn'),
      place('--destination', 'destination', 'where the delegation went'),
      participants,
      { flags: '--purpose <text>', description: 'why', field: 'purpose', kind: 'text' },
    ],
    'kontakt record delegation-visit logistics-network--tatarstan --direction outbound --date 2017-10 --destination "Kazan|kazan" --participant "Network delegation||executive|logistics-network" --purpose "Second exchange"',
  ),
  cooperationFact(
    'opportunity',
    'opportunities',
    'An opportunity identified with the partner (POST /cooperations/:id/opportunities)',
    [
      { flags: '--opportunity <opportunityId>', description: 'the id to give the opportunity (generated when left out)', field: 'opportunityId', kind: 'text' },
      { flags: '--title <title>', description: 'what it is', field: 'title', kind: 'text' },
      date('occurredOn'),
      { flags: '--description <text>', description: 'more about it', field: 'description', kind: 'text' },
    ],
    'kontakt record opportunity logistics-network--tatarstan --title "Rail-road terminal partnership" --date 2018',
  ),
  cooperationFact(
    'stage-change',
    'stage-changes',
    'The cooperation moves on: contact → exploring → active → formal-partnership; dormant; ended (POST /cooperations/:id/stage-changes)',
    [{ flags: '--to <stage>', description: COOPERATION_STAGES.join(', '), field: 'to', kind: 'text' }, date('occurredOn')],
    'kontakt record stage-change logistics-network--tatarstan --to exploring --date 2017-10 --reason "Second exchange in Kazan"',
    false,
  ),
  cooperationFact(
    'correction',
    'corrections',
    'Correct a recorded fact; history is never edited, the correction is a fact of its own (POST /cooperations/:id/corrections)',
    [
      { flags: '--entry <entryId>', description: 'the entry to correct', field: 'entryId', kind: 'text' },
      { flags: '--set <field=value>', description: 'a field with its right value (repeat for each; text values, use --data for others)', field: 'corrections', kind: 'assignments' },
    ],
    'kontakt record correction logistics-network--tatarstan --entry kazan-minister-meeting --set occurredOn=2017-10-12 --reason "Minutes give the exact day" --if-match 5',
    false,
  ),
  cooperationFact(
    'retraction',
    'retractions',
    'Retract a fact that turned out not to be true; it stays in history, marked (POST /cooperations/:id/retractions)',
    [{ flags: '--entry <entryId>', description: 'the entry to retract', field: 'entryId', kind: 'text' }],
    'kontakt record retraction logistics-network--tatarstan --entry kazan-minister-meeting --reason "The meeting was cancelled"',
    false,
  ),
];

/** What every recorded fact of a cooperation may carry besides its own fields. */
export const COOPERATION_FACT_OPTIONS: readonly FactOption[] = [
  { flags: '--entry <entryId>', description: 'the id of the entry, to correct or retract it by later (generated when left out)', field: 'entryId', kind: 'text' },
  { flags: '--source <kind|title|publisher|publishedOn|url>', description: `where the fact comes from; kind: ${SOURCE_KINDS.join(', ')}`, field: 'source', kind: 'source' },
];
