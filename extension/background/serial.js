// @ts-check
// One writer at a time for a family of storage keys: each read-modify-write runs after the last one ended, so
// two events close together (two clicks, a report overlapping a start) never drop each other's write. The
// background is one instance, so a queue in memory is enough; after it restarts, nothing is left half-written
// that the next write doesn't read afresh.

/** A queue: `run(work)` resolves with `work()`'s result once every earlier `work` has settled.
 * @returns {<T>(work: () => Promise<T>) => Promise<T>} */
export function serial() {
  /** @type {Promise<unknown>} */
  let tail = Promise.resolve();
  return (work) => {
    const run = tail.then(work, work);
    tail = run.catch(() => {});
    return run;
  };
}
