/** The projector's help texts: `npm run projections -- --help`, and `<command> --help` for each command. */
export const USAGE = `Usage: npm run projections -- <command> [options]

Runs and maintains Kontakt's projections: the read models (timelines, status, graph) built from the event log.

Commands:
  run [<name>...]     Keep the projections (all, or those named) up to date with the event log, until SIGINT or
                      SIGTERM. Several workers may run side by side: one runs each projection, the others stand by.
  rebuild <name>|all  Rebuild projections from the whole event log, then swap them in.
  status [--json]     Show each projection's state, checkpoint, events applied, lag and last error.

Options:
  -h, --help          Show this help, or a command's help: npm run projections -- rebuild --help

Environment:
  EVENTSTORE_CONNECTION_STRING  Event store to read (esdb:// or esdb+discover://). Unset: the embedded node with
                                its log in <DATA_DIR>/event-store, which the API must not be running on.
  READ_MODEL_URL                Read-model store (postgres:// or postgresql://). Unset: SQLite at
                                <DATA_DIR>/read-model.sqlite.
  DATA_DIR                      Folder for local state (default ./data).
  LOG_LEVEL                     fatal, error, warn, info (default), debug, trace or silent.
  PROJECTION_LEASE_TTL_MS       How long a projection's lease lasts unrenewed (default 15000): a standby takes over
                                from a worker that died after at most this and a third more.
  METRICS_PORT                  'run' serves Prometheus metrics at http://<METRICS_HOST>:<port>/metrics (0: any
                                free port, logged). Unset or off: none.
  METRICS_HOST                  Interface of the metrics endpoint (default 127.0.0.1).
  METRICS_TOKEN                 When set, a scrape must send Authorization: Bearer <METRICS_TOKEN>.

Logs go to stderr as JSON lines. Exit codes: 0 done, 1 failed, 2 bad arguments or configuration.
`;

export const RUN_USAGE = `Usage: npm run projections -- run [<name>...]

Keeps the projections up to date (all of them, or those named): builds those that are missing or of an older schema
version from the whole event log first, then follows the log live, applying events in batches (one transaction per
batch, checkpoints included, so a crash loses nothing and applies nothing twice). Runs until SIGINT or SIGTERM, then
finishes the batch in flight, releases its leases and stops. A second signal exits at once.

Run as many workers as you like beside each other (and beside APIs with PROJECTIONS=on): each projection is run by
the one process holding its lease in the read-model database, and every batch proves it still holds it when it
commits. The others stand by, polling every PROJECTION_LEASE_TTL_MS/3, and take over from the checkpoint when the
owner stops (at once) or dies (after at most the TTL). Naming projections splits the work: 'run timeline' on one
machine, 'run status graph audit' on another, two of each for failover. If the event store goes away, the worker
resubscribes from its checkpoints with growing delays (up to 5 s) until it is back.

Projections: %PROJECTIONS%
`;

export const REBUILD_USAGE = `Usage: npm run projections -- rebuild <name>|all

Rebuilds a projection (or all, one after another) from the whole event log into shadow tables, then swaps them in
in one transaction; queries keep answering from the old rows until then. Shows progress on stderr and prints a
summary line per projection.

A rebuild takes the projection's lease and holds it until it has swapped in, so no worker runs the projection
meanwhile; while a worker (or an API) holds it, the rebuild is refused, naming that process. Rebuild through the API
that runs it (POST /projections/:name/rebuild), or stop the workers that run it, rebuild, and start them again.

Projections: %PROJECTIONS%
`;

export const STATUS_USAGE = `Usage: npm run projections -- status [--json]

Shows, per projection: its state (up-to-date, behind, failed, outdated, not-built), checkpoint (commit/prepare
position in $all), events applied, lag behind the head of the log (events, capped at 10,000, and the age in seconds
of the oldest event not applied) and the last error.

Options:
  --json   Print the status as JSON instead of a table.
`;
