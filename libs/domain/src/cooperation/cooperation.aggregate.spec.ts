import fc from 'fast-check';
import { foldEvents } from '../shared/decider';
import { deciderSpecification } from '../testing/decider-specification';
import { cooperationDecider } from './cooperation.aggregate';
import { COOPERATION_STAGES, CooperationStage, canChangeStage } from './cooperation-stage';
import { CooperationCommand } from './commands/cooperation-command';
import { RecordMeeting } from './commands/record-meeting.command';
import { CooperationEvent } from './events/cooperation-event';
import { CooperationOpened } from './events/cooperation-opened.event';
import { MeetingHeld, MeetingHeldData } from './events/meeting-held.event';

const spec = deciderSpecification(cooperationDecider);
/** A command with some fields changed, typed loosely on purpose: the domain must refuse what the types would not allow. */
const amend = (command: CooperationCommand, change: Record<string, unknown>): CooperationCommand =>
  ({ ...command, data: { ...command.data, ...change } }) as unknown as CooperationCommand;
const cooperationId = 'leipzig-halle-tatarstan';

const opened: CooperationOpened = {
  type: 'CooperationOpened',
  data: { cooperationId, ourOrganisationId: 'logistics-network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017-03' },
};
const stageChanged = (from: CooperationStage, to: CooperationStage, occurredOn = '2017-10'): CooperationEvent => ({
  type: 'CooperationStageChanged',
  data: { from, to, occurredOn },
});
const ended = stageChanged('contact', 'ended');

const meeting: MeetingHeldData = {
  entryId: 'e-meeting',
  occurredOn: '2017-10-05',
  place: { name: 'Ministry of Transport, Kazan', regionId: 'kazan' },
  participants: [
    { name: 'Minister of Transport of Tatarstan', organisationId: 'tatarstan-transport-ministry', role: 'Minister', level: 'minister' },
    { name: 'Network delegation', organisationId: 'logistics-network', level: 'executive' },
  ],
  topics: ['logistics corridors', 'rail freight'],
  outcome: 'Agreed to explore cooperation',
  source: { kind: 'press-release', title: 'Delegation in Kasan', url: 'https://example.org/kasan' },
};
const meetingHeld: MeetingHeld = { type: 'MeetingHeld', data: meeting };
const recordMeeting = (change: Partial<Record<keyof MeetingHeldData, unknown>> = {}): RecordMeeting => ({
  type: 'RecordMeeting',
  data: { cooperationId, ...meeting, ...change } as RecordMeeting['data'],
});

describe('OpenCooperation', () => {
  const open = (change: object = {}): CooperationCommand => ({ type: 'OpenCooperation', data: { ...opened.data, ...change } });

  it('opens a cooperation with a partner region', () => {
    spec.given([]).when(open()).then([opened]);
  });

  it('opens a cooperation with a partner organisation', () => {
    const partner = { kind: 'organisation', id: 'german-russian-association' } as const;
    spec.given([]).when(open({ partner })).then([{ type: 'CooperationOpened', data: { ...opened.data, partner } }]);
  });

  it('refuses to open the same cooperation twice', () => {
    spec.given([opened]).when(open()).thenThrows('COOPERATION_ALREADY_EXISTS', 'cooperationId');
  });

  it.each([
    ['a partner of unknown kind', { partner: { kind: 'person', id: 'x' } }, 'INVALID_FIELD', 'partner.kind'],
    ['a partner without id', { partner: { kind: 'region', id: '' } }, 'INVALID_FIELD', 'partner.id'],
    ['our own organisation as partner', { partner: { kind: 'organisation', id: 'logistics-network' } }, 'INVALID_FIELD', 'partner.id'],
    ['no organisation of ours', { ourOrganisationId: '' }, 'INVALID_FIELD', 'ourOrganisationId'],
    ['a bad opening date', { openedOn: '2017-02-29' }, 'INVALID_DATE', 'openedOn'],
    ['a blank cooperation id', { cooperationId: ' ' }, 'INVALID_FIELD', 'cooperationId'],
  ] as const)('rejects %s', (_case, change, code, field) => {
    spec.given([]).when(open(change)).thenThrows(code, field);
  });
});

describe('recording facts', () => {
  const factCommands: CooperationCommand[] = [
    {
      type: 'EstablishContact',
      data: {
        cooperationId,
        entryId: 'e-contact',
        occurredOn: '2017-03',
        place: { name: 'Leipziger Messe', regionId: 'leipzig' },
        occasion: { name: 'Intec and Z 2017', fairId: 'intec' },
        participants: [{ name: 'President of Tatarstan', role: 'President', level: 'head-of-state' }],
        summary: 'First contact during the state visit',
      },
    },
    recordMeeting(),
    {
      type: 'RecordFairAttendance',
      data: { cooperationId, entryId: 'e-fair', fairId: 'transrussia', edition: 'TransRussia 2018', occurredOn: '2018-04', role: 'exhibitor' },
    },
    {
      type: 'LinkMemberships',
      data: { cooperationId, entryId: 'e-link', organisationId: 'logistics-network', otherOrganisationId: 'tatarstan-chamber', since: '2018' },
    },
    {
      type: 'RecordDelegationVisit',
      data: {
        cooperationId,
        entryId: 'e-visit',
        direction: 'outbound',
        occurredOn: '2017-10',
        destination: { name: 'Kazan', regionId: 'kazan' },
        participants: [{ name: 'Network delegation', organisationId: 'logistics-network', level: 'executive' }],
        purpose: 'Explore cooperation in logistics',
      },
    },
    {
      type: 'IdentifyOpportunity',
      data: { cooperationId, entryId: 'e-opportunity', opportunityId: 'rail-hub', title: 'Rail hub Kazan–Leipzig', occurredOn: '2017-10' },
    },
  ];
  const eventOf: Record<string, CooperationEvent['type']> = {
    EstablishContact: 'ContactEstablished',
    RecordMeeting: 'MeetingHeld',
    RecordFairAttendance: 'FairAttended',
    LinkMemberships: 'MembershipCrossLinked',
    RecordDelegationVisit: 'DelegationVisited',
    IdentifyOpportunity: 'OpportunityIdentified',
  };
  const expectedEvent = (command: CooperationCommand): CooperationEvent => {
    const { cooperationId: _cooperationId, ...data } = command.data;
    return { type: eventOf[command.type], data } as CooperationEvent;
  };

  describe.each(factCommands.map((command) => [command.type, command] as const))('%s', (_type, command) => {
    it('records the fact', () => {
      spec.given([opened]).when(command).then([expectedEvent(command)]);
    });

    it('records it whatever the live stage', () => {
      spec.given([opened, stageChanged('contact', 'dormant')]).when(command).then([expectedEvent(command)]);
    });

    it('refuses it on a cooperation that was never opened', () => {
      spec.given([]).when(command).thenThrows('COOPERATION_NOT_FOUND', 'cooperationId');
    });

    it('refuses it on another cooperation than the one addressed', () => {
      const other = amend(command, { cooperationId: 'another' });
      spec.given([opened]).when(other).thenThrows('COOPERATION_NOT_FOUND', 'cooperationId');
    });

    it('refuses it once the cooperation has ended', () => {
      spec.given([opened, ended]).when(command).thenThrows('COOPERATION_ENDED');
    });

    it('refuses an entry id that is already recorded', () => {
      spec.given([opened, expectedEvent(command)]).when(command).thenThrows('DUPLICATE_ENTRY_ID', 'entryId');
    });

    it('refuses an entry id that was recorded and retracted', () => {
      const retracted: CooperationEvent = { type: 'EntryRetracted', data: { entryId: (command.data as { entryId: string }).entryId, reason: 'wrong' } };
      spec.given([opened, expectedEvent(command), retracted]).when(command).thenThrows('DUPLICATE_ENTRY_ID', 'entryId');
    });

    it('refuses a blank entry id', () => {
      spec
        .given([opened])
        .when(amend(command, { entryId: '' }))
        .thenThrows('INVALID_FIELD', 'entryId');
    });

    it('refuses a date before the cooperation was opened', () => {
      const dateField = command.type === 'LinkMemberships' ? 'since' : 'occurredOn';
      spec
        .given([opened])
        .when(amend(command, { [dateField]: '2017-02' }))
        .thenThrows('DATE_OUT_OF_ORDER', dateField);
    });

    it('accepts a date that overlaps the opening at a coarser precision', () => {
      const dateField = command.type === 'LinkMemberships' ? 'since' : 'occurredOn';
      const early = amend(command, { [dateField]: '2017' });
      spec.given([opened]).when(early).then([expectedEvent(early)]);
    });

    it('refuses a source citation without a title', () => {
      const cited = amend(command, { source: { kind: 'article', title: '' } });
      spec.given([opened]).when(cited).thenThrows('INVALID_SOURCE_CITATION', 'source.title');
    });

    it('keeps unknown fields out of history', () => {
      const padded = amend(command, { recordedAt: '2025-01-01T00:00:00Z' });
      spec.given([opened]).when(padded).then([expectedEvent(command)]);
    });
  });

  it('keeps a cooperation at contact when contact is established', () => {
    const contact = expectedEvent(factCommands[0]);
    spec.given([opened]).when(factCommands[0]).then([contact]);
    expect(foldEvents(cooperationDecider, [opened, contact])).toMatchObject({ stage: 'contact' });
  });

  describe('RecordMeeting', () => {
    it('records a first meeting while still at first contact, without changing the stage', () => {
      spec.given([opened]).when(recordMeeting()).then([meetingHeld]);
      expect(foldEvents(cooperationDecider, [opened, meetingHeld])).toMatchObject({ stage: 'contact' });
    });

    it('records a meeting with no topics', () => {
      spec.given([opened]).when(recordMeeting({ topics: [] })).then([{ type: 'MeetingHeld', data: { ...meeting, topics: [] } }]);
    });

    it.each([
      ['no participants', { participants: [] }, 'INVALID_FIELD', 'participants'],
      ['a participant without a name', { participants: [{ name: ' ', level: 'working' }] }, 'INVALID_FIELD', 'participants[0].name'],
      ['a participant of unknown level', { participants: [{ name: 'A', level: 'king' }] }, 'INVALID_FIELD', 'participants[0].level'],
      ['an overlong participant name', { participants: [{ name: 'x'.repeat(201), level: 'working' }] }, 'INVALID_FIELD', 'participants[0].name'],
      ['too many participants', { participants: Array(101).fill({ name: 'A', level: 'working' }) }, 'INVALID_FIELD', 'participants'],
      ['a blank topic', { topics: ['rail', ''] }, 'INVALID_FIELD', 'topics[1]'],
      ['a topic twice', { topics: ['rail', 'rail'] }, 'INVALID_FIELD', 'topics'],
      ['too many topics', { topics: Array.from({ length: 51 }, (_, i) => `topic ${i}`) }, 'INVALID_FIELD', 'topics'],
      ['no place', { place: undefined }, 'INVALID_FIELD', 'place'],
      ['a place without a name', { place: { name: '' } }, 'INVALID_FIELD', 'place.name'],
      ['an overlong outcome', { outcome: 'x'.repeat(4001) }, 'INVALID_FIELD', 'outcome'],
      ['a date that is no date', { occurredOn: '5 October 2017' }, 'INVALID_DATE', 'occurredOn'],
      ['a source url that is not http(s)', { source: { kind: 'website', title: 'T', url: 'file:///etc/passwd' } }, 'INVALID_SOURCE_CITATION', 'source.url'],
    ] as const)('rejects %s', (_case, change, code, field) => {
      spec.given([opened]).when(recordMeeting(change)).thenThrows(code, field);
    });
  });

  it('refuses a fair attendance with an unknown role of ours', () => {
    spec
      .given([opened])
      .when(amend(factCommands[2], { role: 'sponsor' }))
      .thenThrows('INVALID_FIELD', 'role');
  });

  it('refuses a cross-membership of an organisation with itself', () => {
    spec
      .given([opened])
      .when(amend(factCommands[3], { otherOrganisationId: 'logistics-network' }))
      .thenThrows('INVALID_FIELD', 'otherOrganisationId');
  });

  it('refuses a delegation visit of unknown direction', () => {
    spec
      .given([opened])
      .when(amend(factCommands[4], { direction: 'sideways' }))
      .thenThrows('INVALID_FIELD', 'direction');
  });

  it('refuses an opportunity without a title', () => {
    spec
      .given([opened])
      .when(amend(factCommands[5], { title: '' }))
      .thenThrows('INVALID_FIELD', 'title');
  });
});

describe('ChangeStage', () => {
  const changeStage = (to: string, occurredOn = '2017-10', reason?: string): CooperationCommand =>
    ({ type: 'ChangeStage', data: { cooperationId, to, occurredOn, ...(reason && { reason }) } }) as CooperationCommand;

  it('moves from contact to exploring, naming where it came from and why', () => {
    spec
      .given([opened])
      .when(changeStage('exploring', '2017-10', 'Second exchange in Kazan'))
      .then([{ type: 'CooperationStageChanged', data: { from: 'contact', to: 'exploring', occurredOn: '2017-10', reason: 'Second exchange in Kazan' } }]);
  });

  it('refuses to skip a stage, naming both stages', () => {
    let message = '';
    try {
      cooperationDecider.decide(changeStage('active'), foldEvents(cooperationDecider, [opened]));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('from contact to active');
    spec.given([opened]).when(changeStage('active')).thenThrows('INVALID_STAGE_TRANSITION', 'to');
  });

  it('refuses to stay in the same stage', () => {
    spec.given([opened]).when(changeStage('contact')).thenThrows('INVALID_STAGE_TRANSITION', 'to');
  });

  it('resumes a dormant cooperation in the stage it left', () => {
    const history = [opened, stageChanged('contact', 'exploring'), stageChanged('exploring', 'active'), stageChanged('active', 'dormant', '2019')];
    spec.given(history).when(changeStage('active', '2020')).then([stageChanged('dormant', 'active', '2020')]);
  });

  it('resumes a dormant cooperation by exploring anew', () => {
    const history = [opened, stageChanged('contact', 'exploring'), stageChanged('exploring', 'active'), stageChanged('active', 'dormant', '2019')];
    spec.given(history).when(changeStage('exploring', '2020')).then([stageChanged('dormant', 'exploring', '2020')]);
  });

  it('does not resume a dormant cooperation in a stage it never reached', () => {
    const history = [opened, stageChanged('contact', 'exploring'), stageChanged('exploring', 'dormant', '2019')];
    spec.given(history).when(changeStage('active', '2020')).thenThrows('INVALID_STAGE_TRANSITION', 'to');
  });

  it('ends a cooperation from any stage', () => {
    spec.given([opened, stageChanged('contact', 'dormant')]).when(changeStage('ended')).then([stageChanged('dormant', 'ended')]);
  });

  it('never leaves the ended stage', () => {
    spec.given([opened, ended]).when(changeStage('exploring')).thenThrows('INVALID_STAGE_TRANSITION', 'to');
  });

  it('rejects an unknown stage', () => {
    spec.given([opened]).when(changeStage('engaged')).thenThrows('INVALID_FIELD', 'to');
  });

  it('refuses a change dated before the cooperation was opened', () => {
    spec.given([opened]).when(changeStage('exploring', '2016')).thenThrows('DATE_OUT_OF_ORDER', 'occurredOn');
  });

  it('refuses a change dated before the previous change', () => {
    spec
      .given([opened, stageChanged('contact', 'exploring', '2017-10')])
      .when(changeStage('active', '2017-09'))
      .thenThrows('DATE_OUT_OF_ORDER', 'occurredOn');
  });

  it('refuses a change on a cooperation that was never opened', () => {
    spec.given([]).when(changeStage('exploring')).thenThrows('COOPERATION_NOT_FOUND', 'cooperationId');
  });

  it('never reaches a stage by a transition outside the table, whatever is asked in whatever order', () => {
    const request = fc.record({ to: fc.constantFrom(...COOPERATION_STAGES, 'bogus'), year: fc.integer({ min: 2015, max: 2030 }) });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 30 }), (requests) => {
        let state = foldEvents(cooperationDecider, [opened]);
        for (const { to, year } of requests) {
          let events: CooperationEvent[] = [];
          try {
            events = cooperationDecider.decide(changeStage(to, String(year)), state);
          } catch {
            continue;
          }
          for (const event of events) {
            if (state.status !== 'opened' || event.type !== 'CooperationStageChanged') throw new Error('unexpected event');
            expect(event.data.from).toBe(state.stage);
            const dormantFrom = state.leftForDormancy;
            expect(canChangeStage(event.data.from, event.data.to, dormantFrom)).toBe(true);
            if (state.stage === 'ended') throw new Error('left the ended stage');
            state = cooperationDecider.evolve(state, event);
          }
        }
        expect(state.status === 'opened' && COOPERATION_STAGES.includes(state.stage)).toBe(true);
      }),
    );
  });
});

describe('CorrectFact', () => {
  const correct = (corrections: object, entryId = 'e-meeting', reason = 'The press release gives the 6th'): CooperationCommand =>
    ({ type: 'CorrectFact', data: { cooperationId, entryId, corrections, reason } }) as CooperationCommand;

  it('corrects a field of a recorded fact, saying why', () => {
    spec
      .given([opened, meetingHeld])
      .when(correct({ occurredOn: '2017-10-06' }))
      .then([{ type: 'FactCorrected', data: { entryId: 'e-meeting', corrections: { occurredOn: '2017-10-06' }, reason: 'The press release gives the 6th' } }]);
  });

  it('applies the correction to the entry as it now stands, keeping the rest', () => {
    const corrected: CooperationEvent = { type: 'FactCorrected', data: { entryId: 'e-meeting', corrections: { occurredOn: '2017-10-06' }, reason: 'r' } };
    const state = foldEvents(cooperationDecider, [opened, meetingHeld, corrected]);
    expect(state.status === 'opened' && state.entries.get('e-meeting')?.fact.data).toEqual({ ...meeting, occurredOn: '2017-10-06' });
  });

  it('corrects a fact on an ended cooperation', () => {
    spec
      .given([opened, meetingHeld, ended])
      .when(correct({ outcome: 'No agreement' }))
      .then([{ type: 'FactCorrected', data: { entryId: 'e-meeting', corrections: { outcome: 'No agreement' }, reason: 'The press release gives the 6th' } }]);
  });

  it('refuses to correct an entry that does not exist', () => {
    spec.given([opened]).when(correct({ outcome: 'x' })).thenThrows('ENTRY_NOT_FOUND', 'entryId');
  });

  it('refuses to correct a retracted entry', () => {
    spec
      .given([opened, meetingHeld, { type: 'EntryRetracted', data: { entryId: 'e-meeting', reason: 'never happened' } }])
      .when(correct({ outcome: 'x' }))
      .thenThrows('ENTRY_ALREADY_RETRACTED', 'entryId');
  });

  it.each([
    ['a field the entry type does not have', { purpose: 'x' }, 'INVALID_CORRECTION', 'corrections.purpose'],
    ['the entry id', { entryId: 'e-other' }, 'INVALID_CORRECTION', 'corrections.entryId'],
    ['no field at all', {}, 'INVALID_CORRECTION', 'corrections'],
    ['a value that changes nothing', { outcome: meeting.outcome }, 'INVALID_CORRECTION', 'corrections'],
    ['an invalid corrected value', { participants: [] }, 'INVALID_FIELD', 'corrections.participants'],
    ['a corrected date before the opening', { occurredOn: '2016' }, 'DATE_OUT_OF_ORDER', 'corrections.occurredOn'],
    ['a corrected date that is no date', { occurredOn: '2017-13' }, 'INVALID_DATE', 'corrections.occurredOn'],
  ] as const)('refuses %s', (_case, corrections, code, field) => {
    spec.given([opened, meetingHeld]).when(correct(corrections)).thenThrows(code, field);
  });

  it('refuses a correction without a reason', () => {
    spec.given([opened, meetingHeld]).when(correct({ outcome: 'x' }, 'e-meeting', ' ')).thenThrows('INVALID_FIELD', 'reason');
  });

  it('refuses an entry id that only exists on Object.prototype', () => {
    spec.given([opened]).when(correct({ outcome: 'x' }, 'constructor')).thenThrows('ENTRY_NOT_FOUND', 'entryId');
  });
});

describe('RetractEntry', () => {
  const retract = (entryId = 'e-meeting', reason = 'Confused with another visit'): CooperationCommand => ({
    type: 'RetractEntry',
    data: { cooperationId, entryId, reason },
  });

  it('retracts a recorded fact, saying why, and keeps it in history marked as retracted', () => {
    spec.given([opened, meetingHeld]).when(retract()).then([{ type: 'EntryRetracted', data: { entryId: 'e-meeting', reason: 'Confused with another visit' } }]);
    const state = foldEvents(cooperationDecider, [opened, meetingHeld, ...cooperationDecider.decide(retract(), foldEvents(cooperationDecider, [opened, meetingHeld]))]);
    expect(state.status === 'opened' && state.entries.get('e-meeting')).toEqual({ fact: meetingHeld, retracted: true });
  });

  it('retracts a fact on an ended cooperation', () => {
    spec.given([opened, meetingHeld, ended]).when(retract()).then([{ type: 'EntryRetracted', data: { entryId: 'e-meeting', reason: 'Confused with another visit' } }]);
  });

  it('refuses to retract an entry that does not exist', () => {
    spec.given([opened]).when(retract('e-unknown')).thenThrows('ENTRY_NOT_FOUND', 'entryId');
  });

  it('refuses to retract an entry twice', () => {
    spec
      .given([opened, meetingHeld, { type: 'EntryRetracted', data: { entryId: 'e-meeting', reason: 'r' } }])
      .when(retract())
      .thenThrows('ENTRY_ALREADY_RETRACTED', 'entryId');
  });

  it('refuses a retraction without a reason', () => {
    spec.given([opened, meetingHeld]).when(retract('e-meeting', '')).thenThrows('INVALID_FIELD', 'reason');
  });

  it('refuses a retraction on a cooperation that was never opened', () => {
    spec.given([]).when(retract()).thenThrows('COOPERATION_NOT_FOUND', 'cooperationId');
  });
});
