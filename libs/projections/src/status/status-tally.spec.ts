import fc from 'fast-check';
import type { HistoryEntry } from '../history/history-entry';
import { historyEntry } from './history-entry.fixture';
import { addTally, contributeTo, contributionOf, emptyTally, recordedKeyOf, tallyContributionOf, type StatusTally } from './status-tally';
import { StatusKeyCodes } from './status-key-codes';
import { entryOfRow, entryRowOf } from './status.tables';

const SIDES = { ourOrganisationId: 'network', partnerOrganisationId: 'ministry' };
const TYPES = ['CooperationOpened', 'ContactEstablished', 'MeetingHeld', 'FairAttended', 'MembershipCrossLinked', 'DelegationVisited', 'OpportunityIdentified', 'CooperationStageChanged'];

const participant = fc.record({
  personId: fc.option(fc.constantFrom('president', 'minister', 'chair'), { nil: undefined }),
  name: fc.constantFrom('Someone', 'Delegation'),
  organisationId: fc.option(fc.constantFrom('network', 'ministry', 'government'), { nil: undefined }),
  level: fc.constantFrom('head-of-state', 'minister', 'executive', 'working', 'unheard-of'),
});

/** Entries of every kind, drawing on small pools of ids and dates so that their contributions overlap. */
const entryArbitrary: fc.Arbitrary<HistoryEntry> = fc
  .record({
    type: fc.constantFrom(...TYPES),
    sequence: fc.integer({ min: 0, max: 1_000_000 }),
    cooperationId: fc.constantFrom('c1', 'c2'),
    occurredOn: fc.constantFrom('2010', '2016', '2017-03', '2017-10', '2017-10-12'),
    state: fc.constantFrom('recorded' as const, 'corrected' as const, 'retracted' as const),
    participants: fc.array(participant, { maxLength: 3 }),
    fairId: fc.constantFrom('transrussia', 'intec-z'),
    edition: fc.constantFrom('TransRussia 2010', 'Intec 2017: spring'),
    direction: fc.constantFrom('inbound', 'outbound'),
    source: fc.constantFrom({ kind: 'press-release', title: 'Kontakte nach Tatarstan' }),
    // 2009-01-01 to 2026-12-31: the month it was recorded in is counted too (tallyContributionOf).
    knownFromMs: fc.integer({ min: 1_230_768_000_000, max: 1_798_761_599_999 }),
  })
  .map(({ type, sequence, cooperationId, occurredOn, state, knownFromMs, ...data }) =>
    historyEntry({
      type,
      sequence,
      cooperationId,
      occurredOn,
      state,
      knownFromMs,
      key: `cooperation/${cooperationId}/entry-${sequence}`,
      data: {
        ...data,
        entryId: `entry-${sequence}`,
        occurredOn,
        summary: 'met at the fair',
        organisationId: 'network',
        otherOrganisationId: 'association',
        since: occurredOn,
        opportunityId: `opportunity-${sequence}`,
        title: 'Container terminal',
        to: 'exploring',
      },
    }),
  );

/** Distinct entries: a tally holds one version of each. */
const entriesArbitrary = fc.uniqueArray(entryArbitrary, { selector: (entry) => entry.key, maxLength: 12 });

function tallyOf(entries: readonly HistoryEntry[]): StatusTally {
  const tally = emptyTally();
  for (const entry of entries) addTally(tally, contributionOf(entry, SIDES), 1);
  return tally;
}

describe('contributionOf and addTally', () => {
  it('take out exactly what they put in: adding an entry and taking it out again leaves the tally as it was', () => {
    fc.assert(
      fc.property(entriesArbitrary, entryArbitrary, (entries, entry) => {
        fc.pre(!entries.some((other) => other.key === entry.key));
        const tally = tallyOf(entries);
        const before = structuredClone(tally);
        addTally(tally, contributionOf(entry, SIDES), 1);
        addTally(tally, contributionOf(entry, SIDES), -1);
        expect(tally).toEqual(before);
      }),
    );
  });

  it('add up to the same tally in any order, and to an empty one when everything is taken out', () => {
    fc.assert(
      fc.property(entriesArbitrary.chain((entries) => fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length }))), ([entries, shuffled]) => {
        const tally = tallyOf(entries);
        expect(tally).toEqual(tallyOf(shuffled));
        for (const entry of shuffled) addTally(tally, contributionOf(entry, SIDES), -1);
        expect(tally).toEqual(emptyTally());
      }),
    );
  });

  it('replace a version by its correction: the old version out, the new one in, equals a tally of the new version alone', () => {
    fc.assert(
      fc.property(entryArbitrary, fc.constantFrom('2011', '2018-01-05'), (entry, correctedDate) => {
        const corrected = historyEntry({ ...entry, version: 1, state: 'corrected', occurredOn: correctedDate, data: { ...entry.data, occurredOn: correctedDate, direction: 'inbound' } });
        const tally = tallyOf([entry]);
        addTally(tally, contributionOf(entry, SIDES), -1);
        addTally(tally, contributionOf(corrected, SIDES), 1);
        expect(tally).toEqual(tallyOf([corrected]));
      }),
    );
  });

  it('need no more of an entry than the row the status projection keeps of it', () => {
    fc.assert(
      fc.property(entryArbitrary, (entry) => {
        const kept = entryOfRow(entryRowOf(entry, SIDES, new StatusKeyCodes()));
        expect(contributionOf(kept, SIDES)).toEqual(contributionOf(entry, SIDES));
        // A correction takes out the `recorded:` key the version added: the row keeps when it was known.
        expect(tallyContributionOf(kept, SIDES)).toEqual(tallyContributionOf(entry, SIDES));
        expect(kept).toMatchObject({ key: entry.key, sequence: entry.sequence, version: entry.version, sortKey: entry.sortKey, state: entry.state, eventId: entry.eventId });
      }),
    );
  });

  it('read a kept row alike with its sort key read too (the date taken from the key) or without it', () => {
    fc.assert(
      fc.property(entryArbitrary, (entry) => {
        const row = entryRowOf(entry, SIDES, new StatusKeyCodes());
        expect(entryOfRow(row)).toEqual(entryOfRow({ cooperation_id: row.cooperation_id, entry_key: row.entry_key, entry: row.entry, known_from: row.known_from }));
        expect(entryOfRow(row)).toMatchObject({ dateKey: entry.dateKey, sortKey: entry.sortKey });
      }),
    );
  });

  it("keep with each row the keys the entry counts once, which add up to its contribution's counts (none for a cooperation not known)", () => {
    fc.assert(
      fc.property(entryArbitrary, (entry) => {
        const keys: string[] = [];
        const codes = { codeOf: (key: string) => (keys.includes(key) ? keys.indexOf(key) : keys.push(key) - 1) };
        const counts: Record<string, number> = {};
        for (const code of JSON.parse(entryRowOf(entry, SIDES, codes).counts) as number[]) counts[keys[code]] = (counts[keys[code]] ?? 0) + 1;
        expect(counts).toEqual({ ...contributionOf(entry, SIDES).counts });
        expect(entryRowOf(entry, null, codes).counts).toBe('[]');
      }),
    );
  });

  it('contributeTo adds in place what addTally adds of contributionOf', () => {
    fc.assert(
      fc.property(fc.array(entryArbitrary, { maxLength: 12 }), (entries) => {
        const inPlace = emptyTally();
        for (const entry of entries) contributeTo(inPlace, entry, SIDES);
        const added = emptyTally();
        for (const entry of entries) addTally(added, contributionOf(entry, SIDES), 1);
        expect(inPlace).toEqual(added);
      }),
    );
  });

  it('tally, beside what contributionOf counts, the month a contributing version was recorded in', () => {
    fc.assert(
      fc.property(entryArbitrary, (entry) => {
        const plain = contributionOf(entry, SIDES);
        const contributes = entry.state !== 'retracted' && entry.type !== 'CooperationStageChanged';
        expect(tallyContributionOf(entry, SIDES)).toEqual({ counts: { ...plain.counts, ...(contributes ? { [recordedKeyOf(entry.knownFromMs)]: 1 } : {}) }, items: plain.items });
      }),
    );
    expect(recordedKeyOf(Date.UTC(2017, 10, 1))).toBe('recorded:201711');
    expect(recordedKeyOf(Date.UTC(2017, 10, 30, 23, 59, 59, 999))).toBe('recorded:201711');
  });

  it('count nothing for a retracted entry or a stage change', () => {
    const meeting = historyEntry({ type: 'MeetingHeld', state: 'retracted', data: { participants: [{ personId: 'minister', level: 'minister' }] } });
    expect(contributionOf(meeting, SIDES)).toEqual(emptyTally());
    expect(contributionOf(historyEntry({ type: 'CooperationStageChanged', data: { to: 'exploring' } }), SIDES)).toEqual(emptyTally());
  });

  it('count a meeting under the highest level present, and its people and organisations once each', () => {
    const meeting = historyEntry({
      type: 'MeetingHeld',
      occurredOn: '2017-10',
      data: {
        participants: [
          { name: 'Delegation', organisationId: 'network', level: 'executive' },
          { personId: 'minister', name: 'Minister', organisationId: 'ministry', level: 'minister' },
          { personId: 'minister', name: 'Minister again', organisationId: 'ministry', level: 'minister' },
        ],
      },
    });
    expect(contributionOf(meeting, SIDES).counts).toEqual({ 'meetings:minister': 1, 'day:20171000': 1, 'person:minister': 1, 'organisation:network': 1, 'organisation:ministry': 1 });
  });

  it('count both sides of a cooperation when it is opened', () => {
    const opened = historyEntry({ type: 'CooperationOpened', cooperationId: 'c1', data: {} });
    expect(contributionOf(opened, SIDES).counts).toEqual({ 'organisation:network': 1, 'organisation:ministry': 1 });
  });
});
