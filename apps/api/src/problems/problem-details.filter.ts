import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { toProblemDetails } from './to-problem-details';

/** Every error a route handler (or Nest's routing) raises is answered as application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const { problem, unexpected } = toProblemDetails(error, request.id);
  request.problemCode = problem.code;
  if (unexpected) logger.error(error instanceof Error ? error : String(error), error instanceof Error ? error.stack : undefined);
  if (problem.status === 503) void reply.header('retry-after', String(problem.retryAfterSeconds ?? 1));
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}
