import { connectionStringProblem, withoutPassword } from './connection-string';

describe('connectionStringProblem', () => {
  it.each([
    ['a single node without TLS', 'esdb://localhost:2113?tls=false'],
    ['gossip seeds with credentials and a private CA', 'esdb://admin:changeit@node1:2113,node2:2113,node3:2113?tls=true&tlsCAFile=/etc/kontakt/ca.crt'],
    ['discovery through one DNS name', 'esdb+discover://admin:s3cr%40t@kurrentdb:2113?tls=true&tlsCAFile=certs/ca.crt&nodePreference=leader'],
    ['discovery with its timing options', 'esdb+discover://cluster.example.org:2113?maxDiscoverAttempts=20&discoveryInterval=500&gossipTimeout=5'],
    ['a client certificate', 'esdb://node1:2113?tlsCAFile=/ca.crt&userCertFile=/user.crt&userKeyFile=/user.key'],
  ])('accepts %s', (_, text) => {
    expect(connectionStringProblem(text)).toBeUndefined();
  });

  it('refuses another scheme, naming both it accepts and hiding the password', () => {
    expect(connectionStringProblem('kurrentdb://admin:hunter2@localhost:2113')).toBe(
      "must start with esdb:// or esdb+discover://, got 'kurrentdb://admin:***@localhost:2113'",
    );
  });

  it("refuses what the client's parser cannot read, with the parser's reason", () => {
    expect(connectionStringProblem('esdb://localhost:2113?tls=maybe')).toBe(
      'is not a connection string @eventstore/db-client can read: Unexpected "maybe" at position 26, expected true or false.',
    );
    expect(connectionStringProblem('esdb://admin:hunter2@')).toMatch(/^is not a connection string @eventstore\/db-client can read: .*expected host/);
  });

  it('refuses several hosts after esdb+discover://, of which the client would only ever ask the first', () => {
    const problem = connectionStringProblem('esdb+discover://admin:hunter2@node1:2113,node2:2113,node3:2113?tls=true');

    expect(problem).toMatch(/^lists 3 hosts after esdb\+discover:\/\/, but the client asks only the first one for gossip/);
    expect(problem).toContain('esdb://node1:2113,node2:2113,node3:2113?...');
    expect(problem).not.toContain('hunter2');
  });

  it('refuses tlsVerifyCert=false, which the client ignores, and says what to use instead', () => {
    // The client's parser warns on the console about it as well; that is its own output, not what is asserted here.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(connectionStringProblem('esdb://localhost:2111,localhost:2112?tls=true&tlsVerifyCert=false')).toMatch(/tlsVerifyCert=false.*tlsCAFile=<path>/);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('withoutPassword', () => {
  it.each([
    ['esdb://admin:changeit@node1:2113?tls=true', 'esdb://admin:***@node1:2113?tls=true'],
    ['postgres://kontakt:p%40ss@db/kontakt', 'postgres://kontakt:***@db/kontakt'],
    ['esdb://node1:2113?tls=true', 'esdb://node1:2113?tls=true'],
    ['esdb://admin@node1:2113', 'esdb://admin@node1:2113'],
  ])('turns %p into %p', (text, masked) => {
    expect(withoutPassword(text)).toBe(masked);
  });
});
