import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { MemoryLogDevice } from '../storage/memory-log-device';
import { EventStoreEngine } from './event-store-engine';
import { ExpectedRevision } from './expected-revision';
import { ProposedEvent } from './proposed-event';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

function event(id = randomUUID(), data = '{}'): ProposedEvent {
  return { eventId: id, eventType: 'Happened', isJson: true, data: Buffer.from(data), customMetadata: new Uint8Array(0) };
}

async function openEngine(device = new MemoryLogDevice(), now?: () => number) {
  return EventStoreEngine.open({ device, logger: silent, maxAppendSize: 1024 * 1024, now });
}

async function appendOk(engine: EventStoreEngine, streamId: string, expected: ExpectedRevision, events: ProposedEvent[]) {
  const result = engine.append(streamId, expected, events);
  if (result.kind !== 'success') throw new Error(`expected success, got ${result.kind}`);
  await result.durable;
  return result;
}

describe('EventStoreEngine', () => {
  describe('expected revisions', () => {
    it('accepts no_stream only for a stream that does not exist', async () => {
      const engine = await openEngine();
      await appendOk(engine, 's', { kind: 'no_stream' }, [event()]);
      expect(engine.append('s', { kind: 'no_stream' }, [event()])).toMatchObject({ kind: 'wrong_expected_version', currentRevision: 0 });
    });

    it('accepts stream_exists only for an existing stream', async () => {
      const engine = await openEngine();
      expect(engine.append('s', { kind: 'stream_exists' }, [event()])).toMatchObject({ kind: 'wrong_expected_version', currentRevision: -1 });
      await appendOk(engine, 's', { kind: 'any' }, [event()]);
      await appendOk(engine, 's', { kind: 'stream_exists' }, [event()]);
    });

    it('accepts an exact revision only when it is the current one', async () => {
      const engine = await openEngine();
      await appendOk(engine, 's', { kind: 'any' }, [event(), event()]);
      expect(engine.append('s', { kind: 'exact', revision: 0 }, [event()])).toMatchObject({ kind: 'wrong_expected_version', currentRevision: 1 });
      expect(engine.append('s', { kind: 'exact', revision: 5 }, [event()])).toMatchObject({ kind: 'wrong_expected_version', currentRevision: 1 });
      expect(await appendOk(engine, 's', { kind: 'exact', revision: 1 }, [event()])).toMatchObject({ currentRevision: 2 });
    });

    it('lets exactly one of many writers expecting the same revision win (any interleaving)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 2, max: 20 }), fc.integer({ min: 1, max: 5 }), async (writers, rounds) => {
          const engine = await openEngine();
          for (let round = 0; round < rounds; round++) {
            const results = Array.from({ length: writers }, () => engine.append('race', round === 0 ? { kind: 'no_stream' } : { kind: 'exact', revision: round - 1 }, [event()]));
            expect(results.filter((result) => result.kind === 'success')).toHaveLength(1);
            await Promise.all(results.map((result) => (result.kind === 'success' ? result.durable : undefined)));
          }
          const view = engine.viewStream('race');
          expect(view).toMatchObject({ kind: 'ok', lastRevision: rounds - 1 });
        }),
        { numRuns: 30 },
      );
    });
  });

  describe('idempotency', () => {
    it('acknowledges a retried append at the same exact revision without writing again', async () => {
      const engine = await openEngine();
      const events = [event(), event()];
      const first = await appendOk(engine, 's', { kind: 'no_stream' }, events);
      const retry = await appendOk(engine, 's', { kind: 'no_stream' }, events);
      expect(retry).toMatchObject({ currentRevision: first.currentRevision, position: first.position });
      expect(engine.recordCount).toBe(2);
    });

    it('acknowledges a retried append with expected revision any without writing again', async () => {
      const engine = await openEngine();
      await appendOk(engine, 's', { kind: 'any' }, [event()]);
      const events = [event(), event()];
      const first = await appendOk(engine, 's', { kind: 'any' }, events);
      const retry = await appendOk(engine, 's', { kind: 'any' }, events);
      expect(retry.currentRevision).toBe(first.currentRevision);
      expect(engine.recordCount).toBe(3);
    });

    it('treats a retry that only partly matches as a conflict', async () => {
      const engine = await openEngine();
      const [a, b] = [event(), event()];
      await appendOk(engine, 's', { kind: 'no_stream' }, [a, b]);
      expect(engine.append('s', { kind: 'no_stream' }, [a, event()])).toMatchObject({ kind: 'wrong_expected_version' });
    });

    it('recognises a retry after a restart by comparing the stored event ids', async () => {
      const device = new MemoryLogDevice();
      const engine = await openEngine(device);
      const events = [event(), event()];
      await appendOk(engine, 's', { kind: 'no_stream' }, events);
      await engine.close();
      const reopened = await openEngine(device);
      expect(await appendOk(reopened, 's', { kind: 'no_stream' }, events)).toMatchObject({ currentRevision: 1 });
      expect(reopened.recordCount).toBe(2);
    });
  });

  describe('deletes and metadata', () => {
    it('soft-deletes: the stream reads as not found, and a new append continues the revisions', async () => {
      const engine = await openEngine();
      await appendOk(engine, 's', { kind: 'any' }, [event(), event()]);
      const deleted = engine.softDelete('s', { kind: 'any' });
      if (deleted.kind === 'success') await deleted.durable;
      expect(engine.viewStream('s')).toEqual({ kind: 'not_found' });
      expect(await appendOk(engine, 's', { kind: 'no_stream' }, [event()])).toMatchObject({ currentRevision: 2 });
      expect(engine.viewStream('s')).toMatchObject({ kind: 'ok', firstRevision: 2, lastRevision: 2 });
    });

    it('refuses to soft-delete a stream never written, but deletes one that only has metadata', async () => {
      const engine = await openEngine();
      expect(engine.softDelete('never', { kind: 'any' })).toMatchObject({ kind: 'wrong_expected_version', currentRevision: -1 });
      await appendOk(engine, '$$implicit', { kind: 'any' }, [{ ...event(), eventType: '$metadata', data: Buffer.from('{"$cacheControl":10}') }]);
      expect(engine.softDelete('implicit', { kind: 'no_stream' })).toMatchObject({ kind: 'success' });
    });

    it('tombstones: later appends fail with stream_deleted, also after a restart', async () => {
      const device = new MemoryLogDevice();
      const engine = await openEngine(device);
      await appendOk(engine, 's', { kind: 'any' }, [event()]);
      const tombstone = engine.tombstone('s', { kind: 'any' });
      if (tombstone.kind === 'success') await tombstone.durable;
      expect(engine.append('s', { kind: 'any' }, [event()])).toEqual({ kind: 'stream_deleted', streamId: 's' });
      const reopened = await openEngine(device);
      expect(reopened.viewStream('s')).toEqual({ kind: 'deleted' });
      expect(reopened.append('s', { kind: 'any' }, [event()])).toMatchObject({ kind: 'stream_deleted' });
    });

    it('honours $maxCount, $tb and $maxAge from the metadata stream', async () => {
      let now = 1_000_000;
      const engine = await openEngine(new MemoryLogDevice(), () => now);
      await appendOk(engine, 's', { kind: 'any' }, [event(), event(), event(), event()]);
      now += 60_000;
      await appendOk(engine, 's', { kind: 'any' }, [event()]);
      await appendOk(engine, '$$s', { kind: 'any' }, [{ ...event(), eventType: '$metadata', data: Buffer.from('{"$maxCount":3}') }]);
      expect(engine.viewStream('s')).toMatchObject({ firstRevision: 2, lastRevision: 4 });
      await appendOk(engine, '$$s', { kind: 'any' }, [{ ...event(), eventType: '$metadata', data: Buffer.from('{"$tb":4}') }]);
      expect(engine.viewStream('s')).toMatchObject({ firstRevision: 4 });
      await appendOk(engine, '$$s', { kind: 'any' }, [{ ...event(), eventType: '$metadata', data: Buffer.from('{"$maxAge":30}') }]);
      const view = engine.viewStream('s');
      expect(view.kind === 'ok' && view.minCreatedTicks).toBe(BigInt(now - 30_000) * 10_000n);
    });

    it('refuses an append over the maximum append size and writes nothing', async () => {
      const engine = await EventStoreEngine.open({ device: new MemoryLogDevice(), logger: silent, maxAppendSize: 1000 });
      expect(engine.append('s', { kind: 'any' }, [event(undefined, 'x'.repeat(1001))])).toMatchObject({ kind: 'too_large', maxAppendSize: 1000 });
      expect(engine.recordCount).toBe(0);
    });
  });

  it('rebuilds the same stream index from the log as it had live (replay equals live)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 1, max: 4 })), { maxLength: 30 }), async (appends) => {
        const device = new MemoryLogDevice();
        const engine = await openEngine(device);
        for (const [stream, count] of appends) await appendOk(engine, stream, { kind: 'any' }, Array.from({ length: count }, () => event()));
        const live = ['a', 'b', 'c'].map((stream) => engine.streamEntry(stream)?.positions ?? []);
        const reopened = await openEngine(device);
        expect(['a', 'b', 'c'].map((stream) => reopened.streamEntry(stream)?.positions ?? [])).toEqual(live);
        expect(reopened.recordCount).toBe(engine.recordCount);
      }),
      { numRuns: 50 },
    );
  });
});
