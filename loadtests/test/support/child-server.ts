import { spawn, type ChildProcess } from 'node:child_process';

/*
 * A small HTTP server in its own process: the k6 shim blocks this thread while it waits
 * for an answer, so a server on this thread could never reply.
 */
const SERVER_SOURCE = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/json') {
      res.writeHead(200, { 'content-type': 'application/json', 'x-custom-thing': 'yes' });
      return res.end(JSON.stringify({ hello: 'world' }));
    }
    if (url.pathname === '/echo') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ method: req.method, headers: req.headers, body }));
    }
    if (url.pathname.startsWith('/status/')) {
      res.writeHead(Number(url.pathname.slice(8)), { 'content-type': 'text/plain' });
      return res.end('status');
    }
    if (url.pathname === '/slow') {
      return setTimeout(() => res.end('late'), 2000);
    }
    res.writeHead(404);
    res.end();
  });
});
server.listen(0, '127.0.0.1', () => console.log(String(server.address().port)));
`;

export type ChildServer = { url: string; stop: () => Promise<void> };

export function startChildServer(): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, ['-e', SERVER_SOURCE], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`test server exited early (${code})`)));
    child.stdout?.once('data', (chunk: Buffer) => {
      const url = `http://127.0.0.1:${chunk.toString().trim()}`;
      resolve({
        url,
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
