import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { CommandContext } from './command-context';
import { expectedVersionFrom, idempotencyKeyFrom, requestFingerprint } from './command-preconditions';

/** The CommandContext of the request: actor and ids from the request context, If-Match and Idempotency-Key headers. */
export const CommandContextOf = createParamDecorator((_data: unknown, execution: ExecutionContext): CommandContext => {
  const request = execution.switchToHttp().getRequest<FastifyRequest>();
  const context = request.kontaktContext;
  // The preHandler hook sets it on every request that reaches a route; a route without it is a wiring mistake.
  if (context === undefined) throw new Error(`request ${request.id} reached a command without its request context`);
  const body = request.body as { reason?: unknown } | undefined;
  const idempotencyKey = idempotencyKeyFrom(request.headers);
  const expectedVersion = expectedVersionFrom(request.headers);
  return {
    actor: context.actor,
    requestId: context.requestId,
    correlationId: context.correlationId,
    causationId: context.requestId,
    // Only a keyed command needs the digest of its request.
    ...(idempotencyKey === undefined ? {} : { idempotency: { key: idempotencyKey, fingerprint: requestFingerprint(request.method, request.url, body ?? null) } }),
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
    ...(typeof body?.reason === 'string' && body.reason.trim() !== '' ? { reason: body.reason } : {}),
  };
});
