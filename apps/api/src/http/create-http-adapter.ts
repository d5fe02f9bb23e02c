import { randomUUID } from 'node:crypto';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config';

/** Fastify as Nest's HTTP layer: our request ids, our body limit, and our own request log (see configureApp). */
export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    genReqId: () => randomUUID(),
    bodyLimit: config.http.bodyLimitBytes,
    logger: false,
  });
}
