/** The projector's help texts: `npm run projections -- --help`, and `<command> --help` for each command. */
export const USAGE = `Usage: npm run projections -- <command> [options]

Runs and maintains Kontakt's projections: the read models (timelines, status, graph) built from the event log.

Commands:
  run                 Keep every projection up to date with the event log, until SIGINT or SIGTERM.
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

Logs go to stderr as JSON lines. Exit codes: 0 done, 1 failed, 2 bad arguments or configuration.
`;

export const RUN_USAGE = `Usage: npm run projections -- run

Keeps every projection up to date: builds those that are missing or of an older schema version from the whole
event log first, then follows the log live, applying events in batches (one transaction per batch, checkpoints
included, so a crash loses nothing and applies nothing twice). Runs until SIGINT or SIGTERM, then finishes the
batch in flight and stops. A second signal exits at once.

Run one projector per read-model store, and start the API with PROJECTIONS=off: two processes applying the same
events to one store would apply them twice.
`;

export const REBUILD_USAGE = `Usage: npm run projections -- rebuild <name>|all

Rebuilds a projection (or all, one after another) from the whole event log into shadow tables, then swaps them in
in one transaction; queries keep answering from the old rows until then. Shows progress on stderr and prints a
summary line per projection.

Stop 'npm run projections -- run' first, and start it again after: a rebuild in this process cannot pause live
processing in another. (Where the API runs the projections itself, rebuild through its POST /projections/:name/rebuild.)

Projections: %PROJECTIONS%
`;

export const STATUS_USAGE = `Usage: npm run projections -- status [--json]

Shows, per projection: its state (up-to-date, behind, failed, outdated, not-built), checkpoint (commit/prepare
position in $all), events applied, lag behind the head of the log (events, capped at 10,000, and the age in seconds
of the oldest event not applied) and the last error.

Options:
  --json   Print the status as JSON instead of a table.
`;
