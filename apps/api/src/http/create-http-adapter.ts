import { randomUUID } from 'node:crypto';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config';

/** Fastify as Nest's HTTP layer: our request ids, our body limit, and our own request log (see configureApp). */
export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    genReqId: () => randomUUID(),
    bodyLimit: config.http.bodyLimitBytes,
    logger: false,
    // Fastify's own answer to requests that arrive while it closes is a bare 503 without our problem document; the
    // shutdown gate (shutdown/shutdown-gate.hook.ts) answers those with 503 SHUTTING_DOWN instead.
    return503OnClosing: false,
  });
}
