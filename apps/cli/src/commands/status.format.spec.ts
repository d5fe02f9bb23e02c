import type { CooperationStatus, RegionStatus } from '@app/projections';
import { formatCooperationStatus, formatRegionStatus } from './status.format';

// Tatarstan today, as GET /regions/tatarstan/status answers after the press story.
const TATARSTAN: RegionStatus = {
  regionId: 'tatarstan',
  name: 'Republic of Tatarstan',
  stage: 'exploring',
  stageSince: '2017-10',
  cooperations: [{ cooperationId: 'logistics-network--tatarstan', ourOrganisationId: 'logistics-network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017-03', stage: 'exploring', stageSince: '2017-10' }],
  firstContact: { entryKey: 'cooperation/logistics-network--tatarstan/first-contact', entryId: 'first-contact', cooperationId: 'logistics-network--tatarstan', occurredOn: '2017-03', summary: 'First contact during the President’s visit' },
  lastInteraction: { occurredOn: '2017-10', interactions: 2 },
  meetings: { total: 1, byLevel: { 'head-of-state': 0, minister: 1, executive: 0, working: 0, unspecified: 0 } },
  delegationVisits: { inbound: 0, outbound: 1 },
  fairs: [],
  crossMemberships: [],
  crossMembershipCount: 0,
  openOpportunities: [{ entryKey: 'k', entryId: 'rail', cooperationId: 'logistics-network--tatarstan', occurredOn: '2018', title: 'Rail terminal' }],
  openOpportunityCount: 3,
  organisations: [
    { id: 'logistics-network', name: 'Netzwerk Logistik Leipzig-Halle', mentions: 4 },
    { id: 'tatarstan-transport-ministry', mentions: 1 },
  ],
  people: [{ id: 'president-tatarstan', name: 'Rustam Minnikhanov', mentions: 1 }],
  momentum: { interactions: 0, from: '2026-01', to: '2026-12-01' },
};

describe('formatRegionStatus', () => {
  it('shows the region’s stage, cooperations, contacts, meetings, delegations and who is involved', () => {
    expect(formatRegionStatus(TATARSTAN)).toBe(
      [
        'Republic of Tatarstan (tatarstan)',
        '  Stage               exploring since 2017-10',
        '  Cooperations        logistics-network--tatarstan: exploring since 2017-10 (opened 2017-03, partner region tatarstan)',
        '  First contact       2017-03 First contact during the President’s visit [logistics-network--tatarstan first-contact]',
        '  Last interaction    2017-10 (2 interactions)',
        '  Meetings            1 (minister 1)',
        '  Delegation visits   0 inbound, 1 outbound',
        '  Fairs               -',
        '  Cross-memberships   0',
        '  Open opportunities  3 in all (latest 1 shown)',
        '                      2018 Rail terminal [logistics-network--tatarstan rail]',
        '  Organisations       Netzwerk Logistik Leipzig-Halle (4), tatarstan-transport-ministry (1)',
        '  People              Rustam Minnikhanov (1)',
        '  Momentum            0 interactions from 2026-01 to 2026-12-01',
        '',
      ].join('\n'),
    );
  });

  it('says which cut it shows', () => {
    expect(formatRegionStatus({ ...TATARSTAN, asOf: '2017-06-30', knownAt: '2017-11-01T00:00:00Z' }).split('\n')[0]).toBe('Republic of Tatarstan (tatarstan) as of 2017-06-30, as known at 2017-11-01T00:00:00Z');
  });

  it('says so when the region has no cooperation', () => {
    const text = formatRegionStatus({ ...TATARSTAN, stage: null, stageSince: null, cooperations: [], firstContact: null, lastInteraction: null });
    expect(text).toContain('  Stage               none (no cooperation with a partner here)\n  Cooperations        -\n  First contact       -\n');
  });
});

describe('formatCooperationStatus', () => {
  const { regionId: _regionId, name: _name, stage: _stage, stageSince: _since, cooperations, ...summary } = TATARSTAN;
  const COOPERATION: CooperationStatus = { ...cooperations[0]!, ...summary };

  it('shows the two sides, the opening and the stage, then the same summary lines as a region', () => {
    const lines = formatCooperationStatus(COOPERATION).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Cooperation logistics-network--tatarstan',
      '  Between             organisation logistics-network and region tatarstan',
      '  Opened              2017-03',
      '  Stage               exploring since 2017-10',
    ]);
    expect(lines.slice(4)).toEqual(formatRegionStatus(TATARSTAN).split('\n').slice(3));
  });

  it('says which cut it shows', () => {
    expect(formatCooperationStatus({ ...COOPERATION, asOf: '2017-06-30' }).split('\n')[0]).toBe('Cooperation logistics-network--tatarstan as of 2017-06-30');
  });
});
