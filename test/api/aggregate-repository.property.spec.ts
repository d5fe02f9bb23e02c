import { EventBus } from '@nestjs/cqrs';
import fc from 'fast-check';
import { cooperationDecider, foldEvents, type CooperationCommand, type CooperationEvent } from '@app/domain';
import { AggregateEventStore } from '@app/event-store';
import type { CommandContext } from '../../apps/api/src/commands/command-context';
import { CooperationRepository } from '../../apps/api/src/cooperations/cooperation.repository';
import { PersonalDataVault } from '../../apps/api/src/personal-data/personal-data-vault';
import { uniqueId, useTestApi } from '../support/api.harness';

const context = (command: CooperationCommand, idempotencyKey?: string): CommandContext => ({
  actor: { id: 'property', role: 'editor' },
  requestId: 'request',
  correlationId: 'correlation',
  causationId: 'request',
  ...(idempotencyKey === undefined ? {} : { idempotency: { key: idempotencyKey, fingerprint: JSON.stringify(command) } }),
});

/** A command as the property draws it: which of two API replicas runs it, and what it asks. */
type Step =
  | { replica: 0 | 1; kind: 'meeting'; entry: number; year: number; key?: number }
  | { replica: 0 | 1; kind: 'stage'; to: 'exploring' | 'active' | 'dormant' | 'formal-partnership' }
  | { replica: 0 | 1; kind: 'retract'; entry: number }
  | { replica: 0 | 1; kind: 'correct'; entry: number; year: number };

const replica = fc.constantFrom<0 | 1>(0, 1);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ replica, kind: fc.constant('meeting' as const), entry: fc.nat(5), year: fc.integer({ min: 2016, max: 2020 }), key: fc.option(fc.nat(3), { nil: undefined }) }),
  fc.record({ replica, kind: fc.constant('stage' as const), to: fc.constantFrom('exploring' as const, 'active' as const, 'dormant' as const, 'formal-partnership' as const) }),
  fc.record({ replica, kind: fc.constant('retract' as const), entry: fc.nat(5) }),
  fc.record({ replica, kind: fc.constant('correct' as const), entry: fc.nat(5), year: fc.integer({ min: 2017, max: 2020 }) }),
);

function commandOf(cooperationId: string, drawn: Step): CooperationCommand {
  switch (drawn.kind) {
    case 'meeting':
      return {
        type: 'RecordMeeting',
        data: { cooperationId, entryId: `entry-${drawn.entry}`, occurredOn: String(drawn.year), place: { name: 'Kazan' }, participants: [{ name: 'Minister', level: 'minister' }], topics: ['logistics'] },
      };
    case 'stage':
      return { type: 'ChangeStage', data: { cooperationId, to: drawn.to, occurredOn: '2018' } };
    case 'retract':
      return { type: 'RetractEntry', data: { cooperationId, entryId: `entry-${drawn.entry}`, reason: 'not true' } };
    case 'correct':
      return { type: 'CorrectFact', data: { cooperationId, entryId: `entry-${drawn.entry}`, corrections: { occurredOn: String(drawn.year) }, reason: 'dated wrongly' } };
  }
}

// Two API replicas (two repositories, each with its own cache) run commands on one cooperation, concurrently and in
// any order; some are refused by the domain, some collide. Whatever happens, what each replica then holds equals a
// fresh fold of the stream (replay equals live), and every accepted command left exactly its events in the stream.
describe('AggregateRepository under concurrent replicas (property)', () => {
  const api = useTestApi({ LOG_LEVEL: 'warn' });

  it('keeps every replica\'s state equal to a replay of the stream', async () => {
    const store = api().app.get(AggregateEventStore);
    const eventBus = api().app.get(EventBus);
    const vault = api().app.get(PersonalDataVault);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(step, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), async (rounds) => {
        const replicas = [new CooperationRepository(store, eventBus, vault), new CooperationRepository(store, eventBus, vault)];
        const cooperationId = uniqueId('property');
        const open: CooperationCommand = {
          type: 'OpenCooperation',
          data: { cooperationId, ourOrganisationId: 'network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2016' },
        };
        await replicas[0].execute(cooperationId, open, context(open));
        const acceptedEventIds = new Set<string>();
        for (const round of rounds) {
          const outcomes = await Promise.allSettled(
            round.map((drawn) => {
              const command = commandOf(cooperationId, drawn);
              const key = drawn.kind === 'meeting' && drawn.key !== undefined ? `${cooperationId}-key-${drawn.key}` : undefined;
              return replicas[drawn.replica].execute(cooperationId, command, context(command, key));
            }),
          );
          for (const outcome of outcomes) {
            if (outcome.status === 'fulfilled') outcome.value.eventIds.forEach((eventId) => acceptedEventIds.add(eventId));
            if (outcome.status === 'rejected') expect((outcome.reason as { code?: string }).code).toEqual(expect.any(String));
          }
        }
        const stored = await store.load<CooperationEvent>(`cooperation-${cooperationId}`);
        const replayed = foldEvents(cooperationDecider, stored.events.map((recorded) => recorded.event));
        expect(new Set(stored.events.slice(1).map((recorded) => recorded.eventId))).toEqual(acceptedEventIds);
        for (const repository of replicas) {
          const live = await repository.load(cooperationId);
          expect(live.version).toBe(stored.events.length);
          expect(live.state).toEqual(replayed);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
