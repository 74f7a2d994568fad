/**
 * Runs async sections one at a time. tfjs has one active backend per page; a
 * section that sets a backend and then awaits (a probe, a group of steps, a view
 * read) must not interleave with another that sets a different one.
 */
export function createMutex() {
  let tail: Promise<unknown> = Promise.resolve();
  return function exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

export type Exclusive = ReturnType<typeof createMutex>;
