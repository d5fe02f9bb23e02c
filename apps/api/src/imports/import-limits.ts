/**
 * How much one import takes. A file is checked as a whole in memory before anything is appended, then appended one
 * row (one durable append through the command path) at a time within the request, so both limits bound the memory
 * and the time of one request: 2,000 rows took 13 s to check and 39 s to check and append on the project's 2-core
 * machine (shared with other work at the time), inside the minute a client waits. Bigger histories are imported in
 * parts, each idempotent on its own.
 */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 2_000;
