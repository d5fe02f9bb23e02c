import { cutOf, minPositionOf } from './cut-query.dto';

describe('cutOf', () => {
  it('reads asOf as a day and knownAt as a moment; a bare day of knownAt means the end of that day', () => {
    expect(cutOf({ asOf: '2017-06-30' })).toEqual({ asOf: 20170630 });
    expect(cutOf({ knownAt: '2017-11-01T00:00:00Z' })).toEqual({ knownAtMs: Date.parse('2017-11-01T00:00:00Z') });
    expect(cutOf({ knownAt: '2017-11-01' })).toEqual({ knownAtMs: Date.parse('2017-11-01T23:59:59.999Z') });
  });

  it('refuses days that are not in the calendar, naming the parameter', () => {
    expect(() => cutOf({ asOf: '2017-02-30' })).toThrow(expect.objectContaining({ status: 400, field: 'asOf' }));
    expect(() => cutOf({ knownAt: '2017-02-30' })).toThrow(expect.objectContaining({ status: 400, field: 'knownAt' }));
  });
});

describe('minPositionOf', () => {
  it('takes the query parameter or the header, and refuses both when they disagree', () => {
    expect(minPositionOf({ minPosition: '12' }, undefined)).toBe(12n);
    expect(minPositionOf({}, '13')).toBe(13n);
    expect(minPositionOf({}, undefined)).toBeUndefined();
    expect(() => minPositionOf({ minPosition: '12' }, '13')).toThrow(expect.objectContaining({ field: 'minPosition' }));
    expect(() => minPositionOf({}, 'soon')).toThrow(expect.objectContaining({ field: 'X-Min-Position' }));
  });
});
