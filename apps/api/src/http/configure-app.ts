import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemDetailsFilter } from '../problems/problem-details.filter';
import { createValidationPipe } from '../problems/validation-errors';
import { establishRequestContext } from '../request-context/request-context.hook';
import { setUpOpenApi } from './open-api';

/**
 * Everything about the HTTP edge that is not a route: validation, problem documents, request context, the request
 * log and the OpenAPI document. main.ts and the API tests both call this, so tests exercise the real setup.
 */
export function configureApp(app: NestFastifyApplication): void {
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  const logger = new Logger('Http');
  const fastify = app.getHttpAdapter().getInstance();
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

  setUpOpenApi(app);
}
