/**
 * A worker thread that dies with a message in hand, for the store's threads (the SQLite query thread, the
 * ledger's writer): the next message that `matches` terminates the thread it is sent to, and is then sent as
 * usual (so whatever it carries is handed over, as to a thread that took it and died), never to be answered.
 */
import { Worker } from 'node:worker_threads';

/** Terminates the thread of each message that `matches` until `restore`; `killed` counts them. */
export function killThreadsOn(matches: (message: unknown) => boolean): { restore(): void; killed(): number } {
  const descriptor = Object.getOwnPropertyDescriptor(Worker.prototype, 'postMessage');
  const send = descriptor?.value as (this: Worker, message: unknown, transfer?: never) => void;
  let killed = 0;
  Worker.prototype.postMessage = function (this: Worker, message: unknown, transfer?: never) {
    if (matches(message)) {
      killed += 1;
      void this.terminate();
    }
    send.call(this, message, transfer);
  };
  return {
    restore: () => Object.defineProperty(Worker.prototype, 'postMessage', descriptor!),
    killed: () => killed,
  };
}
