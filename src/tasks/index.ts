/**
 * Turns of the event loop. Long jobs on a page (a notebook cell's generator, a separation's model
 * batches) run in pieces and give the page, and messages from workers, a turn between them: an
 * `await` of a settled promise only yields to microtasks, so without a task boundary a worker's
 * answers and the page's clicks wait until the whole job is done. No tfjs here: the notebook imports
 * it before any backend loads.
 */

/** The next macrotask: setImmediate in Node; a MessageChannel message on a page. */
export const nextTask: () => Promise<void> =
  typeof setImmediate === "function"
    ? () => new Promise((resolve) => setImmediate(resolve))
    : () =>
        new Promise((resolve) => {
          // Not setTimeout: browsers throttle it to once a second in background tabs.
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve();
          channel.port2.postMessage(null);
        });
