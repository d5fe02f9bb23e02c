import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Histogram, Registry } from 'prom-client';
import type { Subscription } from 'rxjs';
import { requestContextStorage, type RequestContext } from '../request-context/request-context';

// From a cached decide-and-append (a few ms) to a busy API under load (hundreds of ms, see README, Benchmark).
const COMMAND_BUCKETS = [0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Dispatched {
  command: string;
  startedAt: number;
}

/**
 * How long commands take and how they end, by command and outcome. Observed from the outside: every command of the
 * API is sent on the Nest command bus while its request is being served, so subscribing to the bus tells which
 * request carries which command, and the answer to the request tells the outcome (2xx accepted, 4xx refused, 5xx
 * failed). A request refused before it became a command (400 for a malformed body, 401, 403) is not a command; the
 * HTTP metrics count it.
 */
@Injectable()
export class CommandMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly duration: Histogram<'command' | 'outcome' | 'status_class'>;
  // Keyed by the request's context object: forgotten with the request, whatever becomes of it.
  private readonly dispatched = new WeakMap<RequestContext, Dispatched>();
  private subscription?: Subscription;

  constructor(
    registry: Registry,
    private readonly commandBus: CommandBus,
  ) {
    this.duration = new Histogram({
      name: 'kontakt_command_duration_seconds',
      help: 'Commands from dispatch to answer, by command (RecordMeeting, GrantAccess...) and outcome: accepted (2xx), refused (4xx), failed (5xx)',
      labelNames: ['command', 'outcome', 'status_class'],
      buckets: COMMAND_BUCKETS,
      registers: [registry],
    });
  }

  onModuleInit(): void {
    // The bus publishes synchronously, inside the request context of whoever executes the command.
    this.subscription = this.commandBus.subscribe((sent: object) => {
      const context = requestContextStorage.getStore();
      if (context !== undefined) this.dispatched.set(context, { command: commandNameOf(sent), startedAt: performance.now() });
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** The request with this context was answered with `statusCode`: if it carried a command, that is its outcome. */
  answered(context: RequestContext | undefined, statusCode: number): void {
    const dispatched = context && this.dispatched.get(context);
    if (dispatched === undefined) return;
    this.dispatched.delete(context!);
    const statusClass = `${Math.floor(statusCode / 100)}xx`;
    const outcome = statusCode < 400 ? 'accepted' : statusCode < 500 ? 'refused' : 'failed';
    this.duration.observe({ command: dispatched.command, outcome, status_class: statusClass }, (performance.now() - dispatched.startedAt) / 1000);
  }
}

/** The domain command's type (`RecordMeeting`), which every bus command of the API carries; else the class name. */
function commandNameOf(sent: object): string {
  const type = (sent as { command?: { type?: unknown } }).command?.type;
  return typeof type === 'string' ? type : sent.constructor.name;
}
