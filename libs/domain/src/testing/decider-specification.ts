import { deepStrictEqual, fail, strictEqual } from 'node:assert/strict';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { Decider, foldEvents } from '../shared/decider';

/**
 * Given/when/then for a decider: `given(history).when(command).then(expectedEvents)` or `.thenThrows(code, field?)`.
 * Uses node:assert so it runs under any test runner; failures show a structural diff.
 */
export function deciderSpecification<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return {
    given(history: readonly Event[]) {
      return {
        when(command: Command) {
          const decide = (): Event[] => decider.decide(command, foldEvents(decider, history));
          return {
            then(expected: readonly Event[]): void {
              const events = decide();
              deepStrictEqual(events, expected);
              // Whatever was decided must also evolve: a decider that emits events it cannot apply is broken.
              foldEvents(decider, [...history, ...events]);
            },
            thenThrows(code: DomainErrorCode, field?: string): void {
              let events: Event[];
              try {
                events = decide();
              } catch (error) {
                if (!(error instanceof DomainError)) throw error;
                strictEqual(error.code, code, `expected ${code} but got ${error.code}: ${error.message}`);
                if (field !== undefined) strictEqual(error.field, field, `expected field ${field}: ${error.message}`);
                return;
              }
              fail(`expected ${code} but the command was accepted with ${JSON.stringify(events)}`);
            },
          };
        },
      };
    },
  };
}
