import type { RegionStatusAnswer } from './status.command';
import { formatRegionsAtCut, formatReplayHeading } from './replay.format';

function status(regionId: string, fields: Partial<RegionStatusAnswer> = {}): RegionStatusAnswer {
  return {
    regionId,
    name: regionId.toUpperCase(),
    stage: null,
    stageSince: null,
    cooperations: [],
    firstContact: null,
    lastInteraction: null,
    meetings: { total: 0, byLevel: {} },
    delegationVisits: { inbound: 0, outbound: 0 },
    fairs: [],
    crossMemberships: [],
    crossMembershipCount: 0,
    openOpportunities: [],
    openOpportunityCount: 0,
    organisations: [],
    people: [],
    momentum: { interactions: 0, from: '2016-07', to: '2017-06-30' },
    asOf: '2017-06-30',
    ...fields,
  };
}

const cooperation = { cooperationId: 'logistics-network--tatarstan', ourOrganisationId: 'logistics-network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017-03', stage: 'contact', stageSince: '2017-03' };

describe('replay', () => {
  it('says which cut it shows and what the cut means', () => {
    expect(formatReplayHeading({ asOf: '2017-06-30' })).toBe(
      'Replay of history as of 2017-06-30: what had happened by the end of that day — facts dated up to then, stages from the stage changes dated up to then — as it is recorded today (later corrections applied).\n',
    );
    expect(formatReplayHeading({ asOf: '2017-06-30', knownAt: '2017-11-01' })).toContain('as it had been recorded at 2017-11-01 (corrections and retractions recorded later left out).');
  });

  it('lists the regions that had a cooperation at the cut, and counts the others', () => {
    const text = formatRegionsAtCut([
      { status: status('russia', { stage: 'contact', stageSince: '2017-03', cooperations: [cooperation], firstContact: { entryKey: 'k', occurredOn: '2017-03' } }), depth: 0 },
      { status: status('tatarstan', { stage: 'contact', stageSince: '2017-03', cooperations: [cooperation], firstContact: { entryKey: 'k', occurredOn: '2017-03' } }), depth: 1 },
      { status: status('germany'), depth: 0 },
    ]);
    expect(text).toBe(
      [
        'REGION       STAGE    SINCE    COOPERATIONS  FIRST CONTACT  LAST INTERACTION  MEETINGS  NAME',
        'russia       contact  2017-03  1             2017-03        -                 0         RUSSIA',
        '  tatarstan  contact  2017-03  1             2017-03        -                 0         TATARSTAN',
        '1 other region had no cooperation then.',
        '',
      ].join('\n'),
    );
  });

  it('says so when no region had a cooperation yet', () => {
    expect(formatRegionsAtCut([{ status: status('germany'), depth: 0 }])).toBe('No region had a cooperation then (1 region known).\n');
  });
});
