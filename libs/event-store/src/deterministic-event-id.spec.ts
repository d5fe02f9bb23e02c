import { deterministicEventId, nameBasedUuid } from './deterministic-event-id';

describe('nameBasedUuid', () => {
  it('matches the RFC 4122 version-5 test vector for the DNS namespace', () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org') == 886313e1-3b8a-5372-9b90-0c9aee199e5d
    expect(nameBasedUuid('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });
});

describe('deterministicEventId', () => {
  it('gives the same id for the same key, stream and index, and different ids otherwise', () => {
    const id = deterministicEventId('key-1', 'cooperation-42', 0);
    expect(deterministicEventId('key-1', 'cooperation-42', 0)).toBe(id);
    expect(new Set([id, deterministicEventId('key-2', 'cooperation-42', 0), deterministicEventId('key-1', 'cooperation-43', 0), deterministicEventId('key-1', 'cooperation-42', 1)]).size).toBe(4);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
