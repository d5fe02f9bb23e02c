import { dateKeyOfText } from '../history/date-key';
import type { HistoryEntry } from '../history/history-entry';
import { ReferenceData } from '../history/reference-data';
import { historyEntry } from './history-entry.fixture';
import fc from 'fast-check';
import { INVOLVED_LIMIT, LISTED_LIMIT, shownCountsOf, summarizeRegionStatus, summarizeTally, type CooperationStageView, type ShownCounts } from './region-status';
import { addTally, contributionOf, emptyTally, type StatusTally } from './status-tally';

const SIDES = { ourOrganisationId: 'network' };

function tallyOf(entries: readonly HistoryEntry[]): StatusTally {
  const tally = emptyTally();
  for (const entry of entries) addTally(tally, contributionOf(entry, SIDES), 1);
  return tally;
}

function stage(cooperationId: string, stageName: string, stageSince = '2017-03'): CooperationStageView {
  return { cooperationId, ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017-03', stage: stageName, stageSince };
}

const refs = new ReferenceData();
refs.load('region', 'tatarstan', { name: 'Republic of Tatarstan', kind: 'federal-subject' });
refs.load('fair', 'transrussia', { name: 'TransRussia', regionId: 'moscow' });
refs.load('person', 'president', { name: 'Rustam Minnikhanov' });

const TODAY = dateKeyOfText('2017-12-31');
const summarize = (entries: HistoryEntry[], stages: CooperationStageView[] = [stage('c1', 'contact')], dayKey = TODAY) => summarizeRegionStatus('tatarstan', tallyOf(entries), stages, dayKey, refs);

const meeting = (occurredOn: string, ...levels: string[]) => historyEntry({ type: 'MeetingHeld', occurredOn, data: { participants: levels.map((level) => ({ name: 'Someone', level })) } });

describe('summarizeRegionStatus', () => {
  it('names the region and leads with the most advanced live stage of its cooperations', () => {
    const status = summarize([], [stage('c1', 'dormant'), stage('c2', 'exploring', '2017-10'), stage('c3', 'contact')]);
    expect(status).toMatchObject({ regionId: 'tatarstan', name: 'Republic of Tatarstan', stage: 'exploring', stageSince: '2017-10' });
    expect(status.cooperations.map((cooperation) => cooperation.cooperationId)).toEqual(['c1', 'c2', 'c3']);
  });

  it('has no stage for a region without cooperations', () => {
    expect(summarize([], [])).toMatchObject({ stage: null, stageSince: null, firstContact: null, lastInteraction: null, cooperations: [] });
  });

  it('counts meetings by the highest level present at each', () => {
    const status = summarize([meeting('2017-10', 'minister', 'executive'), meeting('2017-11', 'working'), meeting('2017-11'), meeting('2016', 'head-of-state', 'minister')]);
    expect(status.meetings).toEqual({ total: 4, byLevel: { 'head-of-state': 1, minister: 1, executive: 0, working: 1, unspecified: 1 } });
  });

  it('counts delegation visits each way', () => {
    const visit = (direction: string) => historyEntry({ type: 'DelegationVisited', occurredOn: '2017-10', data: { direction } });
    expect(summarize([visit('outbound'), visit('outbound'), visit('inbound')]).delegationVisits).toEqual({ inbound: 1, outbound: 2 });
  });

  it('lists each fair with its attendances and editions', () => {
    const attended = (fairId: string, edition: string, occurredOn: string) => historyEntry({ type: 'FairAttended', occurredOn, data: { fairId, edition } });
    const status = summarize([attended('transrussia', 'TransRussia 2011', '2011'), attended('transrussia', 'TransRussia 2010', '2010'), attended('intec-z', 'Intec: 2017', '2017-03')]);
    expect(status.fairs).toEqual([
      { fairId: 'intec-z', attendances: 1, editions: ['Intec: 2017'] },
      { fairId: 'transrussia', name: 'TransRussia', attendances: 2, editions: ['TransRussia 2010', 'TransRussia 2011'] },
    ]);
  });

  it('takes the earliest contact in timeline order as the first, whenever it was recorded', () => {
    const later = historyEntry({ type: 'ContactEstablished', occurredOn: '2018-02', sequence: 1, data: { entryId: 'later', summary: 'again' } });
    const backfilled = historyEntry({ type: 'ContactEstablished', occurredOn: '2017-03', sequence: 2, data: { entryId: 'first', summary: 'at the fair' } });
    expect(summarize([later, backfilled]).firstContact).toEqual({ entryKey: backfilled.key, entryId: 'first', cooperationId: 'c1', occurredOn: '2017-03', summary: 'at the fair' });
  });

  it('gives the last day with interactions up to the reference day, and how many there were that day', () => {
    const contact = historyEntry({ type: 'ContactEstablished', occurredOn: '2017-10', data: {} });
    const status = summarize([meeting('2017-10', 'minister'), contact, meeting('2018-02', 'working'), historyEntry({ type: 'OpportunityIdentified', occurredOn: '2017-12', data: {} })]);
    expect(status.lastInteraction).toEqual({ occurredOn: '2017-10', interactions: 2 });
  });

  it('counts momentum over the twelve calendar months up to the reference day', () => {
    // In: January's, December's and "2017" (from its first day, as in a cut). Out: before the window, after the day.
    const meetings = [meeting('2016-12-31'), meeting('2016'), meeting('2017-01'), meeting('2017-12'), meeting('2017'), meeting('2017-12-31'), meeting('2018-01')];
    expect(summarize(meetings, undefined, dateKeyOfText('2017-12-15')).momentum).toEqual({ interactions: 3, from: '2017-01', to: '2017-12-15' });
    expect(summarize(meetings, undefined, dateKeyOfText('2018-01-31')).momentum).toEqual({ interactions: 3, from: '2017-02', to: '2018-01-31' });
  });

  it('lists open opportunities latest first, leaving out those of ended cooperations', () => {
    const opportunity = (cooperationId: string, occurredOn: string, title: string) => historyEntry({ type: 'OpportunityIdentified', cooperationId, occurredOn, data: { title } });
    const status = summarize(
      [opportunity('c1', '2017-05', 'Terminal'), opportunity('c2', '2017-06', 'Rail'), opportunity('c1', '2017-09', 'Warehouse')],
      [stage('c1', 'exploring'), stage('c2', 'ended')],
    );
    expect(status.openOpportunities.map((item) => item.title)).toEqual(['Warehouse', 'Terminal']);
    expect(status.openOpportunityCount).toBe(2);
  });

  it(`lists at most ${LISTED_LIMIT} cross-memberships, latest first, and counts them all`, () => {
    const memberships = Array.from({ length: LISTED_LIMIT + 5 }, (_, index) => historyEntry({ type: 'MembershipCrossLinked', occurredOn: String(1900 + index), data: { organisationId: 'network', otherOrganisationId: `other-${index}`, since: String(1900 + index) } }));
    const status = summarize(memberships);
    expect(status.crossMembershipCount).toBe(LISTED_LIMIT + 5);
    expect(status.crossMemberships).toHaveLength(LISTED_LIMIT);
    expect(status.crossMemberships[0]).toMatchObject({ otherOrganisationId: `other-${LISTED_LIMIT + 4}`, since: String(1900 + LISTED_LIMIT + 4) });
  });

  it('lists the people and organisations involved, most mentioned first, with their names', () => {
    const contact = historyEntry({ type: 'ContactEstablished', data: { participants: [{ personId: 'president', name: 'President', organisationId: 'government', level: 'head-of-state' }] } });
    const status = summarize([contact, meeting('2017-10', 'minister'), historyEntry({ type: 'CooperationOpened', data: {} })]);
    expect(status.people).toEqual([{ id: 'president', name: 'Rustam Minnikhanov', mentions: 1 }]);
    expect(status.organisations).toEqual([
      { id: 'government', mentions: 1 },
      { id: 'network', mentions: 1 },
    ]);
  });

  it(`lists the ${INVOLVED_LIMIT} most mentioned, and says the same from the shown part of the counts (as stored) as from all of them`, () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...Array.from({ length: 60 }, (_, index) => `${index % 2 ? 'person' : 'organisation'}:id-${index}`), 'meetings:minister', 'day:20171000', 'day:20170000', 'day:20171012', 'day:20180101', 'day:20161130'), fc.integer({ min: 1, max: 4 })), (counts) => {
        const tally = { counts, items: {} };
        const shown = { shown: JSON.parse(JSON.stringify(shownCountsOf(counts))) as ShownCounts, items: {} };
        const summary = summarizeTally(tally, [], TODAY, refs);
        expect(summarizeTally(shown, [], TODAY, refs)).toEqual(summary);
        expect(summary.people.length).toBeLessThanOrEqual(INVOLVED_LIMIT);
        expect(Object.keys(shown.shown.counts).filter((key) => key.startsWith('person:')).length).toBeLessThanOrEqual(INVOLVED_LIMIT);
        const mentions = summary.people.map((person) => person.mentions);
        expect(mentions).toEqual([...mentions].sort((a, b) => b - a));
      }),
    );
  });
});
