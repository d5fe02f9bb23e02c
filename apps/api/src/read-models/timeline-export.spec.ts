import { csvField } from './timeline-export';

describe('csvField', () => {
  it('quotes what RFC 4180 requires and doubles the quotes inside', () => {
    expect(csvField('Kazan')).toBe('Kazan');
    expect(csvField('Leipzig, Halle')).toBe('"Leipzig, Halle"');
    expect(csvField('the "Z" fair')).toBe('"the ""Z"" fair"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(undefined)).toBe('');
    expect(csvField({ a: 1 })).toBe('"{""a"":1}"');
  });
});
