import { EventSchemas } from './event-schemas';

describe('EventSchemas', () => {
  const schemas = new EventSchemas().register('MeetingHeld', 3, {
    1: (data) => ({ ...data, topics: data.topic ? [data.topic] : [] }),
    2: (data) => ({ ...data, level: data.level ?? 'working' }),
  });

  it('brings an old payload up to the current version, one step at a time', () => {
    expect(schemas.upcast('MeetingHeld', 1, { topic: 'logistics' })).toEqual({ topic: 'logistics', topics: ['logistics'], level: 'working' });
    expect(schemas.upcast('MeetingHeld', 3, { topics: [] })).toEqual({ topics: [] });
  });

  it('treats unregistered types as version 1 and leaves them alone', () => {
    expect(schemas.currentVersion('FairAttended')).toBe(1);
    expect(schemas.upcast('FairAttended', 1, { edition: '2017' })).toEqual({ edition: '2017' });
  });

  it('refuses a payload newer than the code and a version without its upcasters', () => {
    expect(() => schemas.upcast('MeetingHeld', 4, {})).toThrow(/newer than this code knows/);
    expect(() => new EventSchemas().register('X', 2)).toThrow(/no upcaster from version 1/);
  });
});
