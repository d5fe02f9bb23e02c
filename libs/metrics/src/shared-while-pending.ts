/**
 * `read`, called at most once at a time: callers that come while a call is pending share its promise; the next
 * caller after it settled starts a fresh one. What several gauges collected in one scrape need: one snapshot, never
 * a stale one.
 */
export function sharedWhilePending<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (pending === undefined) {
      const started = read();
      pending = started;
      const clear = () => {
        if (pending === started) pending = undefined;
      };
      started.then(clear, clear);
    }
    return pending;
  };
}
