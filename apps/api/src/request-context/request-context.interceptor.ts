import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { requestContextStorage, type RequestContext } from './request-context';
import { requestContextFromHeaders } from './request-context-headers';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once the request reaches a route handler; absent for requests refused earlier (bad JSON, 404). */
    kontaktContext?: RequestContext;
  }
}

/** Establishes the request context around every route handler, so logs and events written there carry it. */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const requestContext = requestContextFromHeaders(request.id, request.headers);
    request.kontaktContext = requestContext;
    void http.getResponse<FastifyReply>().header('x-correlation-id', requestContext.correlationId);
    return new Observable((subscriber) =>
      requestContextStorage.run(requestContext, () => next.handle().subscribe(subscriber)),
    );
  }
}
