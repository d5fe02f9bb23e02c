import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { Problem } from '../problems/problem';
import { sendProblem } from '../problems/problem-details.filter';
import type { ShutdownState } from './shutdown-state';

/** Probes and scrapes keep their answers while draining: readiness says 503 and why, liveness stays 200. */
const ANSWERED_WHILE_DRAINING = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/**
 * Fastify hooks for a graceful shutdown: once it began, a new request is answered 503 SHUTTING_DOWN at once (before
 * authentication and before its body is read, so it does nothing), and every answer carries `Connection: close`, so
 * clients take their next request elsewhere and the server's connections end. Every admitted request is counted in
 * flight until its response is done (or its connection dropped), which is what the shutdown waits for.
 */
export function registerShutdownGate(fastify: FastifyInstance, state: ShutdownState): void {
  const logger = new Logger('Shutdown');
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (state.shuttingDown && !ANSWERED_WHILE_DRAINING.has(request.routeOptions.url ?? '')) {
      void reply.header('connection', 'close');
      sendProblem(
        new Problem(503, 'SHUTTING_DOWN', 'this API instance is shutting down and takes no new requests; nothing was done, retry (another instance answers)', undefined, undefined, {
          retryAfterSeconds: 1,
        }),
        request,
        reply,
        logger,
      );
      return;
    }
    // 'close' comes when the response is done or the connection dropped before it: never missed, whatever the route.
    reply.raw.once('close', state.track());
    done();
  });
  fastify.addHook('onSend', (_request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void) => {
    if (state.shuttingDown) void reply.header('connection', 'close');
    done(null, payload);
  });
}
