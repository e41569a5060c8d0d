import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface SendOptions {
  method: string;
  headers: Record<string, string>;
  body?: string;
  agent: Agent;
  signal: AbortSignal;
}

export interface Received {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * A pool of keep-alive connections to one upstream. The most recently used
 * connection goes first, so idle ones age out instead of racing the server's
 * keep-alive timeout.
 */
export function keepAliveAgentFor(baseUrl: string): Agent {
  const options = { keepAlive: true, scheduling: 'lifo' as const };
  return new URL(baseUrl).protocol === 'https:' ? new HttpsAgent(options) : new Agent(options);
}

/** One HTTP exchange: the whole answer as text, or a rejection (network, abort, cut short). */
export function send(url: URL, opts: SendOptions): Promise<Received> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers =
    opts.body === undefined
      ? opts.headers
      : { ...opts.headers, 'content-length': String(Buffer.byteLength(opts.body)) };
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: opts.method, headers, agent: opts.agent, signal: opts.signal },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        res.on('error', reject);
        res.on('close', () => {
          if (!res.complete) reject(new Error('the upstream closed the connection mid-answer'));
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}
