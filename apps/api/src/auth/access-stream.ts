import { streamName } from '@app/event-store';

/**
 * Every grant and revocation of access is one event in this one stream: few events, all needed at start-up, and one
 * stream gives one order and one expected revision (two replicas bootstrapping race on it, and only one wins).
 */
export const ACCESS_AGGREGATE = { category: 'access', id: 'tokens' } as const;
export const ACCESS_STREAM = streamName(ACCESS_AGGREGATE.category, ACCESS_AGGREGATE.id);
