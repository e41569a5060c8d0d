import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Which sockets of a server are mid-request and which have answered at least
 * once. Node's own closeIdleConnections() also closes sockets that were just
 * accepted and whose request has not been read yet; closing those resets a
 * request a proxy has already sent, which it will not retry for a POST. So the
 * drain closes only sockets that are idle *after* a response.
 */
export class ConnectionTracker {
  private readonly open = new Set<Socket>();
  private readonly busy = new Set<Socket>();
  private readonly served = new WeakSet<Socket>();

  constructor(server: Server) {
    server.on('connection', (socket: Socket) => {
      this.open.add(socket);
      socket.once('close', () => {
        this.open.delete(socket);
        this.busy.delete(socket);
      });
    });
    server.on('request', (req, res) => {
      const socket = req.socket;
      this.busy.add(socket);
      res.once('close', () => {
        this.busy.delete(socket);
        this.served.add(socket);
      });
    });
  }

  /** Ends keep-alive sockets that have answered and sit idle; leaves the rest to finish. */
  closeIdleServed(): void {
    for (const socket of this.open) {
      if (this.served.has(socket) && !this.busy.has(socket)) socket.destroy();
    }
  }

  get size(): number {
    return this.open.size;
  }
}
