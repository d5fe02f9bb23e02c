import { SourceCitation, validateSourceCitation } from './source-citation';

const pressRelease: SourceCitation = {
  kind: 'press-release',
  title: 'Delegation des Netzwerks Logistik in Kasan',
  publisher: 'Netzwerk Logistik Leipzig-Halle e.V.',
  publishedOn: '2017-10',
  url: 'https://www.logistik-leipzig-halle.net/presse',
};

describe('validateSourceCitation', () => {
  it('accepts a full citation', () => {
    expect(() => validateSourceCitation(pressRelease)).not.toThrow();
  });

  it('accepts a citation with only its kind and title', () => {
    expect(() => validateSourceCitation({ kind: 'minutes', title: 'Board minutes' })).not.toThrow();
  });

  it.each([
    ['a blank title', { title: ' ' }, 'source.title', 'INVALID_SOURCE_CITATION'],
    ['an unknown kind', { kind: 'rumour' }, 'source.kind', 'INVALID_SOURCE_CITATION'],
    ['a blank publisher', { publisher: '' }, 'source.publisher', 'INVALID_SOURCE_CITATION'],
    ['a non-web url', { url: 'ftp://example.org/file' }, 'source.url', 'INVALID_SOURCE_CITATION'],
    ['a javascript url', { url: 'javascript:alert(1)' }, 'source.url', 'INVALID_SOURCE_CITATION'],
    ['a relative url', { url: '/presse' }, 'source.url', 'INVALID_SOURCE_CITATION'],
    ['an impossible publication date', { publishedOn: '2017-02-30' }, 'source.publishedOn', 'INVALID_DATE'],
  ])('rejects %s', (_case, change, field, code) => {
    const source = { ...pressRelease, ...change } as SourceCitation;
    expect(() => validateSourceCitation(source)).toThrow(expect.objectContaining({ code, field }) as Error);
  });
});
