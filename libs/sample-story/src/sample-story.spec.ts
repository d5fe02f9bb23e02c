import { parseHistoricalDate, precisionOf, validateSourceCitation } from '@app/domain';
import { SAMPLE_STORY } from './sample-story';
import { idempotencyKeyOf, type StoryStep } from './story-step';

const FACT_PATH = /^\/cooperations\/[^/]+\/(contacts|meetings|fair-attendances|cross-memberships|delegation-visits)$/;
const isFact = (step: StoryStep): boolean => FACT_PATH.test(step.path);
const stepWith = (id: string): StoryStep => {
  const step = SAMPLE_STORY.find((candidate) => candidate.id === id);
  if (step === undefined) throw new Error(`the story has no step ${id}`);
  return step;
};

/** The ids a request names, by the kind of entity they must already be (fields as the API takes them). */
function referencesOf(step: StoryStep): string[] {
  const found: string[] = [];
  const cooperation = /^\/cooperations\/([^/]+)\//.exec(step.path)?.[1];
  if (cooperation) found.push(`cooperations/${cooperation}`);
  const person = /^\/people\/([^/]+)\//.exec(step.path)?.[1];
  if (person) found.push(`people/${person}`);
  const walk = (value: unknown, key?: string): void => {
    if (Array.isArray(value)) return value.forEach((item) => walk(item));
    if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (key === 'partner') found.push(`${record.kind === 'region' ? 'regions' : 'organisations'}/${String(record.id)}`);
      else for (const [name, item] of Object.entries(record)) walk(item, name);
      return;
    }
    if (typeof value !== 'string') return;
    if (key === 'parentRegionId' || key === 'regionId') found.push(`regions/${value}`);
    if (key === 'organisationId' || key === 'otherOrganisationId' || key === 'ourOrganisationId') found.push(`organisations/${value}`);
    if (key === 'personId') found.push(`people/${value}`);
    if (key === 'fairId') found.push(`fairs/${value}`);
  };
  walk(step.body);
  return found;
}

describe('the sample story', () => {
  it('records the places, organisations, people, fairs and facts of the issue', () => {
    expect(SAMPLE_STORY.filter((step) => step.path === '/regions').map((step) => step.body.id)).toEqual([
      'russia', 'tatarstan', 'kazan', 'moscow', 'germany', 'mitteldeutschland', 'leipzig-halle', 'leipzig',
    ]);
    expect(SAMPLE_STORY.filter(isFact).map((step) => step.id)).toEqual([
      'cooperations/logistics-network--russia/transrussia-2010',
      'cooperations/logistics-network--german-russian-association/cross-membership',
      'cooperations/logistics-network--tatarstan/first-contact',
      'cooperations/logistics-network--tatarstan/kazan-delegation',
      'cooperations/logistics-network--tatarstan/kazan-minister-meeting',
    ]);
  });

  it('cites on every recorded fact a source with kind, title, publisher and publication date', () => {
    for (const step of SAMPLE_STORY.filter(isFact)) {
      const source = step.body.source as Parameters<typeof validateSourceCitation>[0];
      expect(() => validateSourceCitation(source)).not.toThrow();
      expect({ step: step.id, publisher: typeof source.publisher, publishedOn: typeof source.publishedOn }).toEqual({
        step: step.id,
        publisher: 'string',
        publishedOn: 'string',
      });
    }
  });

  it('names its source in the reason of every request that takes no source of its own', () => {
    for (const step of SAMPLE_STORY.filter((candidate) => !isFact(candidate))) {
      expect({ step: step.id, reason: step.body.reason }).toEqual({ step: step.id, reason: expect.stringMatching(/Source: .+ https:\/\//) });
    }
  });

  it.each([
    ['cooperations/logistics-network--russia/transrussia-2010', 'occurredOn', '2010', 'year'],
    ['cooperations/logistics-network--german-russian-association/cross-membership', 'since', '2016', 'year'],
    ['cooperations/logistics-network--tatarstan/first-contact', 'occurredOn', '2017-03', 'month'],
    ['cooperations/logistics-network--tatarstan/kazan-delegation', 'occurredOn', '2017-10', 'month'],
    ['cooperations/logistics-network--tatarstan/kazan-minister-meeting', 'occurredOn', '2017-10', 'month'],
    ['cooperations/logistics-network--tatarstan/stage/exploring', 'occurredOn', '2017-10', 'month'],
    ['people/rustam-minnikhanov/roles/tatarstan-government/president-of-the-republic-of-tatarstan', 'from', '2010-03-25', 'day'],
  ])('dates %s with the precision its source gives', (id, field, date, precision) => {
    const written = stepWith(id).body[field];
    expect({ written, precision: precisionOf(parseHistoricalDate(written)) }).toEqual({ written: date, precision });
  });

  it('records nothing before what it refers to', () => {
    const recorded = new Set<string>();
    for (const step of SAMPLE_STORY) {
      for (const reference of referencesOf(step)) expect({ step: step.id, reference, recordedBefore: recorded.has(reference) }).toEqual({ step: step.id, reference, recordedBefore: true });
      if (['/regions', '/organisations', '/people', '/fairs', '/cooperations'].includes(step.path)) recorded.add(`${step.path.slice(1)}/${String(step.body.id)}`);
    }
  });

  it('gives each request an Idempotency-Key of its own, in the form the API accepts', () => {
    const keys = SAMPLE_STORY.map(idempotencyKeyOf);
    expect(new Set(keys).size).toBe(SAMPLE_STORY.length);
    for (const key of keys) expect(key).toMatch(/^[\x21-\x7e]{1,255}$/);
  });
});
