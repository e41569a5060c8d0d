import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads';

export type SyncRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  timeoutMs: number;
};

export type SyncResponse = {
  status: number;
  headers: Record<string, string>;
  body: string;
  durationMs: number;
  /** Set when no answer came (refused, reset, timed out): k6 then reports status 0. */
  error: string | null;
};

/*
 * k6's http calls are synchronous; Node's fetch is not. The worker runs fetch on its own
 * event loop while this thread waits on a shared flag, then the answer is read off a port
 * without yielding. The server must therefore not run on this thread.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { port, flag } = workerData;
parentPort.on('message', async (req) => {
  const started = performance.now();
  let answer;
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    const body = await res.text();
    answer = { status: res.status, headers: Object.fromEntries(res.headers), body, durationMs: performance.now() - started, error: null };
  } catch (err) {
    const cause = err && err.cause ? ': ' + (err.cause.code || err.cause.message) : '';
    answer = { status: 0, headers: {}, body: '', durationMs: performance.now() - started, error: String(err && err.message) + cause };
  }
  port.postMessage(answer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

export class SyncFetch {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { port: port2, flag: this.flag },
      transferList: [port2],
    });
    this.worker.unref();
  }

  request(req: SyncRequest): SyncResponse {
    // A late answer to an earlier, timed-out request must not be taken for this one.
    while (receiveMessageOnPort(this.port)) continue;
    Atomics.store(this.flag, 0, 0);
    this.worker.postMessage(req);
    // The worker always answers: fetch itself is bounded by the request timeout.
    Atomics.wait(this.flag, 0, 0, req.timeoutMs + 5_000);
    const received = receiveMessageOnPort(this.port);
    if (!received)
      return {
        status: 0,
        headers: {},
        body: '',
        durationMs: req.timeoutMs,
        error: 'no answer from the fetch worker',
      };
    return received.message as SyncResponse;
  }

  async close(): Promise<void> {
    this.port.close();
    await this.worker.terminate();
  }
}
