import type { OrganisationKind, ParticipationLevel, RegionKind } from '@app/domain';
import { SeededRandom } from './seeded-random';

/**
 * The entities a benchmark data set is about, shaped like Kontakt's real use: German business networks cooperating
 * with regions and organisations abroad (Russia's federal subjects above all), each side with its organisations and
 * the people who hold roles in them. Everything is drawn from one seed; `kontakt-history.ts` writes the events.
 */
export interface BenchRegion {
  id: string;
  name: string;
  kind: RegionKind;
  parentRegionId?: string;
  /** 0 for a country. Parents are registered before their children. */
  depth: number;
  /** Our side (Germany) or abroad, where partners are. */
  side: 'ours' | 'abroad';
}

export interface BenchOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  regionId?: string;
  memberCount?: number;
  side: 'ours' | 'abroad';
  /** Renamed once, later in the log. */
  renamedTo?: string;
}

export interface BenchRole {
  organisationId: string;
  role: string;
  from: string;
  level: ParticipationLevel;
  until?: string;
}

export interface BenchPerson {
  id: string;
  name: string;
  roles: BenchRole[];
}

export interface BenchFair {
  id: string;
  name: string;
  regionId: string;
  recurrence: 'annual' | 'biennial' | 'one-off';
}

export interface BenchCooperation {
  id: string;
  ourOrganisationId: string;
  partner: { kind: 'region' | 'organisation'; id: string };
  /** Events in its stream, CooperationOpened included. */
  events: number;
  /** Share of the recording period in which its events were written down: [start, end] within [0, 1]. */
  recordedFrom: number;
  recordedUntil: number;
}

export interface KontaktWorld {
  seed: string;
  regions: BenchRegion[];
  organisations: BenchOrganisation[];
  people: BenchPerson[];
  fairs: BenchFair[];
  cooperations: BenchCooperation[];
  /** Events written for the entities above, outside cooperation streams. */
  referenceEvents: number;
  /** Lookups for writing plausible facts. */
  regionById: ReadonlyMap<string, BenchRegion>;
  organisationById: ReadonlyMap<string, BenchOrganisation>;
  /** Organisations whose region is the key region or lies within it. */
  organisationsWithin: ReadonlyMap<string, readonly BenchOrganisation[]>;
  peopleOf: ReadonlyMap<string, readonly BenchPerson[]>;
  /** Cities (or, lacking any, the region itself) within each region: where meetings take place. */
  placesWithin: ReadonlyMap<string, readonly BenchRegion[]>;
}

/** Countries abroad with their first-level regions, by how often networks cooperate there. */
const COUNTRIES_ABROAD: { id: string; name: string; subjects: number; subjectKind: RegionKind; subjectNoun: string; weight: number }[] = [
  { id: 'russia', name: 'Russian Federation', subjects: 85, subjectKind: 'federal-subject', subjectNoun: 'Oblast', weight: 6 },
  { id: 'kazakhstan', name: 'Kazakhstan', subjects: 17, subjectKind: 'state', subjectNoun: 'Region', weight: 1.5 },
  { id: 'china', name: "People's Republic of China", subjects: 31, subjectKind: 'state', subjectNoun: 'Province', weight: 2 },
  { id: 'poland', name: 'Poland', subjects: 16, subjectKind: 'state', subjectNoun: 'Voivodeship', weight: 1 },
];
const GERMAN_STATES = 16;
const GERMAN_METROPOLITAN_REGIONS = 6;

const FIRST_NAMES = ['Anna', 'Boris', 'Clara', 'Dmitri', 'Elena', 'Felix', 'Galina', 'Hans', 'Irina', 'Jonas', 'Katja', 'Lukas', 'Marina', 'Nikolai', 'Olga', 'Paul', 'Radik', 'Sabine', 'Timur', 'Ulrike', 'Viktor', 'Wei', 'Xenia', 'Yusuf', 'Zofia'];
const LAST_NAMES = ['Abramov', 'Bauer', 'Chen', 'Dietrich', 'Ermakova', 'Fischer', 'Galiev', 'Hoffmann', 'Ivanova', 'Jankowski', 'Khamitov', 'Lehmann', 'Minnullin', 'Neumann', 'Orlov', 'Petrova', 'Qiu', 'Richter', 'Sabirov', 'Schulz', 'Tarasova', 'Vogel', 'Wagner', 'Zhang', 'Zimmermann'];

/** How many entities a data set of `totalEvents` holds: the brief's figures at 1,000,000 events, scaled below that. */
export function worldSizeFor(totalEvents: number): { organisations: number; people: number; cooperations: number; fairs: number } {
  return {
    organisations: Math.max(40, Math.round(totalEvents * 0.003)),
    people: Math.max(200, Math.round(totalEvents * 0.02)),
    cooperations: Math.max(20, Math.round(totalEvents * 0.002)),
    fairs: 60,
  };
}

export function buildKontaktWorld(totalEvents: number, seed: string): KontaktWorld {
  const random = new SeededRandom(seed);
  const size = worldSizeFor(totalEvents);
  const regions = buildRegions(random.fork('regions'));
  const regionById = new Map(regions.map((region) => [region.id, region]));
  const organisations = buildOrganisations(random.fork('organisations'), regions, size.organisations);
  const organisationById = new Map(organisations.map((organisation) => [organisation.id, organisation]));
  const people = buildPeople(random.fork('people'), organisations, size.people);
  const fairs = buildFairs(random.fork('fairs'), regions, size.fairs);

  const organisationsWithin = new Map<string, BenchOrganisation[]>();
  for (const organisation of organisations) {
    for (let region = organisation.regionId; region !== undefined; region = regionById.get(region)?.parentRegionId) {
      const within = organisationsWithin.get(region) ?? [];
      within.push(organisation);
      organisationsWithin.set(region, within);
    }
  }
  const peopleOf = new Map<string, BenchPerson[]>();
  for (const person of people) {
    for (const role of person.roles) {
      const members = peopleOf.get(role.organisationId) ?? [];
      if (!members.includes(person)) members.push(person);
      peopleOf.set(role.organisationId, members);
    }
  }
  const placesWithin = new Map<string, BenchRegion[]>();
  for (const region of regions) {
    if (region.kind !== 'city') continue;
    for (let within: string | undefined = region.id; within !== undefined; within = regionById.get(within)?.parentRegionId) {
      const places = placesWithin.get(within) ?? [];
      places.push(region);
      placesWithin.set(within, places);
    }
  }
  for (const region of regions) if (!placesWithin.has(region.id)) placesWithin.set(region.id, [region]);

  const referenceEvents =
    regions.length +
    organisations.length +
    organisations.filter((organisation) => organisation.renamedTo !== undefined).length +
    fairs.length +
    people.reduce((sum, person) => sum + 1 + person.roles.length + person.roles.filter((role) => role.until !== undefined).length, 0);
  const cooperations = buildCooperations(random.fork('cooperations'), regions, organisations, size.cooperations, Math.max(size.cooperations * 3, totalEvents - referenceEvents));
  return { seed, regions, organisations, people, fairs, cooperations, referenceEvents, regionById, organisationById, organisationsWithin, peopleOf, placesWithin };
}

function buildRegions(random: SeededRandom): BenchRegion[] {
  const regions: BenchRegion[] = [];
  const cities = (parent: BenchRegion, count: number) => {
    for (let index = 1; index <= count; index++) {
      regions.push({ id: `${parent.id}-city-${index}`, name: `${parent.name}, city ${index}`, kind: 'city', parentRegionId: parent.id, depth: parent.depth + 1, side: parent.side });
    }
  };
  const germany: BenchRegion = { id: 'germany', name: 'Germany', kind: 'country', depth: 0, side: 'ours' };
  regions.push(germany);
  for (let index = 1; index <= GERMAN_STATES; index++) {
    const state: BenchRegion = { id: `germany-state-${index}`, name: `German state ${index}`, kind: 'state', parentRegionId: germany.id, depth: 1, side: 'ours' };
    regions.push(state);
    if (index <= GERMAN_METROPOLITAN_REGIONS) {
      // Networks sit in metropolitan regions, which lie within a state and hold its cities.
      const metropolitan: BenchRegion = { id: `${state.id}-metro`, name: `Metropolitan region ${index}`, kind: 'metropolitan-region', parentRegionId: state.id, depth: 2, side: 'ours' };
      regions.push(metropolitan);
      cities(metropolitan, random.int(2, 4));
    } else {
      cities(state, random.int(1, 2));
    }
  }
  for (const country of COUNTRIES_ABROAD) {
    const root: BenchRegion = { id: country.id, name: country.name, kind: 'country', depth: 0, side: 'abroad' };
    regions.push(root);
    for (let index = 1; index <= country.subjects; index++) {
      const subject: BenchRegion = { id: `${country.id}-${index}`, name: `${country.subjectNoun} ${index} (${country.name})`, kind: country.subjectKind, parentRegionId: root.id, depth: 1, side: 'abroad' };
      regions.push(subject);
      cities(subject, random.int(1, 2));
    }
  }
  return regions;
}

function personName(random: SeededRandom): string {
  return `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
}

function buildOrganisations(random: SeededRandom, regions: BenchRegion[], count: number): BenchOrganisation[] {
  const ours = regions.filter((region) => region.side === 'ours');
  const metropolitan = ours.filter((region) => region.kind === 'metropolitan-region');
  const ourCities = ours.filter((region) => region.kind === 'city');
  const abroadSubjects = regions.filter((region) => region.side === 'abroad' && region.depth === 1);
  const abroadCities = regions.filter((region) => region.side === 'abroad' && region.kind === 'city');
  const organisations: BenchOrganisation[] = [];
  const networks = Math.max(3, Math.round(count * 0.01));
  for (let index = 1; index <= networks; index++) {
    organisations.push({
      id: `network-${index}`,
      name: `Network ${index} of ${random.pick(['logistics', 'automotive', 'energy', 'health', 'machine building', 'agriculture'])}`,
      kind: 'network',
      regionId: random.pick(metropolitan).id,
      memberCount: random.int(20, 400),
      side: 'ours',
    });
  }
  // Partner-side governments: one per region abroad that is partnered often, ministries and the rest spread.
  const kinds: { kind: OrganisationKind; weight: number; side: 'ours' | 'abroad' }[] = [
    { kind: 'member-company', weight: 38, side: 'ours' },
    { kind: 'ministry', weight: 12, side: 'abroad' },
    { kind: 'government', weight: 4, side: 'abroad' },
    { kind: 'association', weight: 10, side: 'abroad' },
    { kind: 'fair-organiser', weight: 2, side: 'abroad' },
    { kind: 'other', weight: 34, side: 'abroad' },
  ];
  const weights = kinds.map((kind) => kind.weight);
  for (let index = organisations.length + 1; index <= count; index++) {
    const { kind, side } = kinds[random.weightedIndex(weights)];
    const region =
      side === 'ours'
        ? random.pick(ourCities)
        : kind === 'government' || kind === 'ministry'
          ? random.pick(abroadSubjects)
          : random.chance(0.5)
            ? random.pick(abroadCities)
            : random.pick(abroadSubjects);
    const unplaced = kind === 'association' && random.chance(0.3);
    organisations.push({
      id: `${kind}-${index}`,
      name: `${kindLabel(kind)} ${index} of ${region.name}`,
      kind,
      ...(unplaced ? {} : { regionId: region.id }),
      ...(kind === 'association' ? { memberCount: random.int(10, 900) } : {}),
      side,
      ...(random.chance(0.02) ? { renamedTo: `${kindLabel(kind)} ${index} (renamed)` } : {}),
    });
  }
  return organisations;
}

function kindLabel(kind: OrganisationKind): string {
  return { network: 'Network', 'member-company': 'Company', ministry: 'Ministry', association: 'Association', 'fair-organiser': 'Fair organiser', government: 'Government', other: 'Enterprise' }[kind];
}

function buildPeople(random: SeededRandom, organisations: BenchOrganisation[], count: number): BenchPerson[] {
  // Who the people are: staff of partner-side bodies and of networks above all (they meet); companies less.
  const weights = organisations.map((organisation) => ({ network: 12, 'member-company': 1, ministry: 4, association: 2, 'fair-organiser': 1, government: 5, other: 1 })[organisation.kind]);
  const people: BenchPerson[] = [];
  for (let index = 1; index <= count; index++) {
    const organisation = organisations[random.weightedIndex(weights)];
    const level = levelFor(random, organisation.kind);
    const from = `${random.int(2000, 2023)}-${String(random.int(1, 12)).padStart(2, '0')}`;
    const roles: BenchRole[] = [{ organisationId: organisation.id, role: roleTitle(level, organisation.kind), from, level }];
    if (random.chance(0.25)) {
      const fromYear = Number(from.slice(0, 4));
      roles[0].until = String(random.int(fromYear + 1, 2025));
      if (random.chance(0.4)) {
        const next = organisations[random.weightedIndex(weights)];
        const nextLevel = levelFor(random, next.kind);
        roles.push({ organisationId: next.id, role: roleTitle(nextLevel, next.kind), from: roles[0].until, level: nextLevel });
      }
    }
    people.push({ id: `person-${index}`, name: personName(random), roles });
  }
  return people;
}

function levelFor(random: SeededRandom, kind: OrganisationKind): ParticipationLevel {
  if (kind === 'government') return random.chance(0.15) ? 'head-of-state' : 'minister';
  if (kind === 'ministry') return random.chance(0.25) ? 'minister' : random.chance(0.5) ? 'executive' : 'working';
  return random.chance(0.4) ? 'executive' : 'working';
}

function roleTitle(level: ParticipationLevel, kind: OrganisationKind): string {
  if (level === 'head-of-state') return 'President';
  if (level === 'minister') return kind === 'government' ? 'Deputy Prime Minister' : 'Minister';
  if (level === 'executive') return kind === 'network' ? 'Chair' : 'Director';
  return kind === 'network' ? 'Project manager' : 'Head of unit';
}

function buildFairs(random: SeededRandom, regions: BenchRegion[], count: number): BenchFair[] {
  const cities = regions.filter((region) => region.kind === 'city');
  const fairs: BenchFair[] = [];
  for (let index = 1; index <= count; index++) {
    const region = random.pick(cities);
    fairs.push({ id: `fair-${index}`, name: `${random.pick(['Trans', 'Inno', 'Agro', 'Energy', 'Auto', 'Med'])}Expo ${index}`, regionId: region.id, recurrence: random.pick(['annual', 'annual', 'biennial', 'one-off'] as const) });
  }
  return fairs;
}

function buildCooperations(random: SeededRandom, regions: BenchRegion[], organisations: BenchOrganisation[], count: number, cooperationEvents: number): BenchCooperation[] {
  const networks = organisations.filter((organisation) => organisation.kind === 'network');
  // A few networks run most cooperations.
  const networkWeights = networks.map(() => random.pareto(1.2));
  const countryWeights = COUNTRIES_ABROAD.map((country) => country.weight);
  const subjectsOf = new Map(COUNTRIES_ABROAD.map((country) => [country.id, regions.filter((region) => region.parentRegionId === country.id)]));
  const citiesOf = new Map(COUNTRIES_ABROAD.map((country) => [country.id, regions.filter((region) => region.kind === 'city' && region.id.startsWith(`${country.id}-`))]));
  const partnerOrganisations = organisations.filter((organisation) => organisation.side === 'abroad');
  const used = new Set<string>();
  const drafts: Omit<BenchCooperation, 'events'>[] = [];
  const activity: number[] = [];
  for (let index = 0; index < count; index++) {
    const ourOrganisationId = networks[random.weightedIndex(networkWeights)].id;
    let partner: BenchCooperation['partner'];
    if (random.chance(0.6)) {
      const country = COUNTRIES_ABROAD[random.weightedIndex(countryWeights)];
      const roll = random.next();
      const region = roll < 0.08 ? country.id : roll < 0.85 ? random.pick(subjectsOf.get(country.id)!).id : random.pick(citiesOf.get(country.id)!).id;
      partner = { kind: 'region', id: region };
    } else {
      partner = { kind: 'organisation', id: random.pick(partnerOrganisations).id };
    }
    let id = `${ourOrganisationId}--${partner.id}`;
    for (let suffix = 2; used.has(id); suffix++) id = `${ourOrganisationId}--${partner.id}-${suffix}`;
    used.add(id);
    const recordedFrom = random.next() * 0.8;
    const recordedUntil = random.chance(0.7) ? 1 : recordedFrom + (1 - recordedFrom) * (0.2 + 0.8 * random.next());
    drafts.push({ id, ourOrganisationId, partner, recordedFrom, recordedUntil });
    // Capped: with few cooperations (a quick run) one must not hold most of the events.
    activity.push(Math.min(30, random.pareto(1.6)));
  }
  // Every cooperation has its opening and a few facts; the rest is spread by activity.
  const minimum = 3;
  const spread = cooperationEvents - minimum * count;
  const totalActivity = activity.reduce((sum, weight) => sum + weight, 0);
  const events = activity.map((weight) => minimum + Math.floor((spread * weight) / totalActivity));
  // What rounding lost goes to the first cooperations, so the data set has exactly the asked-for size.
  let missing = cooperationEvents - events.reduce((sum, value) => sum + value, 0);
  for (let index = 0; missing > 0; index = (index + 1) % count, missing--) events[index]++;
  return drafts.map((draft, index) => ({ ...draft, events: events[index] }));
}
