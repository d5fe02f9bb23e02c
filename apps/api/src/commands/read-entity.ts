import type { FastifyReply } from 'fastify';
import { entityTag } from './command-preconditions';

/** What a read needs of a repository: the entity rebuilt from its stream, or a 404 naming it. */
interface EntitySource<S> {
  require(id: string): Promise<{ state: S; version: number }>;
  streamOf(id: string): string;
}

/**
 * Answers a read-by-id: the entity as its stream tells it, with its version as ETag. `present` turns the state into the
 * response, or gives undefined for a stream that does not begin with the entity's first event (a fault, not a 404).
 */
export async function readEntity<S, D>(
  source: EntitySource<S>,
  id: string,
  reply: FastifyReply,
  present: (state: S, version: number) => D | undefined,
): Promise<D> {
  const { state, version } = await source.require(id);
  const answer = present(state, version);
  if (answer === undefined) throw new Error(`${source.streamOf(id)} has events but not the one that records the entity`);
  void reply.header('etag', entityTag(version));
  return answer;
}
