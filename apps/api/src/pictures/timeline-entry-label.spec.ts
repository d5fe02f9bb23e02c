import { entryLabel, entryTooltip } from './timeline-entry-label';
import { NO_NAMES, timelineItem } from './timeline-item.fixture';

const names = {
  region: { tatarstan: 'Republic of Tatarstan' },
  organisation: { 'logistics-network': 'Netzwerk Logistik Leipzig-Halle', 'german-russian-association': 'German-Russian business association', 'tatarstan-government': 'Government of the Republic of Tatarstan' },
  person: { 'president-tatarstan': 'Rustam Minnikhanov' },
  fair: { transrussia: 'TransRussia' },
};

describe('entryLabel', () => {
  it('says in one line what each kind of entry of the press story was', () => {
    expect(entryLabel(timelineItem('CooperationOpened', '2017-03', { partner: { kind: 'region', id: 'tatarstan' } }), names)).toBe('Cooperation opened with Republic of Tatarstan');
    expect(entryLabel(timelineItem('ContactEstablished', '2017-03', { occasion: { name: 'Intec and Z 2017' }, summary: 'First contact' }), names)).toBe('Contact: Intec and Z 2017');
    const meeting = timelineItem('MeetingHeld', '2017-10', {
      place: { name: 'Kazan' },
      participants: [
        { name: 'Network delegation', level: 'executive' },
        { name: 'Minister of Transport of Tatarstan', level: 'minister' },
      ],
    });
    expect(entryLabel(meeting, names)).toBe('Meeting in Kazan with Minister of Transport of Tatarstan');
    expect(entryLabel(timelineItem('DelegationVisited', '2017-10', { direction: 'outbound', destination: { name: 'Kazan' } }), names)).toBe('Delegation to Kazan');
    expect(entryLabel(timelineItem('FairAttended', '2010', { fairId: 'transrussia', edition: 'TransRussia 2010', role: 'exhibitor' }), names)).toBe('TransRussia 2010 (exhibitor)');
    expect(entryLabel(timelineItem('FairAttended', '2012', { fairId: 'transrussia', edition: '2012', role: 'visitor' }), names)).toBe('TransRussia 2012 (visitor)');
    expect(entryLabel(timelineItem('MembershipCrossLinked', '2016', { organisationId: 'logistics-network', otherOrganisationId: 'german-russian-association' }), names)).toBe(
      'Cross-membership: Netzwerk Logistik Leipzig-Halle ↔ German-Russian business association',
    );
    expect(entryLabel(timelineItem('CooperationStageChanged', '2017-10', { from: 'contact', to: 'exploring' }), names)).toBe('Stage: contact → exploring');
    expect(entryLabel(timelineItem('RoleAssumed', '2010-03', { personId: 'president-tatarstan', organisationId: 'tatarstan-government', role: 'President' }), names)).toBe(
      'Rustam Minnikhanov: President, Government of the Republic of Tatarstan',
    );
  });

  it('falls back to ids and plain words where names or fields are missing', () => {
    expect(entryLabel(timelineItem('CooperationOpened', '2017', { partner: { kind: 'organisation', id: 'unknown-org' } }), NO_NAMES)).toBe('Cooperation opened with unknown-org');
    expect(entryLabel(timelineItem('MeetingHeld', '2017', {}), NO_NAMES)).toBe('Meeting');
    expect(entryLabel(timelineItem('SomethingNew', '2017', {}), NO_NAMES)).toBe('SomethingNew');
  });
});

describe('entryTooltip', () => {
  it('adds what else the entry says, its source, its corrections and its retraction', () => {
    const item = timelineItem(
      'MeetingHeld',
      '2017-10-12',
      { place: { name: 'Kazan' }, participants: [{ name: 'Minister of Transport of Tatarstan', role: 'Minister of Transport', level: 'minister' }], outcome: 'Both sides agreed to explore cooperation', source: { title: 'Press release' } },
      {
        state: 'retracted',
        corrections: [{ changes: { occurredOn: { from: '2017-10', to: '2017-10-12' } }, reason: 'Minutes give the exact day', provenance: { eventId: 'e', position: '2', recordedAt: '2026-12-01T00:00:00Z' } }],
        retraction: { reason: 'Recorded twice', provenance: { eventId: 'f', position: '3', recordedAt: '2026-12-02T00:00:00Z' } },
      },
    );
    expect(entryTooltip(item, NO_NAMES).split('\n')).toEqual([
      '2017-10-12 · Meeting',
      'Meeting in Kazan with Minister of Transport of Tatarstan',
      'Both sides agreed to explore cooperation',
      'With: Minister of Transport of Tatarstan (Minister of Transport)',
      'Source: Press release',
      'Corrected: occurredOn 2017-10 → 2017-10-12 (Minutes give the exact day)',
      'Retracted: Recorded twice',
    ]);
  });
});
