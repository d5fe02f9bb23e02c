import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { CommandMetrics } from './command-metrics';
import type { HttpMetrics } from './http-metrics';

/** Measures every request once its response is sent: its HTTP metrics, and its command's when it carried one. */
export function registerHttpMetrics(fastify: FastifyInstance, http: HttpMetrics, commands: CommandMetrics): void {
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    http.answered(request, reply);
    commands.answered(request.kontaktContext, reply.statusCode);
    done();
  });
}
