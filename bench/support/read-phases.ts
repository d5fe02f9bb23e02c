import { FORWARDS, START, type EventStoreDBClient } from '@eventstore/db-client';
import type { PhaseWork } from './phase-measurement';

/** Reads all of `$all` forwards in one call, as a projection rebuild would, counting the events received. */
export async function readAllEvents(client: EventStoreDBClient): Promise<PhaseWork> {
  let events = 0;
  for await (const resolved of client.readAll({ fromPosition: START, direction: FORWARDS })) {
    if (resolved.event) events++;
  }
  return { events, calls: 1 };
}

/** A catch-up subscription to `$all` from the start, until it has delivered `expected` events. */
export function catchUpSubscription(client: EventStoreDBClient, expected: number): Promise<PhaseWork> {
  return new Promise((resolve, reject) => {
    let events = 0;
    const subscription = client.subscribeToAll({ fromPosition: START });
    subscription.on('data', (resolved) => {
      if (!resolved.event || ++events !== expected) return;
      subscription.unsubscribe().then(() => resolve({ events, calls: 1 }), reject);
    });
    subscription.on('error', reject);
    subscription.on('end', () => {
      if (events < expected) reject(new Error(`subscription ended after ${events} of ${expected} events`));
    });
  });
}
