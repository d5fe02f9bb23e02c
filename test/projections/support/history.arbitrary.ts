import fc from 'fast-check';
import {
  DomainError,
  FACT_FIELDS,
  PARTICIPATION_LEVELS,
  allowedNextStages,
  cooperationDecider,
  formatHistoricalDate,
  parseHistoricalDate,
  personDecider,
  type CooperationCommand,
  type CooperationEvent,
  type CooperationState,
  type HistoricalDate,
  type Participant,
  type ParticipationLevel,
  type PersonCommand,
  type PersonEvent,
  type PersonState,
  type RecordedFactType,
} from '@app/domain';
import type { EventMetadata } from '@app/event-store';

/**
 * Random Kontakt histories for property tests: a few regions in a tree, organisations, people, fairs, cooperations
 * with facts of every type, stage changes, corrections and retractions, each event with the metadata the API writes.
 *
 * A history is drawn as a script of choices (which cooperation, which entry, which date...) and written out by
 * `writeHistory`, which runs every cooperation and person command through the domain's own deciders: what the
 * deciders refuse is left out, so every history is one the write side could have produced, dates that overlap the
 * cooperation's opening at a coarser precision included ("2017" in a cooperation opened on 2017-03-14). Ids carry a
 * namespace, so that many histories can share one event store.
 */

/** A date `years` after a base year; month 0 means year precision, day 0 month precision. */
export interface DateDraw {
  years: number;
  month: number;
  day: number;
  /** When the date must be moved to a bound: keep the bound's year (0), month (1) or all of it (2). */
  coarsen: number;
}

export interface ParticipantDraw {
  person: number | null;
  organisation: number | null;
  level: ParticipationLevel;
  withRole: boolean;
}

/** Everything a fact of any type may need; the type picks what it uses. */
export interface FactDraw {
  type: RecordedFactType;
  date: DateDraw;
  participants: ParticipantDraw[];
  place: number | null;
  fair: number;
  organisations: [number, number];
  variant: number;
}

export type HistoryStep =
  | { kind: 'region'; parent: number | null }
  | { kind: 'organisation'; region: number | null }
  | { kind: 'person' }
  | { kind: 'erase'; person: number }
  | { kind: 'fair'; region: number }
  | { kind: 'rename'; organisation: number }
  /** Assumes a role, or with `end` ends one the person holds. */
  | { kind: 'role'; person: number; organisation: number; title: number; level: ParticipationLevel; date: DateDraw; end: boolean }
  | { kind: 'open'; our: number; partnerKind: 'region' | 'organisation'; partner: number; openedOn: DateDraw }
  | { kind: 'fact'; cooperation: number; fact: FactDraw }
  | { kind: 'stage'; cooperation: number; to: number; date: DateDraw }
  | { kind: 'correct'; cooperation: number; entry: number; field: number; fact: FactDraw }
  | { kind: 'retract'; cooperation: number; entry: number };

/** How the recording clock moves for one event: forward by `advanceMs`, and the writer's clock `skewMs` behind. */
export interface ClockDraw {
  advanceMs: number;
  skewMs: number;
}

export interface ScriptStep {
  step: HistoryStep;
  clock: ClockDraw;
  actor: number;
  /** Metadata with a source and a reason, as a command citing its source carries. */
  annotated: boolean;
}

export interface HistoryScript {
  steps: ScriptStep[];
}

/** One event as the write side appends it. */
export interface HistoryEvent {
  streamId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

export interface KontaktHistory {
  namespace: string;
  events: HistoryEvent[];
  regions: string[];
  organisations: string[];
  people: string[];
  fairs: string[];
  cooperations: string[];
  /** The latest `recordedAt` written, in ms. */
  lastRecordedMs: number;
}

const FACT_TYPES: readonly RecordedFactType[] = ['ContactEstablished', 'MeetingHeld', 'FairAttended', 'MembershipCrossLinked', 'DelegationVisited', 'OpportunityIdentified'];
const ROLE_TITLES = ['Chair', 'Minister of Transport'];
const TOPICS = ['logistics', 'rail', 'ports', 'training', 'customs'];

const pick = fc.nat({ max: 1_000 });
const optionalPick = fc.option(pick, { nil: null, freq: 3 });

const dateDraw: fc.Arbitrary<DateDraw> = fc.record({
  years: fc.nat({ max: 3 }),
  month: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 })),
  day: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 31 })),
  coarsen: fc.nat({ max: 2 }),
});

const participantDraw: fc.Arbitrary<ParticipantDraw> = fc.record({
  person: optionalPick,
  organisation: optionalPick,
  level: fc.constantFrom(...PARTICIPATION_LEVELS),
  withRole: fc.boolean(),
});

const factDraw: fc.Arbitrary<FactDraw> = fc.record({
  type: fc.constantFrom(...FACT_TYPES),
  date: dateDraw,
  participants: fc.array(participantDraw, { minLength: 1, maxLength: 3 }),
  place: optionalPick,
  fair: pick,
  organisations: fc.tuple(pick, pick),
  variant: fc.nat({ max: 5 }),
});

const clockDraw: fc.Arbitrary<ClockDraw> = fc.record({
  advanceMs: fc.oneof(
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 3_000 }) },
    { weight: 2, arbitrary: fc.integer({ min: 3_001, max: 86_400_000 }) },
  ),
  // Another writer's clock a little behind: the event is recorded "before" the one appended ahead of it.
  skewMs: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 10_000 }) }),
});

const activityStep: fc.Arbitrary<HistoryStep> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('fact' as const), cooperation: pick, fact: factDraw }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('correct' as const), cooperation: pick, entry: pick, field: pick, fact: factDraw }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('stage' as const), cooperation: pick, to: fc.nat({ max: 9 }), date: dateDraw }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('retract' as const), cooperation: pick, entry: pick }) },
  { weight: 1, arbitrary: openStep() },
  { weight: 1, arbitrary: fc.constant<HistoryStep>({ kind: 'person' }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), person: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('organisation' as const), region: optionalPick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), organisation: pick }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('role' as const), person: pick, organisation: pick, title: fc.nat({ max: 1 }), level: fc.constantFrom(...PARTICIPATION_LEVELS), date: dateDraw, end: fc.boolean() }),
  },
);

function openStep(): fc.Arbitrary<HistoryStep> {
  return fc.record({ kind: fc.constant('open' as const), our: pick, partnerKind: fc.constantFrom('region' as const, 'organisation' as const), partner: pick, openedOn: dateDraw });
}

function scripted(step: fc.Arbitrary<HistoryStep>): fc.Arbitrary<ScriptStep> {
  return fc.record({ step, clock: clockDraw, actor: fc.nat({ max: 2 }), annotated: fc.boolean() });
}

/**
 * Scripts of `activity` steps after a setup of 2–5 regions (the first a root, each later one under an earlier one or
 * none), 2–5 organisations, 1–4 people, 1–2 fairs and 1–3 opened cooperations. Activity may register more.
 */
export function historyScripts(activity: { minLength: number; maxLength: number } = { minLength: 15, maxLength: 45 }): fc.Arbitrary<HistoryScript> {
  return fc
    .tuple(
      scripted(fc.constant<HistoryStep>({ kind: 'region', parent: null })),
      fc.array(scripted(fc.record({ kind: fc.constant('region' as const), parent: optionalPick })), { minLength: 1, maxLength: 4 }),
      fc.array(scripted(fc.record({ kind: fc.constant('organisation' as const), region: optionalPick })), { minLength: 2, maxLength: 5 }),
      fc.array(scripted(fc.constant<HistoryStep>({ kind: 'person' })), { minLength: 1, maxLength: 4 }),
      fc.array(scripted(fc.record({ kind: fc.constant('fair' as const), region: pick })), { minLength: 1, maxLength: 2 }),
      fc.array(scripted(openStep()), { minLength: 1, maxLength: 3 }),
      fc.array(scripted(activityStep), activity),
    )
    .map(([root, regions, organisations, people, fairs, cooperations, steps]) => ({ steps: [root, ...regions, ...organisations, ...people, ...fairs, ...cooperations, ...steps] }));
}

interface CooperationModel {
  id: string;
  streamId: string;
  state: CooperationState;
  openedOn: HistoricalDate;
  entryIds: string[];
}

/** Writes a script out as events, with ids in `namespace` and `recordedAt` from `startMs` on. */
export function writeHistory(script: HistoryScript, namespace: string, startMs: number): KontaktHistory {
  return new HistoryWriter(namespace, startMs).write(script);
}

class HistoryWriter {
  private readonly events: HistoryEvent[] = [];
  private readonly regions: string[] = [];
  private readonly organisations: string[] = [];
  private readonly people: string[] = [];
  private readonly personStates = new Map<string, PersonState>();
  private readonly fairs: string[] = [];
  private readonly cooperations: CooperationModel[] = [];
  private clockMs: number;
  private lastRecordedMs = 0;
  private current!: ScriptStep;
  private counter = 0;

  constructor(
    private readonly namespace: string,
    startMs: number,
  ) {
    this.clockMs = startMs;
  }

  write(script: HistoryScript): KontaktHistory {
    for (const step of script.steps) {
      this.current = step;
      this.apply(step.step);
    }
    return {
      namespace: this.namespace,
      events: this.events,
      regions: this.regions,
      organisations: this.organisations,
      people: this.people,
      fairs: this.fairs,
      cooperations: this.cooperations.map((cooperation) => cooperation.id),
      lastRecordedMs: this.lastRecordedMs,
    };
  }

  private apply(step: HistoryStep): void {
    const n = this.counter++;
    switch (step.kind) {
      case 'region': {
        const regionId = `${this.namespace}-region-${this.regions.length}`;
        const parentRegionId = step.parent === null ? undefined : this.choose(this.regions, step.parent);
        this.emit(`region-${regionId}`, 'RegionRegistered', { regionId, name: `Region ${n}`, kind: parentRegionId ? 'city' : 'country', ...(parentRegionId ? { parentRegionId } : {}) });
        this.regions.push(regionId);
        return;
      }
      case 'organisation': {
        const organisationId = `${this.namespace}-org-${this.organisations.length}`;
        const regionId = step.region === null ? undefined : this.choose(this.regions, step.region);
        this.emit(`organisation-${organisationId}`, 'OrganisationRegistered', { organisationId, name: `Organisation ${n}`, kind: 'association', ...(regionId ? { regionId } : {}), ...(n % 2 === 0 ? { memberCount: n } : {}) });
        this.organisations.push(organisationId);
        return;
      }
      case 'person': {
        const personId = `${this.namespace}-person-${this.people.length}`;
        this.person(personId, { type: 'RegisterPerson', data: { personId, name: `Person ${n}` } });
        if (this.personStates.has(personId)) this.people.push(personId);
        return;
      }
      case 'erase': {
        // The API would have destroyed the key too; these events are plaintext, so projections must erase on their own.
        const personId = this.choose(this.people, step.person);
        if (personId !== undefined) this.person(personId, { type: 'ErasePerson', data: { personId, reason: `Erasure request ${n}` } });
        return;
      }
      case 'fair': {
        const fairId = `${this.namespace}-fair-${this.fairs.length}`;
        this.emit(`fair-${fairId}`, 'FairRegistered', { fairId, name: `Fair ${n}`, regionId: this.choose(this.regions, step.region)!, recurrence: 'annual' });
        this.fairs.push(fairId);
        return;
      }
      case 'rename': {
        const organisationId = this.choose(this.organisations, step.organisation)!;
        this.emit(`organisation-${organisationId}`, 'OrganisationRenamed', { organisationId, name: `Renamed organisation ${n}` });
        return;
      }
      case 'role':
        return this.role(step);
      case 'open':
        return this.open(step);
      case 'fact':
        return this.fact(step);
      case 'stage':
        return this.stage(step);
      case 'correct':
        return this.correct(step);
      case 'retract': {
        const cooperation = this.choose(this.cooperations, step.cooperation);
        const live = cooperation ? this.liveEntries(cooperation) : [];
        const entryId = live[step.entry % Math.max(1, live.length)];
        if (!cooperation || entryId === undefined) return;
        this.cooperation(cooperation, [{ type: 'RetractEntry', data: { cooperationId: cooperation.id, entryId, reason: `Not true (${n})` } }]);
        return;
      }
    }
  }

  private role(step: Extract<HistoryStep, { kind: 'role' }>): void {
    const personId = this.choose(this.people, step.person);
    const organisationId = this.choose(this.organisations, step.organisation);
    const state = personId === undefined ? undefined : this.personStates.get(personId);
    if (!personId || !organisationId || state?.status !== 'registered') return;
    const open = state.roles.filter((held) => held.until === undefined);
    const held = step.end ? open[step.title % Math.max(1, open.length)] : undefined;
    if (held) {
      for (const until of this.datesFrom(parseHistoricalDate(held.from), step.date)) {
        if (this.person(personId, { type: 'EndRole', data: { personId, organisationId: held.organisationId, role: held.role, until } })) return;
      }
    } else {
      this.person(personId, { type: 'AssumeRole', data: { personId, organisationId, role: ROLE_TITLES[step.title], from: this.dateText(2008, step.date), level: step.level } });
    }
  }

  private open(step: Extract<HistoryStep, { kind: 'open' }>): void {
    const ourOrganisationId = this.choose(this.organisations, step.our);
    if (!ourOrganisationId) return;
    let partnerId = step.partnerKind === 'region' ? this.choose(this.regions, step.partner) : this.choose(this.organisations, step.partner);
    if (step.partnerKind === 'organisation' && partnerId === ourOrganisationId) partnerId = this.choose(this.organisations, step.partner + 1);
    if (!partnerId || partnerId === ourOrganisationId) return;
    const id = `${this.namespace}-coop-${this.cooperations.length}`;
    const openedOn = this.dateText(2014, step.openedOn);
    const model: CooperationModel = { id, streamId: `cooperation-${id}`, state: cooperationDecider.initialState(), openedOn: parseHistoricalDate(openedOn), entryIds: [] };
    if (this.cooperation(model, [{ type: 'OpenCooperation', data: { cooperationId: id, ourOrganisationId, partner: { kind: step.partnerKind, id: partnerId }, openedOn } }])) {
      this.cooperations.push(model);
    }
  }

  private fact(step: Extract<HistoryStep, { kind: 'fact' }>): void {
    const cooperation = this.choose(this.cooperations, step.cooperation);
    if (!cooperation) return;
    const entryId = `entry-${this.counter}`;
    const candidates = this.datesFrom(cooperation.openedOn, step.fact.date).map((date) => this.factCommand(cooperation.id, entryId, step.fact, date));
    if (this.cooperation(cooperation, candidates)) cooperation.entryIds.push(entryId);
  }

  private stage(step: Extract<HistoryStep, { kind: 'stage' }>): void {
    const cooperation = this.choose(this.cooperations, step.cooperation);
    if (!cooperation || cooperation.state.status !== 'opened') return;
    const allowed = allowedNextStages(cooperation.state.stage, cooperation.state.leftForDormancy);
    if (allowed.length === 0) return;
    // Mostly onwards (the first allowed stage), sometimes dormant or ended.
    const to = allowed[Math.min(allowed.length - 1, step.to < 6 ? 0 : step.to < 9 ? 1 : 2)];
    const previous = cooperation.state.stageChangedOn === undefined ? cooperation.openedOn : parseHistoricalDate(cooperation.state.stageChangedOn);
    this.cooperation(
      cooperation,
      this.datesFrom(previous, step.date).map((occurredOn) => ({ type: 'ChangeStage', data: { cooperationId: cooperation.id, to, occurredOn, ...(step.to % 2 === 0 ? { reason: 'Board decision' } : {}) } })),
    );
  }

  private correct(step: Extract<HistoryStep, { kind: 'correct' }>): void {
    const cooperation = this.choose(this.cooperations, step.cooperation);
    if (!cooperation || cooperation.state.status !== 'opened') return;
    const live = this.liveEntries(cooperation);
    const entryId = live[step.entry % Math.max(1, live.length)];
    const entry = entryId === undefined ? undefined : cooperation.state.entries.get(entryId);
    if (!entry || entryId === undefined) return;
    const type = entry.fact.type;
    // Dates, participants and places are what move an entry between timelines: drawn more often than the rest.
    const fields: string[] = [...FACT_FIELDS[type]];
    for (const mover of ['occurredOn', 'since', 'participants', 'place', 'destination']) if (fields.includes(mover)) fields.push(mover, mover);
    const field = fields[step.field % fields.length];
    const candidates: CooperationCommand[] = this.datesFrom(cooperation.openedOn, step.fact.date).map((date) => {
      const drawn = this.factData(entryId, { ...step.fact, type }, date, true);
      const value = field === 'source' ? { kind: 'minutes', title: `Minutes ${this.counter}` } : drawn[field];
      return { type: 'CorrectFact', data: { cooperationId: cooperation.id, entryId, corrections: { [field]: value }, reason: `Corrected ${field}` } } as CooperationCommand;
    });
    // A correction that changes nothing, or a membership of an organisation with itself, is refused: cite a source instead.
    candidates.push({ type: 'CorrectFact', data: { cooperationId: cooperation.id, entryId, corrections: { source: { kind: 'article', title: `Article ${this.counter}` } }, reason: 'Source found' } });
    this.cooperation(cooperation, candidates);
  }

  private factCommand(cooperationId: string, entryId: string, draw: FactDraw, date: string): CooperationCommand {
    const commandType = ({
      ContactEstablished: 'EstablishContact',
      MeetingHeld: 'RecordMeeting',
      FairAttended: 'RecordFairAttendance',
      MembershipCrossLinked: 'LinkMemberships',
      DelegationVisited: 'RecordDelegationVisit',
      OpportunityIdentified: 'IdentifyOpportunity',
    } as const)[draw.type];
    return { type: commandType, data: { cooperationId, ...this.factData(entryId, draw, date, false) } } as CooperationCommand;
  }

  /** The fields of a fact of `draw.type`; `complete` gives every optional field a value too (for corrections). */
  private factData(entryId: string, draw: FactDraw, date: string, complete: boolean): Record<string, unknown> {
    const variant = draw.variant;
    const optional = (when: boolean, fields: Record<string, unknown>) => (when || complete ? fields : {});
    const place = () => ({ name: `Place ${variant}`, ...(draw.place === null ? {} : { regionId: this.choose(this.regions, draw.place) }) });
    // The API refuses participants linked to an erased person (ERASED_REFERENCE).
    const linkable = this.people.filter((personId) => this.personStates.get(personId)?.status === 'registered');
    const participants = draw.participants.map(
      (participant, index): Participant => ({
        name: `Participant ${index}-${variant}`,
        level: participant.level,
        ...(participant.person === null || linkable.length === 0 ? {} : { personId: this.choose(linkable, participant.person) }),
        ...(participant.organisation === null ? {} : { organisationId: this.choose(this.organisations, participant.organisation) }),
        ...(participant.withRole ? { role: 'Delegate' } : {}),
      }),
    );
    const source = optional(variant % 3 === 0, { source: { kind: 'press-release', title: `Press release ${variant}`, publishedOn: date } });
    switch (draw.type) {
      case 'ContactEstablished':
        return {
          entryId,
          occurredOn: date,
          ...optional(variant % 2 === 0, { place: place() }),
          ...optional(variant % 3 === 1, { occasion: { name: 'Fair visit', fairId: this.choose(this.fairs, draw.fair) } }),
          participants,
          summary: `Summary ${variant}`,
          ...source,
        };
      case 'MeetingHeld':
        return { entryId, occurredOn: date, place: place(), participants, topics: TOPICS.slice(variant % 3, 1 + (variant % 5)), ...optional(variant > 2, { outcome: `Outcome ${variant}` }), ...source };
      case 'FairAttended':
        return { entryId, fairId: this.choose(this.fairs, draw.fair), edition: `${date.slice(0, 4)} edition ${variant}`, occurredOn: date, role: ['exhibitor', 'visitor', 'organiser'][variant % 3], ...source };
      case 'MembershipCrossLinked': {
        // Two different organisations: the second is drawn among the others.
        const [first, other] = draw.organisations;
        const otherIndex = first + 1 + (other % Math.max(1, this.organisations.length - 1));
        return { entryId, organisationId: this.choose(this.organisations, first), otherOrganisationId: this.choose(this.organisations, otherIndex), since: date, ...source };
      }
      case 'DelegationVisited':
        return { entryId, direction: variant % 2 === 0 ? 'inbound' : 'outbound', occurredOn: date, destination: place(), participants, purpose: `Purpose ${variant}`, ...source };
      case 'OpportunityIdentified':
        return { entryId, opportunityId: `opportunity-${variant}`, title: `Opportunity ${variant}`, occurredOn: date, ...optional(variant % 2 === 1, { description: 'Rail freight' }), ...source };
    }
  }

  /** Runs the first command the cooperation's decider accepts and appends its events; false when it refused them all. */
  private cooperation(cooperation: CooperationModel, commands: CooperationCommand[]): boolean {
    for (const command of commands) {
      let events: CooperationEvent[];
      try {
        events = cooperationDecider.decide(command, cooperation.state);
      } catch (error) {
        if (error instanceof DomainError) continue;
        throw error;
      }
      for (const event of events) {
        cooperation.state = cooperationDecider.evolve(cooperation.state, event);
        this.emit(cooperation.streamId, event.type, event.data as unknown as Record<string, unknown>);
      }
      return true;
    }
    return false;
  }

  private person(personId: string, command: PersonCommand): boolean {
    let events: PersonEvent[];
    const state = this.personStates.get(personId) ?? personDecider.initialState();
    try {
      events = personDecider.decide(command, state);
    } catch (error) {
      if (error instanceof DomainError) return false;
      throw error;
    }
    let next = state;
    for (const event of events) {
      next = personDecider.evolve(next, event);
      this.emit(`person-${personId}`, event.type, event.data as unknown as Record<string, unknown>);
    }
    this.personStates.set(personId, next);
    return true;
  }

  private emit(streamId: string, type: string, data: Record<string, unknown>): void {
    const { clock, actor, annotated } = this.current;
    this.clockMs += clock.advanceMs;
    const recordedMs = this.clockMs - clock.skewMs;
    this.lastRecordedMs = Math.max(this.lastRecordedMs, recordedMs);
    const request = `${this.namespace}-request-${this.events.length}`;
    this.events.push({
      streamId,
      type,
      data: JSON.parse(JSON.stringify(data)) as Record<string, unknown>,
      metadata: {
        actor: { id: `editor-${actor}`, role: actor === 0 ? 'admin' : 'editor' },
        recordedAt: new Date(recordedMs).toISOString(),
        correlationId: `${this.namespace}-correlation-${this.counter}`,
        causationId: request,
        requestId: request,
        ...(annotated ? { source: { kind: 'minutes', title: 'Board minutes' }, reason: 'As minuted' } : {}),
        schemaVersion: 1,
      },
    });
  }

  private liveEntries(cooperation: CooperationModel): string[] {
    if (cooperation.state.status !== 'opened') return [];
    const entries = cooperation.state.entries;
    return cooperation.entryIds.filter((entryId) => entries.get(entryId)?.retracted === false);
  }

  private choose<T>(items: readonly T[], index: number): T | undefined {
    return items.length === 0 ? undefined : items[index % items.length];
  }

  /**
   * The drawn date, counted from `bound`'s year, then `bound` at a coarser precision, then `bound` itself: the first
   * the decider accepts is used. The coarser forms are what makes facts overlap the day a cooperation opened.
   */
  private datesFrom(bound: HistoricalDate, draw: DateDraw): string[] {
    const coarser: HistoricalDate = draw.coarsen === 0 ? { year: bound.year } : draw.coarsen === 1 && bound.month !== undefined ? { year: bound.year, month: bound.month } : bound;
    return [this.dateText(bound.year, draw), formatHistoricalDate(coarser), formatHistoricalDate(bound)];
  }

  private dateText(baseYear: number, draw: DateDraw): string {
    const year = baseYear + draw.years;
    if (draw.month === 0) return String(year);
    const days = new Date(Date.UTC(year, draw.month, 0)).getUTCDate();
    return formatHistoricalDate({ year, month: draw.month, ...(draw.day === 0 ? {} : { day: Math.min(draw.day, days) }) });
  }

}
