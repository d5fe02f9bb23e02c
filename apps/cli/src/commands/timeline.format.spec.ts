import type { ReferenceNames, TimelineItem } from '@app/projections';
import { formatTimelineTable, summarizeEntry } from './timeline.format';

const NAMES: ReferenceNames = {
  region: { tatarstan: 'Republic of Tatarstan' },
  organisation: { 'logistics-network': 'Netzwerk Logistik Leipzig-Halle', 'german-russian-association': 'German-Russian business association' },
  person: { 'president-tatarstan': 'Rustam Minnikhanov' },
  fair: { transrussia: 'TransRussia' },
};

function item(type: string, occurredOn: string, data: Record<string, unknown>, fields: Partial<TimelineItem> = {}): TimelineItem {
  return {
    entryKey: `cooperation/c/${type}`,
    type,
    occurredOn,
    precision: occurredOn.length === 4 ? 'year' : occurredOn.length === 7 ? 'month' : 'day',
    state: 'recorded',
    version: 0,
    data,
    recorded: { eventId: 'e', position: '1', recordedAt: '2026-12-01T00:00:00.000Z' },
    corrections: [],
    ...fields,
  };
}

const FAIR = item('FairAttended', '2010', { fairId: 'transrussia', edition: 'TransRussia 2010', role: 'exhibitor' }, { entryId: 'transrussia-2010' });
const OPENED = item('CooperationOpened', '2017-03', { ourOrganisationId: 'logistics-network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017-03' });
const MEETING = item(
  'MeetingHeld',
  '2017-10-12',
  {
    place: { name: 'Kazan', regionId: 'kazan' },
    participants: [
      { name: 'Minister of Transport of Tatarstan', level: 'minister' },
      { name: 'Network delegation', level: 'executive' },
    ],
    topics: ['logistics cooperation'],
    outcome: 'Both sides agreed to explore cooperation',
  },
  { entryId: 'kazan-minister-meeting', state: 'corrected', corrections: [{ changes: { occurredOn: { from: '2017-10', to: '2017-10-12' } }, reason: 'Minutes', provenance: { eventId: 'f', position: '2', recordedAt: '2026-12-01T00:00:01.000Z' } }] },
);
const STAGE = item('CooperationStageChanged', '2017-10', { from: 'contact', to: 'exploring', reason: 'Second exchange in Kazan' });

describe('formatTimelineTable', () => {
  it('shows each date as recorded, with its precision, beside type, state, entry id and summary', () => {
    expect(formatTimelineTable([FAIR, OPENED, MEETING, STAGE], NAMES)).toBe(
      [
        'DATE        TYPE                     STATE         ENTRY                   SUMMARY',
        '2010        FairAttended             recorded      transrussia-2010        TransRussia 2010 as exhibitor',
        '2017-03     CooperationOpened        recorded      -                       Netzwerk Logistik Leipzig-Halle with Republic of Tatarstan (region) opened',
        '2017-10-12  MeetingHeld              corrected ×1  kazan-minister-meeting  meeting in Kazan; Minister of Transport of Tatarstan (minister), Network delegation (executive); topics: logistics cooperation; outcome: Both sides agreed to explore cooperation',
        '2017-10     CooperationStageChanged  recorded      -                       contact → exploring; Second exchange in Kazan',
        '',
      ].join('\n'),
    );
  });

  it('cuts summaries to the terminal width', () => {
    const lines = formatTimelineTable([MEETING], NAMES, { width: 100 }).trimEnd().split('\n');
    expect(lines[1]).toHaveLength(100);
    expect(lines[1].endsWith('…')).toBe(true);
  });

  it('is only the header for an empty timeline', () => {
    expect(formatTimelineTable([], NAMES)).toBe('DATE  TYPE  STATE  ENTRY  SUMMARY\n');
  });
});

describe('summarizeEntry', () => {
  it('names people and organisations by name where the page names them, by id otherwise', () => {
    expect(summarizeEntry(item('RoleAssumed', '2010-03', { personId: 'president-tatarstan', organisationId: 'tatarstan-government', role: 'President', level: 'head-of-state' }), NAMES)).toBe(
      'Rustam Minnikhanov: President at tatarstan-government (head-of-state)',
    );
    expect(summarizeEntry(item('MembershipCrossLinked', '2016', { organisationId: 'logistics-network', otherOrganisationId: 'german-russian-association', since: '2016' }), NAMES)).toBe(
      'Netzwerk Logistik Leipzig-Halle and German-Russian business association members of each other since 2016',
    );
  });

  it('says a retracted entry was retracted, and why', () => {
    const retracted = item('OpportunityIdentified', '2018', { title: 'Rail terminal' }, { state: 'retracted', retraction: { reason: 'Never planned', provenance: { eventId: 'g', position: '3', recordedAt: '2026-12-02T00:00:00.000Z' } } });
    expect(summarizeEntry(retracted, NAMES)).toBe('opportunity: Rail terminal (retracted: Never planned)');
  });

  it('shows the delegation’s direction, destination and purpose', () => {
    expect(summarizeEntry(item('DelegationVisited', '2017-10', { direction: 'outbound', destination: { name: 'Kazan' }, purpose: 'Second exchange', participants: [{ name: 'Network delegation', level: 'executive' }] }), NAMES)).toBe(
      'outbound delegation to Kazan; Second exchange; Network delegation (executive)',
    );
  });
});
