import fc from 'fast-check';
import type { HistoryEntry } from '../history/history-entry';
import { dateRangeOf, EdgeTallies, edgeKeyOf, graphContributionOf, parseEdgeKey, type GraphCooperationSides, type GraphContribution } from './graph-contribution';

const TATARSTAN: GraphCooperationSides = { ourOrganisationId: 'logistics-network', partner: { kind: 'region', id: 'tatarstan' } };
const ASSOCIATION: GraphCooperationSides = { ourOrganisationId: 'logistics-network', partner: { kind: 'organisation', id: 'german-russian-association' } };

function entry(fields: Partial<HistoryEntry> & Pick<HistoryEntry, 'type'>): HistoryEntry {
  return {
    key: `cooperation/logistics-network--tatarstan/${fields.type}`,
    sequence: 0,
    version: 0,
    cooperationId: 'logistics-network--tatarstan',
    occurredOn: '2017-10',
    dateKey: 20171000,
    sortKey: 0,
    data: {},
    state: 'recorded',
    recorded: { eventId: 'e', position: '0', recordedAt: '2024-01-01T00:00:00.000Z' },
    corrections: [],
    knownFromMs: 0,
    eventId: 'e',
    scopes: [],
    levels: 0,
    ...fields,
  };
}

describe('graphContributionOf', () => {
  it('adds every entry of a cooperation, on its date, to the edge from our organisation to the partner region', () => {
    for (const type of ['CooperationOpened', 'FairAttended', 'OpportunityIdentified', 'CooperationStageChanged']) {
      expect(graphContributionOf(entry({ type }), TATARSTAN)).toEqual({ dateKey: 20171000, edges: ['cooperation|organisation:logistics-network|region:tatarstan'] });
    }
  });

  it('points the cooperation edge at a partner organisation', () => {
    expect(graphContributionOf(entry({ type: 'CooperationOpened' }), ASSOCIATION).edges).toEqual(['cooperation|organisation:logistics-network|organisation:german-russian-association']);
  });

  it('links our organisation with every other organisation and every known person that took part in a meeting, once each', () => {
    const meeting = entry({
      type: 'MeetingHeld',
      data: {
        participants: [
          { name: 'Minister', organisationId: 'tatarstan-transport-ministry', level: 'minister' },
          { name: 'Deputy', organisationId: 'tatarstan-transport-ministry', level: 'official' },
          { name: 'President', personId: 'president-tatarstan', organisationId: 'tatarstan-government', level: 'head-of-state' },
          { name: 'Chair', organisationId: 'logistics-network', level: 'executive' },
          { name: 'Guest', level: 'other' },
        ],
      },
    });
    expect(graphContributionOf(meeting, TATARSTAN).edges.sort()).toEqual([
      'cooperation|organisation:logistics-network|region:tatarstan',
      'met|organisation:logistics-network|organisation:tatarstan-government',
      'met|organisation:logistics-network|organisation:tatarstan-transport-ministry',
      'met|organisation:logistics-network|person:president-tatarstan',
    ]);
  });

  it('counts contacts and delegation visits as meetings, but not fair attendances', () => {
    const participants = [{ name: 'President', personId: 'president-tatarstan', level: 'head-of-state' }];
    for (const type of ['ContactEstablished', 'DelegationVisited']) {
      expect(graphContributionOf(entry({ type, data: { participants } }), TATARSTAN).edges).toContain('met|organisation:logistics-network|person:president-tatarstan');
    }
    expect(graphContributionOf(entry({ type: 'FairAttended', data: { participants } }), TATARSTAN).edges).toEqual(['cooperation|organisation:logistics-network|region:tatarstan']);
  });

  it('links cross-members in one order whichever side the membership was recorded from', () => {
    const one = entry({ type: 'MembershipCrossLinked', data: { organisationId: 'logistics-network', otherOrganisationId: 'german-russian-association', since: '2016' }, dateKey: 20160000 });
    const other = entry({ type: 'MembershipCrossLinked', data: { organisationId: 'german-russian-association', otherOrganisationId: 'logistics-network', since: '2016' }, dateKey: 20160000 });
    const membership = 'membership|organisation:german-russian-association|organisation:logistics-network';
    expect(graphContributionOf(one, ASSOCIATION)).toEqual({ dateKey: 20160000, edges: ['cooperation|organisation:logistics-network|organisation:german-russian-association', membership] });
    expect(graphContributionOf(other, ASSOCIATION).edges).toContain(membership);
  });

  it('links a person with the organisation they took up or left a role in', () => {
    for (const type of ['RoleAssumed', 'RoleEnded']) {
      const role = entry({ type, cooperationId: undefined, data: { personId: 'president-tatarstan', organisationId: 'tatarstan-government', role: 'President' }, dateKey: 20100300 });
      expect(graphContributionOf(role, undefined)).toEqual({ dateKey: 20100300, edges: ['role|person:president-tatarstan|organisation:tatarstan-government'] });
    }
  });

  it('adds nothing for a retracted entry', () => {
    const retracted = entry({ type: 'MeetingHeld', state: 'retracted', data: { participants: [{ name: 'Minister', organisationId: 'tatarstan-transport-ministry', level: 'minister' }] } });
    expect(graphContributionOf(retracted, TATARSTAN).edges).toEqual([]);
  });
});

describe('edge keys', () => {
  it('read back as kind, source and target', () => {
    expect(parseEdgeKey(edgeKeyOf('met', 'organisation:a.b~c', 'person:d_e'))).toEqual({ kind: 'met', source: 'organisation:a.b~c', target: 'person:d_e' });
  });
});

describe('EdgeTallies', () => {
  const organisations = ['logistics-network', 'german-russian-association', 'tatarstan-government', 'tatarstan-transport-ministry'];
  const people = ['president-tatarstan', 'minister'];
  const cooperations: Record<string, GraphCooperationSides> = { tatarstan: TATARSTAN, association: ASSOCIATION };
  const participant = fc.record({ personId: fc.option(fc.constantFrom(...people), { nil: undefined }), organisationId: fc.option(fc.constantFrom(...organisations), { nil: undefined }) }, { requiredKeys: [] });
  const anEntry = fc.record({
    type: fc.constantFrom('CooperationOpened', 'ContactEstablished', 'MeetingHeld', 'DelegationVisited', 'FairAttended', 'MembershipCrossLinked', 'RoleAssumed', 'RoleEnded'),
    cooperation: fc.constantFrom('tatarstan', 'association'),
    state: fc.constantFrom<HistoryEntry['state']>('recorded', 'corrected', 'retracted'),
    dateKey: fc.constantFrom(20100000, 20160000, 20170300, 20171000, 20171012, 20180500),
    participants: fc.array(participant, { maxLength: 4 }),
    organisationId: fc.constantFrom(...organisations),
    otherOrganisationId: fc.constantFrom(...organisations),
    personId: fc.constantFrom(...people),
  });
  const contributions = fc.array(anEntry, { maxLength: 30 }).map((entries) =>
    entries.map((generated) => {
      const role = generated.type.startsWith('Role');
      const historyEntry = entry({
        type: generated.type,
        state: generated.state,
        dateKey: generated.dateKey,
        cooperationId: role ? undefined : generated.cooperation,
        data: { participants: generated.participants, organisationId: generated.organisationId, otherOrganisationId: generated.otherOrganisationId, personId: generated.personId },
      });
      return graphContributionOf(historyEntry, role ? undefined : cooperations[generated.cooperation]);
    }),
  );

  function tallyOf(all: readonly GraphContribution[]): EdgeTallies {
    const tallies = new EdgeTallies();
    for (const contribution of all) tallies.add(contribution, 1);
    return tallies;
  }

  it('is empty again when every contribution is taken out, in any order', () => {
    fc.assert(
      fc.property(contributions, fc.infiniteStream(fc.nat()), (all, randomness) => {
        const tallies = tallyOf(all);
        const shuffled = [...all].map((contribution) => ({ contribution, order: randomness.next().value as number })).sort((a, b) => a.order - b.order);
        for (const { contribution } of shuffled) tallies.add(contribution, -1);
        expect(tallies.edges.size).toBe(0);
      }),
    );
  });

  it('taking some contributions out leaves exactly the tally of the others: weights and first and last dates', () => {
    fc.assert(
      fc.property(contributions, fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), (all, takenOut) => {
        const tallies = tallyOf(all);
        all.forEach((contribution, index) => takenOut[index] && tallies.add(contribution, -1));
        const kept = all.filter((_, index) => !takenOut[index]);
        expect(tallies.edges).toEqual(tallyOf(kept).edges);
        for (const [key, tally] of tallies.edges) {
          const dates = kept.filter((contribution) => contribution.edges.includes(key)).map((contribution) => contribution.dateKey);
          expect({ weight: tally.weight, range: dateRangeOf(tally) }).toEqual({ weight: dates.length, range: { first: Math.min(...dates), last: Math.max(...dates) } });
        }
      }),
    );
  });

  it('keeps a batch delta that moves an occurrence from one date to another', () => {
    const delta = new EdgeTallies()
      .add({ dateKey: 20171000, edges: ['met|a|b'] }, -1)
      .add({ dateKey: 20171012, edges: ['met|a|b'] }, 1);
    expect(delta.edges.get('met|a|b')).toEqual({ weight: 0, dates: new Map([[20171000, -1], [20171012, 1]]) });
    const stored = new EdgeTallies().add({ dateKey: 20171000, edges: ['met|a|b'] }, 1);
    stored.merge('met|a|b', delta.edges.get('met|a|b')!.dates);
    expect(dateRangeOf(stored.edges.get('met|a|b')!)).toEqual({ first: 20171012, last: 20171012 });
  });
});
