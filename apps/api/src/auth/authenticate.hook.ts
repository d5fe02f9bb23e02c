import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Authenticator } from './authenticator';

/**
 * A Fastify onRequest hook: works out what the Authorization header proves, before the body is read, and leaves it
 * on the request for the context hook (who acts) and the guards (may they). API tokens are checked synchronously;
 * only an OIDC JWT waits (for the issuer's keys, fetched once and cached).
 */
export function authenticateRequests(authenticator: Authenticator) {
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const header = request.headers.authorization;
    const outcome = authenticator.authenticate(header);
    if (!(outcome instanceof Promise)) {
      request.kontaktCredential = outcome;
      done();
      return;
    }
    outcome.then(
      (credential) => {
        request.kontaktCredential = credential;
        done();
      },
      (error: unknown) => done(error as Error),
    );
  };
}
