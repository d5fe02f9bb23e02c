// The client's own parser, so that what we accept is exactly what `EventStoreDBClient.connectionString` will read.
// It is not part of the package's public index; the package has no `exports` map, and 6.2.1 is pinned.
import { parseConnectionString } from '@eventstore/db-client/dist/Client/parseConnectionString';

/** The schemes @eventstore/db-client 6 parses; KurrentDB servers accept this client too. */
export const CONNECTION_STRING_SCHEMES = ['esdb://', 'esdb+discover://'] as const;

/**
 * Why `text` would not connect the way it reads, as the end of a sentence that starts with the variable's name
 * (`EVENTSTORE_CONNECTION_STRING <problem>`), or undefined when @eventstore/db-client 6 takes it as meant.
 * Credentials never appear in the answer. Files it names (`tlsCAFile`, ...) are not looked at here: the client
 * reads them when it is created.
 */
export function connectionStringProblem(text: string): string | undefined {
  if (!CONNECTION_STRING_SCHEMES.some((scheme) => text.startsWith(scheme))) {
    return `must start with ${CONNECTION_STRING_SCHEMES.join(' or ')}, got '${withoutPassword(text)}'`;
  }
  let options: ReturnType<typeof parseConnectionString>;
  try {
    options = parseConnectionString(text);
  } catch (error) {
    // The parser's message names the position and what it expected, never the whole string.
    return `is not a connection string @eventstore/db-client can read: ${(error as Error).message}`;
  }
  if (options.dnsDiscover && options.hosts.length > 1) {
    // The client asks only the first host of an esdb+discover:// list for gossip; the others would be silently
    // unused, and the cluster unreachable whenever that one node is down.
    const hosts = options.hosts.map(({ address, port }) => `${address}:${port}`).join(',');
    return (
      `lists ${options.hosts.length} hosts after esdb+discover://, but the client asks only the first one for gossip; ` +
      `give them as gossip seeds (esdb://${hosts}?...) or give one DNS name that resolves to every node (esdb+discover://<name>:<port>?...)`
    );
  }
  if (options.tlsVerifyCert === false) {
    return "sets tlsVerifyCert=false, which @eventstore/db-client 6 ignores: pass the cluster's CA certificate with tlsCAFile=<path> instead";
  }
  return undefined;
}

/** The connection string with its password masked, fit for an error message or a log line. */
export function withoutPassword(text: string): string {
  return text.replace(/^([^:/?#]+:\/\/[^:@/?#]*:)[^@/?#]*@/, '$1***@');
}
