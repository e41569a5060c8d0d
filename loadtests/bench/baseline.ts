import { spawn } from 'node:child_process';

/*
 * The yardstick: a bare Node http server that answers every request with a fixed JSON body
 * of the same size as the catalog list. It runs in its own process, as each service does,
 * so the load generator and the server do not share an event loop.
 */
const SOURCE = `
const http = require('node:http');
const size = Number(process.argv[1]);
const item = { id: '00000000-0000-4000-8000-000000000000', name: 'Baseline product', priceCents: 1999 };
const items = [];
while (JSON.stringify({ items, nextCursor: null }).length < size) items.push(item);
const body = JSON.stringify({ items, nextCursor: null });
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 65000;
server.listen(Number(process.argv[2] ?? 0), process.argv[3] ?? '127.0.0.1', () => console.log(String(server.address().port)));
process.on('SIGTERM', () => process.exit(0));
`;

/** The bare server's source, for running it elsewhere (in a container): args are body size, port, host. */
export const BARE_SERVER_SOURCE = SOURCE;

/* The same, as a bare Express app: the yardstick for a service, which runs on Express too. */
const EXPRESS_SOURCE = `
const express = require('express');
const size = Number(process.argv[1]);
const item = { id: '00000000-0000-4000-8000-000000000000', name: 'Baseline product', priceCents: 1999 };
const items = [];
while (JSON.stringify({ items, nextCursor: null }).length < size) items.push(item);
const app = express();
app.get('/', (_req, res) => res.json({ items, nextCursor: null }));
const server = app.listen(0, '127.0.0.1', () => console.log(String(server.address().port)));
server.keepAliveTimeout = 65000;
process.on('SIGTERM', () => process.exit(0));
`;

export type Baseline = { url: string; stop: () => void };

export const startBaseline = (bodyBytes: number) => startChild(SOURCE, bodyBytes);
export const startExpressBaseline = (bodyBytes: number) => startChild(EXPRESS_SOURCE, bodyBytes);

async function startChild(source: string, bodyBytes: number): Promise<Baseline> {
  const child = spawn(process.execPath, ['-e', source, String(bodyBytes)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`baseline server exited (${code})`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
  });
  child.removeAllListeners('exit');
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}
