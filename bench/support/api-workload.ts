import type { Request } from 'autocannon';

/** What the commands refer to: recorded once before the measurement. */
export interface WorkloadWorld {
  cooperationIds: string[];
  personId: string;
  partnerOrganisationId: string;
  otherOrganisationId: string;
  fairId: string;
  regionId: string;
  countryId: string;
  ourOrganisationId: string;
}

type Json = Record<string, unknown>;

/**
 * Requests to record before measuring: the regions, organisations, person, fair and cooperations that the measured
 * commands refer to (so every measured command also pays for its reference checks).
 */
export function setupRequests(world: WorkloadWorld): { path: string; body: Json }[] {
  const { ourOrganisationId } = world;
  return [
    { path: '/regions', body: { id: world.countryId, name: 'Russia', kind: 'country' } },
    { path: '/regions', body: { id: world.regionId, name: 'Republic of Tatarstan', kind: 'federal-subject', parentRegionId: world.countryId } },
    { path: '/organisations', body: { id: ourOrganisationId, name: 'Netzwerk Logistik Leipzig-Halle', kind: 'network', memberCount: 130 } },
    { path: '/organisations', body: { id: world.partnerOrganisationId, name: 'Ministry of Transport of Tatarstan', kind: 'ministry', regionId: world.regionId } },
    { path: '/organisations', body: { id: world.otherOrganisationId, name: 'German-Russian business association', kind: 'association' } },
    { path: '/people', body: { id: world.personId, name: 'Minister of Transport' } },
    { path: '/fairs', body: { id: world.fairId, name: 'TransRussia', regionId: world.countryId, recurrence: 'annual' } },
    ...world.cooperationIds.map((id) => ({
      path: '/cooperations',
      body: { id, ourOrganisationId, partner: { kind: 'region', id: world.regionId }, openedOn: '2010' },
    })),
  ];
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)];
}

function dateIn(fromYear: number, toYear: number): string {
  const year = fromYear + Math.floor(Math.random() * (toYear - fromYear + 1));
  const month = 1 + Math.floor(Math.random() * 12);
  return `${year}-${String(month).padStart(2, '0')}`;
}

const SOURCE = { kind: 'press-release', title: 'Netzwerk Logistik: Delegation in Kasan', publisher: 'Netzwerk Logistik Leipzig-Halle', publishedOn: '2017-10' };

/** One kind of command in the mix: its share of requests and how to make one. */
interface CommandKind {
  name: string;
  share: number;
  make(world: WorkloadWorld): { path: string; body: Json };
}

export const COMMAND_MIX: readonly CommandKind[] = [
  {
    name: 'meeting',
    share: 40,
    make: (world) => ({
      path: `/cooperations/${pick(world.cooperationIds)}/meetings`,
      body: {
        occurredOn: dateIn(2015, 2020),
        place: { name: 'Kazan', regionId: world.regionId },
        participants: [
          { personId: world.personId, name: 'Minister of Transport', organisationId: world.partnerOrganisationId, level: 'minister' },
          { name: 'Network chair', level: 'executive' },
        ],
        topics: ['logistics corridor', 'rail freight'],
        outcome: 'agreed to explore cooperation',
        source: SOURCE,
      },
    }),
  },
  {
    name: 'contact',
    share: 15,
    make: (world) => ({
      path: `/cooperations/${pick(world.cooperationIds)}/contacts`,
      body: {
        occurredOn: dateIn(2011, 2020),
        occasion: { name: 'TransRussia', fairId: world.fairId },
        participants: [{ name: 'Delegation member', level: 'working' }],
        summary: 'first contact at the fair stand',
      },
    }),
  },
  {
    name: 'fair attendance',
    share: 15,
    make: (world) => ({
      path: `/cooperations/${pick(world.cooperationIds)}/fair-attendances`,
      body: { fairId: world.fairId, edition: String(2010 + Math.floor(Math.random() * 10)), occurredOn: dateIn(2010, 2020), role: 'exhibitor' },
    }),
  },
  {
    name: 'opportunity',
    share: 15,
    make: (world) => ({
      path: `/cooperations/${pick(world.cooperationIds)}/opportunities`,
      body: { title: 'Container terminal partnership', occurredOn: dateIn(2015, 2020), description: 'joint rail-road terminal' },
    }),
  },
  {
    name: 'delegation visit',
    share: 10,
    make: (world) => ({
      path: `/cooperations/${pick(world.cooperationIds)}/delegation-visits`,
      body: {
        direction: 'outbound',
        occurredOn: dateIn(2015, 2020),
        destination: { name: 'Kazan', regionId: world.regionId },
        participants: [{ name: 'Network chair', level: 'executive' }],
        purpose: 'explore cooperation',
      },
    }),
  },
  {
    name: 'cross-membership',
    share: 5,
    make: (world) => ({
      path: `/cooperations/${pick(world.cooperationIds)}/cross-memberships`,
      body: { organisationId: world.partnerOrganisationId, otherOrganisationId: world.otherOrganisationId, since: dateIn(2011, 2020) },
    }),
  },
];

/** The mix as autocannon requests: one slot per percent, each making a fresh command when it is sent. */
export function mixedRequests(world: WorkloadWorld, token: string): Request[] {
  const slots: Request[] = [];
  for (const kind of COMMAND_MIX) {
    for (let share = 0; share < kind.share; share++) {
      slots.push({
        method: 'POST',
        setupRequest: (request) => {
          const { path, body } = kind.make(world);
          return { ...request, method: 'POST', path, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) };
        },
      });
    }
  }
  // Shuffled once, so each connection cycles through a mixed sequence rather than 40 meetings in a row.
  for (let index = slots.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [slots[index], slots[other]] = [slots[other], slots[index]];
  }
  return slots;
}
