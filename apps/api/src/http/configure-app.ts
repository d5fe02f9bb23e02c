import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticateRequests } from '../auth/authenticate.hook';
import { Authenticator } from '../auth/authenticator';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ProblemDetailsFilter } from '../problems/problem-details.filter';
import { CommandMetrics } from '../metrics/command-metrics';
import { HttpMetrics } from '../metrics/http-metrics';
import { registerHttpMetrics } from '../metrics/http-metrics.hook';
import { createValidationPipe } from '../problems/validation-errors';
import { serveWebPage } from '../pictures/web-page';
import { establishRequestContext } from '../request-context/request-context.hook';
import { registerShutdownGate } from '../shutdown/shutdown-gate.hook';
import { ShutdownState } from '../shutdown/shutdown-state';
import { setUpOpenApi } from './open-api';

/**
 * Everything about the HTTP edge that is not a route: security headers, CORS, authentication, validation, problem
 * documents, request context, the request log and the OpenAPI document. main.ts and the API tests both call this,
 * so tests exercise the real setup.
 */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  // helmet's defaults (HSTS, nosniff, frame-ancestors 'none' via CSP, no referrer...) suit a JSON API; the CSP
  // additionally lets the /docs page run Swagger UI's own script and inline styles from this origin.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], frameAncestors: ["'none'"] },
    },
  });
  // Off unless CORS_ORIGINS names origins: without CORS headers browsers keep other sites' pages from calling us.
  if (config.http.corsOrigins.length > 0) {
    await app.register(cors, { origin: config.http.corsOrigins, exposedHeaders: ['ETag', 'Location', 'X-Request-Id', 'X-Correlation-Id', 'Retry-After'], maxAge: 600 });
  }

  const logger = new Logger('Http');
  const fastify = app.getHttpAdapter().getInstance();
  // Before authentication: a draining API refuses new requests at once, and counts the ones it admits.
  registerShutdownGate(fastify, app.get(ShutdownState));
  registerHttpMetrics(fastify, app.get(HttpMetrics), app.get(CommandMetrics));
  fastify.addHook('onRequest', authenticateRequests(app.get(Authenticator)));
  // Commands take JSON only; any other body type is refused with 415 rather than handed on as a string.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('preHandler', establishRequestContext);
  // One line per request, with the ids of its context, written when the answer has gone out.
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const context = request.kontaktContext;
    logger.log({
      msg: 'request completed',
      requestId: request.id,
      correlationId: context?.correlationId ?? request.id,
      actor: context?.actor.id,
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      ...(request.problemCode === undefined ? {} : { problem: request.problemCode }),
      responseTimeMs: Math.round(reply.elapsedTime * 100) / 100,
    });
    done();
  });

  serveWebPage(app);
  setUpOpenApi(app);
}
