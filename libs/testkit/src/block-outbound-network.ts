import net from 'node:net';

/**
 * Unit specs (*.spec.ts) must not reach the network: any socket to a host
 * other than loopback fails the spec that opened it. API tests (*.test.ts)
 * are left alone, since their Redis may live on another host.
 */
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', undefined]);

const isUnitSpec = /\.spec\.tsx?$/.test(expect.getState().testPath ?? '');

if (isUnitSpec) {
  const original = net.Socket.prototype.connect;
  // Node passes either (options | port, host?, cb?) or one pre-normalised [options, cb] array.
  const hostOf = (args: unknown[]): string | undefined => {
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    if (typeof first === 'object' && first !== null) {
      const options = first as { host?: string; path?: string };
      return options.path ? undefined : options.host;
    }
    return typeof args[1] === 'string' ? args[1] : undefined;
  };

  net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]) {
    const host = hostOf(args);
    if (!LOOPBACK.has(host)) {
      throw new Error(`unit specs may not reach the network (tried ${host})`);
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;

  afterAll(() => {
    net.Socket.prototype.connect = original;
  });
}
