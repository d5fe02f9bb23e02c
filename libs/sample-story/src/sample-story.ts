import { citing, INTEC_Z_EVERY_TWO_YEARS, PRESIDENTS_OF_TATARSTAN, PRESS_RELEASE_KAZAN_2017, TRANSRUSSIA_2013 } from './sources';
import { cooperation, fact, fair, organisation, person, region, role, stageChange, type StoryStep } from './story-step';

const PRESS_RELEASE = PRESS_RELEASE_KAZAN_2017;
const TATARSTAN = 'logistics-network--tatarstan';
const RUSSIA = 'logistics-network--russia';
const ASSOCIATION = 'logistics-network--german-russian-association';

/**
 * The Leipzig-Halle ↔ Tatarstan story, as the requests that record it, in order: places before what lies in them,
 * organisations and people before the facts that name them. Every date has the precision its source gives ("since
 * 2010" is "2010"). Recorded facts cite their source; the other requests, which take no `source`, name it in their
 * `reason`.
 *
 * Named people are those the sources name in public office: the President and the Minister of Transport. The
 * network's side is recorded as the network, not by name. The minister's role has no record of its own, only on the
 * meeting: no source here says since when he held it, and a role needs a start.
 */
export const SAMPLE_STORY: readonly StoryStep[] = [
  // Places, each within its parent.
  region({ id: 'russia', name: 'Russian Federation', kind: 'country', reason: citing(PRESS_RELEASE) }),
  region({ id: 'tatarstan', name: 'Republic of Tatarstan', kind: 'federal-subject', parentRegionId: 'russia', reason: citing(PRESS_RELEASE) }),
  region({ id: 'kazan', name: 'Kazan', kind: 'city', parentRegionId: 'tatarstan', reason: citing(PRESS_RELEASE, 'Kazan, the capital of Tatarstan') }),
  region({ id: 'moscow', name: 'Moscow', kind: 'city', parentRegionId: 'russia', reason: citing(TRANSRUSSIA_2013, 'where TransRussia is held') }),
  region({ id: 'germany', name: 'Germany', kind: 'country', reason: citing(PRESS_RELEASE) }),
  region({
    id: 'mitteldeutschland',
    name: 'Mitteldeutschland',
    kind: 'metropolitan-region',
    parentRegionId: 'germany',
    reason: citing(PRESS_RELEASE, 'the logistics region Mitteldeutschland'),
  }),
  region({ id: 'leipzig-halle', name: 'Leipzig-Halle', kind: 'metropolitan-region', parentRegionId: 'mitteldeutschland', reason: citing(PRESS_RELEASE) }),
  region({ id: 'leipzig', name: 'Leipzig', kind: 'city', parentRegionId: 'leipzig-halle', reason: citing(PRESS_RELEASE) }),

  // Organisations.
  organisation({
    id: 'logistics-network',
    name: 'Netzwerk Logistik Leipzig-Halle',
    kind: 'network',
    regionId: 'leipzig-halle',
    memberCount: 130,
    reason: citing(PRESS_RELEASE, '“rund 130 Mitglieder”, about 130 members, in October 2017'),
  }),
  organisation({
    id: 'german-russian-association',
    name: 'Deutsch-Russischer Wirtschaftsbund',
    kind: 'association',
    reason: citing(PRESS_RELEASE, 'the German-Russian business association'),
  }),
  organisation({
    id: 'tatarstan-government',
    name: 'Government of the Republic of Tatarstan',
    kind: 'government',
    regionId: 'tatarstan',
    reason: citing(PRESS_RELEASE),
  }),
  organisation({
    id: 'tatarstan-transport-ministry',
    name: 'Ministry of Transport and Road Facilities of the Republic of Tatarstan',
    kind: 'ministry',
    regionId: 'tatarstan',
    reason: citing(PRESS_RELEASE, '“Minister für Transport und Verkehrswesen der Republik Tatarstan”'),
  }),

  // People with their roles.
  person({ id: 'rustam-minnikhanov', name: 'Rustam Minnikhanov', reason: citing(PRESS_RELEASE, '“der Präsident Tatarstans, Rustam Minnikhanow”') }),
  role('rustam-minnikhanov', {
    organisationId: 'tatarstan-government',
    role: 'President of the Republic of Tatarstan',
    from: '2010-03-25',
    level: 'head-of-state',
    reason: citing(PRESIDENTS_OF_TATARSTAN, 'President since 25 March 2010'),
  }),
  person({
    id: 'lenar-safin',
    name: 'Lenar Rinatovich Safin',
    reason: citing(PRESS_RELEASE, '“Minister für Transport und Verkehrswesen der Republik Tatarstan, Lenar Rinatovich Safin”'),
  }),

  // Fairs.
  fair({ id: 'transrussia', name: 'TransRussia', regionId: 'moscow', recurrence: 'annual', reason: citing(TRANSRUSSIA_2013, 'held in Moscow every spring') }),
  fair({ id: 'intec-z', name: 'Intec and Z', regionId: 'leipzig', recurrence: 'biennial', reason: citing(INTEC_Z_EVERY_TWO_YEARS, 'held together every two years') }),

  // At TransRussia since 2010: the source gives only the year.
  cooperation({
    id: RUSSIA,
    ourOrganisationId: 'logistics-network',
    partner: { kind: 'region', id: 'russia' },
    openedOn: '2010',
    reason: citing(PRESS_RELEASE, '“Bereits seit 2010 ist das Netzwerk zudem regelmäßig auf der Fachmesse TransRussia vertreten”'),
  }),
  fact(RUSSIA, 'fair-attendances', {
    entryId: 'transrussia-2010',
    fairId: 'transrussia',
    edition: 'TransRussia 2010',
    occurredOn: '2010',
    role: 'exhibitor',
    source: PRESS_RELEASE,
  }),

  // The cross-membership, "last year" in a release of 2017: 2016.
  cooperation({
    id: ASSOCIATION,
    ourOrganisationId: 'logistics-network',
    partner: { kind: 'organisation', id: 'german-russian-association' },
    openedOn: '2016',
    reason: citing(PRESS_RELEASE, '“Erst im vergangenen Jahr … eine Überkreuzmitgliedschaft mit dem Deutsch-Russischen Wirtschaftsbund geschlossen”'),
  }),
  fact(ASSOCIATION, 'cross-memberships', {
    entryId: 'cross-membership',
    organisationId: 'logistics-network',
    otherOrganisationId: 'german-russian-association',
    since: '2016',
    source: PRESS_RELEASE,
  }),

  // Tatarstan: first contact in March 2017, the return visit to Kazan in October 2017, now exploring.
  cooperation({
    id: TATARSTAN,
    ourOrganisationId: 'logistics-network',
    partner: { kind: 'region', id: 'tatarstan' },
    openedOn: '2017-03',
    reason: citing(PRESS_RELEASE, 'first contact in March 2017'),
  }),
  fact(TATARSTAN, 'contacts', {
    entryId: 'first-contact',
    occurredOn: '2017-03',
    place: { name: 'Leipzig', regionId: 'leipzig' },
    occasion: { name: 'Intec and Z 2017, visit of the President of Tatarstan', fairId: 'intec-z' },
    participants: [
      {
        personId: 'rustam-minnikhanov',
        name: 'Rustam Minnikhanov',
        organisationId: 'tatarstan-government',
        role: 'President of the Republic of Tatarstan',
        level: 'head-of-state',
      },
    ],
    summary: 'First contact with the network during the visit of the President of Tatarstan to Leipzig for the Intec and Z fairs',
    source: PRESS_RELEASE,
  }),
  fact(TATARSTAN, 'delegation-visits', {
    entryId: 'kazan-delegation',
    direction: 'outbound',
    occurredOn: '2017-10',
    destination: { name: 'Kazan', regionId: 'kazan' },
    participants: [{ name: 'Representatives of the network', organisationId: 'logistics-network', level: 'executive' }],
    purpose: 'Return visit, the second exchange between the network and Tatarstan: to explore cooperation between the regions',
    source: PRESS_RELEASE,
  }),
  fact(TATARSTAN, 'meetings', {
    entryId: 'kazan-minister-meeting',
    occurredOn: '2017-10',
    place: { name: 'Kazan', regionId: 'kazan' },
    participants: [
      {
        personId: 'lenar-safin',
        name: 'Lenar Rinatovich Safin',
        organisationId: 'tatarstan-transport-ministry',
        role: 'Minister of Transport and Road Facilities of the Republic of Tatarstan',
        level: 'minister',
      },
      { name: 'Representatives of the network', organisationId: 'logistics-network', level: 'executive' },
    ],
    topics: ['cooperation between the regions', 'logistics'],
    outcome: 'The contact made in March deepened; both sides explore ways to cooperate',
    source: PRESS_RELEASE,
  }),
  stageChange(TATARSTAN, {
    to: 'exploring',
    occurredOn: '2017-10',
    reason: citing(PRESS_RELEASE, 'second exchange in Kazan: “Ziel ist es, Kooperationsmöglichkeiten zwischen den Regionen auszuloten”'),
  }),
];
