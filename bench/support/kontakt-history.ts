import { allowedNextStages, type CooperationStage, type ParticipationLevel, type ResumableStage } from '@app/domain';
import type { EventMetadata } from '@app/event-store';
import type { BenchCooperation, BenchFair, BenchOrganisation, BenchPerson, BenchRegion, KontaktWorld } from './kontakt-world';
import { SeededRandom } from './seeded-random';

/** One event to append: payload as in libs/domain, metadata as the API writes it (libs/event-store's EventMetadata). */
export interface BenchEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/** The period in which the data set's events were written down: `recordedAt` runs through it in `$all` order. */
export const RECORDING_STARTS_MS = Date.UTC(2018, 0, 1);
export const RECORDING_ENDS_MS = Date.UTC(2025, 5, 30);
const DAY_MS = 86_400_000;
const EDITORS = 40;

/** `recordedAt` of a moment given as a share of the recording period. */
export function recordedAtOf(fraction: number): number {
  return Math.round(RECORDING_STARTS_MS + fraction * (RECORDING_ENDS_MS - RECORDING_STARTS_MS));
}

/** When a cooperation stream's `index`-th event was recorded: its share of the cooperation's recording period. */
export function recordedAtOfEvent(cooperation: BenchCooperation, index: number): number {
  const { recordedFrom, recordedUntil, events } = cooperation;
  return recordedAtOf(recordedFrom + ((recordedUntil - recordedFrom) * index) / events);
}

/** Metadata of one command's event: an editor recording it, its own request, the source it cites. */
function metadataOf(random: SeededRandom, recordedAtMs: number, data: Record<string, unknown>, reason?: string): EventMetadata {
  const requestId = random.uuid();
  const source = data.source as EventMetadata['source'] | undefined;
  return {
    actor: { id: `editor-${random.int(1, EDITORS)}`, role: 'editor' },
    recordedAt: new Date(recordedAtMs).toISOString(),
    correlationId: requestId,
    causationId: requestId,
    requestId,
    ...(reason === undefined ? {} : { reason }),
    ...(source === undefined ? {} : { source }),
    schemaVersion: 1,
  };
}

/**
 * The streams of reference data, in the order the write side needs them: regions by depth (a parent before its
 * children), then fairs and organisations, then people with their roles. Each inner list can be appended
 * concurrently; a list must be complete before the next starts.
 */
export function referenceStreams(world: KontaktWorld, random: SeededRandom): { stream: string; events: BenchEvent[] }[][] {
  const at = (index: number, of: number) => recordedAtOf((0.01 * index) / Math.max(1, of));
  const event = (type: string, data: Record<string, unknown>, recordedAtMs: number): BenchEvent => ({ id: random.uuid(), type, data, metadata: metadataOf(random, recordedAtMs, data) });
  const levels: { stream: string; events: BenchEvent[] }[][] = [];
  const maxDepth = Math.max(...world.regions.map((region) => region.depth));
  let index = 0;
  const total = world.referenceEvents;
  for (let depth = 0; depth <= maxDepth; depth++) {
    levels.push(
      world.regions
        .filter((region) => region.depth === depth)
        .map((region) => ({ stream: `region-${region.id}`, events: [event('RegionRegistered', regionData(region), at(index++, total))] })),
    );
  }
  levels.push([
    ...world.fairs.map((fair) => ({ stream: `fair-${fair.id}`, events: [event('FairRegistered', fairData(fair), at(index++, total))] })),
    ...world.organisations.map((organisation) => ({ stream: `organisation-${organisation.id}`, events: [event('OrganisationRegistered', organisationData(organisation), at(index++, total))] })),
  ]);
  levels.push([
    ...world.people.map((person) => ({ stream: `person-${person.id}`, events: personEvents(person).map(([type, data]) => event(type, data, at(index++, total))) })),
    ...world.organisations
      .filter((organisation) => organisation.renamedTo !== undefined)
      .map((organisation) => ({
        stream: `organisation-${organisation.id}`,
        events: [event('OrganisationRenamed', { organisationId: organisation.id, name: organisation.renamedTo }, at(index++, total))],
      })),
  ]);
  return levels;
}

function regionData(region: BenchRegion): Record<string, unknown> {
  return { regionId: region.id, name: region.name, kind: region.kind, ...(region.parentRegionId === undefined ? {} : { parentRegionId: region.parentRegionId }) };
}

function fairData(fair: BenchFair): Record<string, unknown> {
  return { fairId: fair.id, name: fair.name, regionId: fair.regionId, recurrence: fair.recurrence };
}

function organisationData(organisation: BenchOrganisation): Record<string, unknown> {
  return {
    organisationId: organisation.id,
    name: organisation.name,
    kind: organisation.kind,
    ...(organisation.regionId === undefined ? {} : { regionId: organisation.regionId }),
    ...(organisation.memberCount === undefined ? {} : { memberCount: organisation.memberCount }),
  };
}

function personEvents(person: BenchPerson): [string, Record<string, unknown>][] {
  const events: [string, Record<string, unknown>][] = [['PersonRegistered', { personId: person.id, name: person.name }]];
  for (const role of person.roles) {
    events.push(['RoleAssumed', { personId: person.id, organisationId: role.organisationId, role: role.role, from: role.from, level: role.level }]);
    if (role.until !== undefined) events.push(['RoleEnded', { personId: person.id, organisationId: role.organisationId, role: role.role, until: role.until }]);
  }
  return events;
}

type FactType = 'ContactEstablished' | 'MeetingHeld' | 'FairAttended' | 'MembershipCrossLinked' | 'DelegationVisited' | 'OpportunityIdentified';

const FACT_MIX: { type: FactType; prefix: string; weight: number }[] = [
  { type: 'MeetingHeld', prefix: 'meeting', weight: 38 },
  { type: 'ContactEstablished', prefix: 'contact', weight: 22 },
  { type: 'FairAttended', prefix: 'fair', weight: 12 },
  { type: 'DelegationVisited', prefix: 'visit', weight: 14 },
  { type: 'OpportunityIdentified', prefix: 'opportunity', weight: 12 },
  { type: 'MembershipCrossLinked', prefix: 'membership', weight: 0.4 },
];
const FACT_WEIGHTS = FACT_MIX.map((fact) => fact.weight);

/** Shares of a cooperation stream's events after its opening. */
const STAGE_CHANGE_SHARE = 0.01;
const CORRECTION_SHARE = 0.01;
const RETRACTION_SHARE = 0.003;

const CORRECTABLE_FIELDS: Record<FactType, string[]> = {
  ContactEstablished: ['occurredOn', 'summary', 'participants', 'place'],
  MeetingHeld: ['occurredOn', 'outcome', 'topics', 'participants', 'place'],
  FairAttended: ['edition', 'role', 'occurredOn'],
  MembershipCrossLinked: ['since'],
  DelegationVisited: ['occurredOn', 'purpose', 'destination'],
  OpportunityIdentified: ['title', 'description', 'occurredOn'],
};

const TOPICS = ['logistics corridors', 'rail freight', 'customs clearance', 'vocational training', 'joint ventures', 'energy efficiency', 'automotive supply chains', 'medical technology', 'agricultural machinery', 'research exchange', 'investment conditions', 'trade fair participation'];
const OUTCOMES = ['Both sides agreed to explore cooperation', 'A memorandum of understanding is being drafted', 'Follow-up meeting agreed', 'Working group set up', 'Contacts exchanged, no commitment yet'];
const PURPOSES = ['Explore cooperation in logistics', 'Visit member companies and sites', 'Present the network to regional authorities', 'Prepare a joint project application', 'Attend the regional investment forum'];
const SOURCE_KINDS = ['press-release', 'minutes', 'article', 'website', 'interview'] as const;

interface RecordedEntry {
  type: FactType;
  retracted: boolean;
}

/**
 * The events of one cooperation stream, written in order by `next()`: its opening, then facts of every type with
 * stage changes, corrections and retractions of earlier entries mixed in. Deterministic for a given world and
 * cooperation; holds only what later events need (entries so far, stage), so many can be open at once.
 */
export class CooperationHistory {
  readonly stream: string;
  private written = 0;
  private readonly random: SeededRandom;
  private readonly openedOnDay: number;
  private readonly entries: RecordedEntry[] = [];
  private stage: CooperationStage = 'contact';
  private leftForDormancy: ResumableStage | undefined;
  private lastStageDay: number;
  private readonly partnerPeople: readonly BenchPerson[];
  private readonly ourPeople: readonly BenchPerson[];
  private readonly partnerOrganisations: readonly BenchOrganisation[];
  private readonly partnerPlaces: readonly BenchRegion[];
  private readonly ourPlaces: readonly BenchRegion[];
  private readonly fairs: readonly BenchFair[];

  constructor(
    private readonly world: KontaktWorld,
    readonly cooperation: BenchCooperation,
    random: SeededRandom,
  ) {
    this.stream = `cooperation-${cooperation.id}`;
    this.random = random.fork(cooperation.id);
    const firstRecordedDay = Math.floor(recordedAtOf(cooperation.recordedFrom) / DAY_MS);
    // Most cooperations were under way before anyone recorded them.
    this.openedOnDay = firstRecordedDay - this.random.int(0, 12 * 365);
    this.lastStageDay = this.openedOnDay;
    const our = world.organisationById.get(cooperation.ourOrganisationId)!;
    const partnerRegionId = cooperation.partner.kind === 'region' ? cooperation.partner.id : world.organisationById.get(cooperation.partner.id)?.regionId;
    this.partnerOrganisations =
      cooperation.partner.kind === 'organisation' ? [world.organisationById.get(cooperation.partner.id)!] : (world.organisationsWithin.get(cooperation.partner.id) ?? []).slice(0, 40);
    this.partnerPeople = this.partnerOrganisations.flatMap((organisation) => world.peopleOf.get(organisation.id) ?? []);
    this.ourPeople = world.peopleOf.get(our.id) ?? [];
    this.partnerPlaces = partnerRegionId === undefined ? [] : (world.placesWithin.get(partnerRegionId) ?? []);
    this.ourPlaces = our.regionId === undefined ? [] : (world.placesWithin.get(our.regionId) ?? []);
    this.fairs = Array.from({ length: 3 }, () => this.random.pick(world.fairs));
  }

  get remaining(): number {
    return this.cooperation.events - this.written;
  }

  /** The next `count` events (fewer at the end of the stream). */
  take(count: number): BenchEvent[] {
    const events: BenchEvent[] = [];
    while (events.length < count && this.remaining > 0) events.push(this.next());
    return events;
  }

  private next(): BenchEvent {
    const index = this.written++;
    const recordedAtMs = recordedAtOfEvent(this.cooperation, index);
    const today = Math.floor(recordedAtMs / DAY_MS);
    if (index === 0) {
      const data = {
        cooperationId: this.cooperation.id,
        ourOrganisationId: this.cooperation.ourOrganisationId,
        partner: { ...this.cooperation.partner },
        openedOn: this.dateText(this.openedOnDay, this.random.weightedIndex([4, 4, 2])),
      };
      return this.event('CooperationOpened', data, recordedAtMs);
    }
    const roll = this.random.next();
    if (roll < STAGE_CHANGE_SHARE) return this.stageChange(today, recordedAtMs);
    // A correction or retraction that hits a retracted entry becomes a new fact: the shares stay close to the aim.
    if (this.entries.length > 0 && roll < STAGE_CHANGE_SHARE + CORRECTION_SHARE) return this.correction(today, recordedAtMs) ?? this.fact(today, recordedAtMs);
    if (this.entries.length > 0 && roll < STAGE_CHANGE_SHARE + CORRECTION_SHARE + RETRACTION_SHARE) return this.retraction(recordedAtMs) ?? this.fact(today, recordedAtMs);
    return this.fact(today, recordedAtMs);
  }

  private event(type: string, data: Record<string, unknown>, recordedAtMs: number, reason?: string): BenchEvent {
    return { id: this.random.uuid(), type, data, metadata: metadataOf(this.random, recordedAtMs, data, reason) };
  }

  private stageChange(today: number, recordedAtMs: number): BenchEvent {
    const options = allowedNextStages(this.stage, this.leftForDormancy).filter((stage) => stage !== 'ended');
    // Cooperations mostly advance; some fall dormant.
    const to = options.find((stage) => stage !== 'dormant' && this.random.chance(0.8)) ?? this.random.pick(options);
    const day = Math.max(this.lastStageDay + 1, today - this.random.int(0, 90));
    this.lastStageDay = day;
    const from = this.stage;
    this.leftForDormancy = to === 'dormant' ? (from as ResumableStage) : undefined;
    this.stage = to;
    const reason = this.random.chance(0.7) ? `${to === 'dormant' ? 'No contact since' : 'Agreed at the meeting of'} ${this.dateText(day, 0)}` : undefined;
    const data = { from, to, occurredOn: this.dateText(day, this.random.chance(0.8) ? 0 : 1), ...(reason === undefined ? {} : { reason }) };
    return this.event('CooperationStageChanged', data, recordedAtMs, reason);
  }

  private correction(today: number, recordedAtMs: number): BenchEvent | undefined {
    const entryIndex = this.random.int(0, this.entries.length - 1);
    const entry = this.entries[entryIndex];
    if (entry.retracted) return undefined;
    const field = this.random.pick(CORRECTABLE_FIELDS[entry.type]);
    const value = this.fieldValue(entry.type, field, today);
    const reason = this.random.pick(['Minutes give another date', 'Misspelt in the press release', 'Participant list completed from the minutes', 'Corrected after checking with the partner']);
    return this.event('FactCorrected', { entryId: this.entryId(entryIndex), corrections: { [field]: value }, reason }, recordedAtMs, reason);
  }

  private retraction(recordedAtMs: number): BenchEvent | undefined {
    const entryIndex = this.random.int(0, this.entries.length - 1);
    const entry = this.entries[entryIndex];
    if (entry.retracted) return undefined;
    entry.retracted = true;
    const reason = this.random.pick(['Recorded on the wrong cooperation', 'The meeting did not take place', 'Duplicate of another entry']);
    return this.event('EntryRetracted', { entryId: this.entryId(entryIndex), reason }, recordedAtMs, reason);
  }

  private entryId(index: number): string {
    const entry = this.entries[index];
    return `${FACT_MIX.find((fact) => fact.type === entry.type)!.prefix}-${index + 1}`;
  }

  private fact(today: number, recordedAtMs: number): BenchEvent {
    let mix = FACT_MIX[this.random.weightedIndex(FACT_WEIGHTS)];
    if (mix.type === 'MembershipCrossLinked' && this.otherOrganisation() === undefined) mix = FACT_MIX[0];
    this.entries.push({ type: mix.type, retracted: false });
    const entryId = this.entryId(this.entries.length - 1);
    const day = this.occurredDay(today);
    const random = this.random;
    const source = random.chance(0.5) ? { source: this.source(day) } : {};
    let data: Record<string, unknown>;
    switch (mix.type) {
      case 'ContactEstablished':
        data = {
          entryId,
          occurredOn: this.dateText(day, this.precision()),
          ...(random.chance(0.7) ? { place: this.place(random.chance(0.5)) } : {}),
          ...(random.chance(0.3) ? { occasion: this.occasion(day) } : {}),
          participants: this.participants(random.int(1, 3)),
          summary: `First talks on ${random.pick(TOPICS)}`,
          ...source,
        };
        break;
      case 'MeetingHeld':
        data = {
          entryId,
          occurredOn: this.dateText(day, this.precision()),
          place: this.place(random.chance(0.5)),
          participants: this.participants(random.int(2, 5)),
          topics: [...new Set(Array.from({ length: random.int(1, 3) }, () => random.pick(TOPICS)))],
          ...(random.chance(0.6) ? { outcome: random.pick(OUTCOMES) } : {}),
          ...source,
        };
        break;
      case 'FairAttended': {
        const fair = random.pick(this.fairs);
        data = { entryId, fairId: fair.id, edition: `${fair.name} ${this.year(day)}`, occurredOn: this.dateText(day, random.chance(0.5) ? 1 : 2), role: random.pick(['exhibitor', 'visitor', 'organiser']), ...source };
        break;
      }
      case 'MembershipCrossLinked':
        data = { entryId, organisationId: this.cooperation.ourOrganisationId, otherOrganisationId: this.otherOrganisation()!.id, since: this.dateText(day, random.chance(0.6) ? 2 : 1), ...source };
        break;
      case 'DelegationVisited': {
        const direction = random.chance(0.6) ? 'outbound' : 'inbound';
        data = {
          entryId,
          direction,
          occurredOn: this.dateText(day, this.precision()),
          destination: this.place(direction === 'inbound'),
          participants: this.participants(random.int(1, 4)),
          purpose: random.pick(PURPOSES),
          ...source,
        };
        break;
      }
      case 'OpportunityIdentified':
        data = {
          entryId,
          opportunityId: `${this.cooperation.id}-opportunity-${this.entries.length}`,
          title: `Joint project on ${random.pick(TOPICS)}`,
          occurredOn: this.dateText(day, this.precision()),
          ...(random.chance(0.6) ? { description: `Identified during talks on ${random.pick(TOPICS)}; volume to be assessed` } : {}),
          ...source,
        };
        break;
    }
    return this.event(mix.type, data, recordedAtMs);
  }

  private fieldValue(type: FactType, field: string, today: number): unknown {
    const random = this.random;
    const day = this.occurredDay(today);
    switch (field) {
      case 'occurredOn':
      case 'since':
        return this.dateText(day, this.precision());
      case 'summary':
        return `Talks on ${random.pick(TOPICS)}`;
      case 'participants':
        return this.participants(random.int(1, 4));
      case 'place':
      case 'destination':
        return this.place(random.chance(0.5));
      case 'outcome':
        return random.pick(OUTCOMES);
      case 'topics':
        return [...new Set([random.pick(TOPICS), random.pick(TOPICS)])];
      case 'edition':
        return `Edition ${this.year(day)}`;
      case 'role':
        return random.pick(['exhibitor', 'visitor']);
      case 'purpose':
        return random.pick(PURPOSES);
      case 'title':
        return `Joint project on ${random.pick(TOPICS)} (revised)`;
      case 'description':
        return 'Scope narrowed after the second round of talks';
      default:
        throw new Error(`no corrected value for ${type}.${field}`);
    }
  }

  /** Mostly recorded within weeks of happening; a third backfilled from any time since the cooperation opened. */
  private occurredDay(today: number): number {
    if (this.random.chance(0.67)) return Math.max(this.openedOnDay, today - this.random.int(0, 60));
    return this.random.int(this.openedOnDay, Math.max(this.openedOnDay, today));
  }

  private precision(): number {
    return this.random.weightedIndex([6, 3, 1]);
  }

  private participants(count: number): Record<string, unknown>[] {
    const random = this.random;
    const participants: Record<string, unknown>[] = [];
    for (let index = 0; index < count; index++) {
      const ours = index % 2 === 1;
      const pool = ours ? this.ourPeople : this.partnerPeople;
      if (pool.length > 0 && random.chance(0.7)) {
        const person = random.pick(pool);
        const role = person.roles[person.roles.length - 1];
        participants.push({ personId: person.id, name: person.name, organisationId: role.organisationId, role: role.role, level: role.level });
        continue;
      }
      const organisation = ours ? this.world.organisationById.get(this.cooperation.ourOrganisationId) : this.partnerOrganisations.length > 0 ? random.pick(this.partnerOrganisations) : undefined;
      const level: ParticipationLevel = ours ? random.pick(['executive', 'working']) : random.pick(['minister', 'executive', 'executive', 'working', 'working']);
      participants.push({ name: ours ? 'Network delegation' : 'Partner delegation', ...(organisation ? { organisationId: organisation.id } : {}), level });
    }
    return participants;
  }

  private place(atHome: boolean): Record<string, unknown> {
    const places = atHome && this.ourPlaces.length > 0 ? this.ourPlaces : this.partnerPlaces.length > 0 ? this.partnerPlaces : this.ourPlaces;
    if (places.length === 0) return { name: 'Online' };
    const region = this.random.pick(places);
    return { name: region.name, regionId: region.id };
  }

  private occasion(day: number): Record<string, unknown> {
    const fair = this.random.pick(this.fairs);
    return this.random.chance(0.6) ? { name: `${fair.name} ${this.year(day)}`, fairId: fair.id } : { name: 'State visit' };
  }

  private source(day: number): Record<string, unknown> {
    const random = this.random;
    const kind = random.pick(SOURCE_KINDS);
    return {
      kind,
      title: `${kind === 'minutes' ? 'Minutes' : 'Report'}: ${random.pick(TOPICS)}`,
      ...(random.chance(0.6) ? { publisher: this.world.organisationById.get(this.cooperation.ourOrganisationId)!.name } : {}),
      publishedOn: this.dateText(day + random.int(0, 30), 1),
      ...(kind === 'website' || kind === 'article' ? { url: `https://example.org/news/${this.cooperation.id}/${this.entries.length}` } : {}),
    };
  }

  private otherOrganisation(): BenchOrganisation | undefined {
    return this.partnerOrganisations.find((organisation) => organisation.id !== this.cooperation.ourOrganisationId);
  }

  private year(day: number): number {
    return new Date(day * DAY_MS).getUTCFullYear();
  }

  /** `precision`: 0 day, 1 month, 2 year. */
  private dateText(day: number, precision: number): string {
    const iso = new Date(day * DAY_MS).toISOString();
    return precision === 0 ? iso.slice(0, 10) : precision === 1 ? iso.slice(0, 7) : iso.slice(0, 4);
  }
}
