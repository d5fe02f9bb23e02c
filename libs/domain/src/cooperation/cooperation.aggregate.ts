import { DomainError } from '../shared/domain-error';
import { isDefinitelyBefore, parseHistoricalDate } from '../shared/historical-date';
import { Decider } from '../shared/decider';
import { MAX_TEXT_LENGTH, optionalText, requireOneOf, requireText } from '../shared/text-field';
import { PARTNER_KINDS } from './cooperation-partner';
import { COOPERATION_STAGES, allowedNextStages } from './cooperation-stage';
import { CooperationState, OpenedCooperation, RecordedEntry, initialCooperationState } from './cooperation.state';
import { ChangeStage } from './commands/change-stage.command';
import { CooperationCommand } from './commands/cooperation-command';
import { CorrectFact } from './commands/correct-fact.command';
import { OpenCooperation } from './commands/open-cooperation.command';
import { RetractEntry } from './commands/retract-entry.command';
import { CooperationEvent } from './events/cooperation-event';
import { COOPERATION_OPENED, CooperationOpened } from './events/cooperation-opened.event';
import { COOPERATION_STAGE_CHANGED, CooperationStageChanged } from './events/cooperation-stage-changed.event';
import { ENTRY_RETRACTED, EntryRetracted } from './events/entry-retracted.event';
import { FACT_CORRECTED, FactCorrected } from './events/fact-corrected.event';
import { FACT_FIELDS, RecordedFact, RecordedFactType } from './events/recorded-fact';
import { MAX_ID_LENGTH, validateRecordedFact } from './recorded-fact.validation';

const FACT_OF_COMMAND = {
  EstablishContact: 'ContactEstablished',
  RecordMeeting: 'MeetingHeld',
  RecordFairAttendance: 'FairAttended',
  LinkMemberships: 'MembershipCrossLinked',
  RecordDelegationVisit: 'DelegationVisited',
  IdentifyOpportunity: 'OpportunityIdentified',
} as const satisfies Partial<Record<CooperationCommand['type'], RecordedFactType>>;

export function decideCooperation(command: CooperationCommand, state: CooperationState): CooperationEvent[] {
  requireText(command.data.cooperationId, 'cooperationId', MAX_ID_LENGTH);
  switch (command.type) {
    case 'OpenCooperation':
      return [openCooperation(command, state)];
    case 'ChangeStage':
      return [changeStage(command, requireOpened(state, command.data.cooperationId))];
    case 'CorrectFact':
      return [correctFact(command, requireOpened(state, command.data.cooperationId))];
    case 'RetractEntry':
      return [retractEntry(command, requireOpened(state, command.data.cooperationId))];
    default: {
      const cooperation = requireOpened(state, command.data.cooperationId);
      // Only the fields of the fact are kept: the cooperation id is the stream's, and nothing unknown slips into history.
      const fact = factOf(FACT_OF_COMMAND[command.type], command.data);
      return [recordFact(fact, cooperation)];
    }
  }
}

export function evolveCooperation(state: CooperationState, event: CooperationEvent): CooperationState {
  if (event.type === 'CooperationOpened') {
    return { status: 'opened', ...event.data, stage: 'contact', entries: new Map() };
  }
  if (state.status !== 'opened') return state;
  switch (event.type) {
    case 'CooperationStageChanged': {
      const { from, to, occurredOn } = event.data;
      const leftForDormancy = to === 'dormant' && from !== 'dormant' && from !== 'ended' ? from : undefined;
      return { ...state, stage: to, leftForDormancy, stageChangedOn: occurredOn };
    }
    case 'FactCorrected':
      return updateEntry(state, event.data.entryId, (entry) => ({
        ...entry,
        fact: { type: entry.fact.type, data: { ...entry.fact.data, ...event.data.corrections } } as RecordedFact,
      }));
    case 'EntryRetracted':
      return updateEntry(state, event.data.entryId, (entry) => ({ ...entry, retracted: true }));
    default:
      return { ...state, entries: new Map(state.entries).set(event.data.entryId, { fact: event, retracted: false }) };
  }
}

export const cooperationDecider: Decider<CooperationCommand, CooperationEvent, CooperationState> = {
  decide: decideCooperation,
  evolve: evolveCooperation,
  initialState: initialCooperationState,
};

function openCooperation(command: OpenCooperation, state: CooperationState): CooperationOpened {
  const { cooperationId, ourOrganisationId, partner, openedOn } = command.data;
  if (state.status !== 'unopened') {
    throw new DomainError('COOPERATION_ALREADY_EXISTS', `cooperation ${cooperationId} already exists`, 'cooperationId');
  }
  requireText(ourOrganisationId, 'ourOrganisationId', MAX_ID_LENGTH);
  if (typeof partner !== 'object' || partner === null) {
    throw new DomainError('INVALID_FIELD', 'partner must be an object', 'partner');
  }
  requireOneOf(partner.kind, PARTNER_KINDS, 'partner.kind');
  requireText(partner.id, 'partner.id', MAX_ID_LENGTH);
  if (partner.kind === 'organisation' && partner.id === ourOrganisationId) {
    throw new DomainError('INVALID_FIELD', `organisation ${ourOrganisationId} cannot cooperate with itself`, 'partner.id');
  }
  parseHistoricalDate(openedOn, 'openedOn');
  return {
    type: COOPERATION_OPENED,
    data: { cooperationId, ourOrganisationId, partner: { kind: partner.kind, id: partner.id }, openedOn },
  };
}

function recordFact(fact: RecordedFact, cooperation: OpenedCooperation): RecordedFact {
  requireNotEnded(cooperation);
  const { entryId } = fact.data;
  requireText(entryId, 'entryId', MAX_ID_LENGTH);
  if (cooperation.entries.has(entryId)) {
    throw new DomainError('DUPLICATE_ENTRY_ID', `entry ${entryId} is already recorded`, 'entryId');
  }
  validateRecordedFact(fact, parseHistoricalDate(cooperation.openedOn));
  return fact;
}

function changeStage(command: ChangeStage, cooperation: OpenedCooperation): CooperationStageChanged {
  const { to, occurredOn, reason } = command.data;
  const from = cooperation.stage;
  requireOneOf(to, COOPERATION_STAGES, 'to');
  if (!allowedNextStages(from, cooperation.leftForDormancy).includes(to)) {
    throw new DomainError('INVALID_STAGE_TRANSITION', `cooperation ${cooperation.cooperationId} cannot move from ${from} to ${to}`, 'to');
  }
  const date = parseHistoricalDate(occurredOn, 'occurredOn');
  if (isDefinitelyBefore(date, parseHistoricalDate(cooperation.openedOn))) {
    throw new DomainError('DATE_OUT_OF_ORDER', `occurredOn ${occurredOn} is before the cooperation was opened`, 'occurredOn');
  }
  if (cooperation.stageChangedOn !== undefined && isDefinitelyBefore(date, parseHistoricalDate(cooperation.stageChangedOn))) {
    throw new DomainError(
      'DATE_OUT_OF_ORDER',
      `occurredOn ${occurredOn} is before the previous stage change (${cooperation.stageChangedOn})`,
      'occurredOn',
    );
  }
  optionalText(reason, 'reason', MAX_TEXT_LENGTH);
  return { type: COOPERATION_STAGE_CHANGED, data: { from, to, occurredOn, ...(reason !== undefined && { reason }) } };
}

function correctFact(command: CorrectFact, cooperation: OpenedCooperation): FactCorrected {
  const { entryId, corrections, reason } = command.data;
  const entry = requireLiveEntry(cooperation, entryId);
  requireText(reason, 'reason', MAX_TEXT_LENGTH);
  if (typeof corrections !== 'object' || corrections === null || Object.keys(corrections).length === 0) {
    throw new DomainError('INVALID_CORRECTION', 'corrections must name at least one field to correct', 'corrections');
  }
  const correctable: readonly string[] = FACT_FIELDS[entry.fact.type];
  for (const [key, value] of Object.entries(corrections)) {
    if (!correctable.includes(key)) {
      throw new DomainError('INVALID_CORRECTION', `${entry.fact.type} has no field ${key} to correct`, `corrections.${key}`);
    }
    if (value === undefined) {
      throw new DomainError('INVALID_CORRECTION', `corrections.${key} must give the right value`, `corrections.${key}`);
    }
  }
  const corrected = { type: entry.fact.type, data: { ...entry.fact.data, ...corrections } } as RecordedFact;
  validateRecordedFact(corrected, parseHistoricalDate(cooperation.openedOn), 'corrections.');
  if (JSON.stringify(corrected.data) === JSON.stringify(entry.fact.data)) {
    throw new DomainError('INVALID_CORRECTION', `the corrections do not change entry ${entryId}`, 'corrections');
  }
  return { type: FACT_CORRECTED, data: { entryId, corrections, reason } };
}

function retractEntry(command: RetractEntry, cooperation: OpenedCooperation): EntryRetracted {
  const { entryId, reason } = command.data;
  requireLiveEntry(cooperation, entryId);
  requireText(reason, 'reason', MAX_TEXT_LENGTH);
  return { type: ENTRY_RETRACTED, data: { entryId, reason } };
}

function requireOpened(state: CooperationState, cooperationId: string): OpenedCooperation {
  if (state.status !== 'opened' || state.cooperationId !== cooperationId) {
    throw new DomainError('COOPERATION_NOT_FOUND', `cooperation ${cooperationId} does not exist`, 'cooperationId');
  }
  return state;
}

function requireNotEnded(cooperation: OpenedCooperation): void {
  if (cooperation.stage === 'ended') {
    throw new DomainError('COOPERATION_ENDED', `cooperation ${cooperation.cooperationId} has ended; only corrections may be recorded`);
  }
}

function requireLiveEntry(cooperation: OpenedCooperation, entryId: string): RecordedEntry {
  requireText(entryId, 'entryId', MAX_ID_LENGTH);
  const entry = cooperation.entries.get(entryId);
  if (entry === undefined) throw new DomainError('ENTRY_NOT_FOUND', `entry ${entryId} does not exist`, 'entryId');
  if (entry.retracted) throw new DomainError('ENTRY_ALREADY_RETRACTED', `entry ${entryId} was retracted`, 'entryId');
  return entry;
}

function updateEntry(
  state: OpenedCooperation,
  entryId: string,
  update: (entry: RecordedEntry) => RecordedEntry,
): OpenedCooperation {
  const entry = state.entries.get(entryId);
  return entry === undefined ? state : { ...state, entries: new Map(state.entries).set(entryId, update(entry)) };
}

/** The fact a command records: its entry id and the fields its type has, and no others. */
function factOf(type: RecordedFactType, data: object): RecordedFact {
  const fields: readonly string[] = ['entryId', ...FACT_FIELDS[type]];
  const picked = Object.fromEntries(Object.entries(data).filter(([key, value]) => fields.includes(key) && value !== undefined));
  return { type, data: picked } as RecordedFact;
}
