import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Credential } from '../auth/credential';
import { requestContextStorage, type RequestContext } from './request-context';
import { ANONYMOUS_ACTOR, requestContextFromHeaders } from './request-context-headers';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once the request has been parsed; absent for requests refused earlier (bad JSON, oversize body). */
    kontaktContext?: RequestContext;
    /** The code of the problem the request was answered with, for its log line. */
    problemCode?: string;
    /** What the Authorization header proved, set by the authentication hook before anything else looks at the request. */
    kontaktCredential?: Credential;
  }
}

/**
 * A Fastify preHandler hook: builds the request context from the authenticated caller and the headers and runs the
 * rest of the request (the route handler) inside it, so every log line and event written there carries it. A
 * malformed header ends the request with a 400 through the error handler. (A hook rather than a Nest interceptor: one AsyncLocalStorage.run per
 * request instead of an rxjs pipeline and AsyncResource bindings, measurably cheaper per request.)
 */
export function establishRequestContext(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  let context: RequestContext;
  try {
    const credential = request.kontaktCredential;
    context = requestContextFromHeaders(request.id, request.headers, credential?.kind === 'caller' ? credential.actor : ANONYMOUS_ACTOR);
  } catch (error) {
    done(error as Error);
    return;
  }
  request.kontaktContext = context;
  void reply.header('x-correlation-id', context.correlationId);
  requestContextStorage.run(context, done);
}
