import net from 'node:net';

describe('unit specs', () => {
  it('cannot open sockets to hosts beyond loopback', () => {
    expect(() => net.connect({ host: '192.0.2.1', port: 80 })).toThrow(/may not reach the network/);
  });

  it('cannot fetch from hosts beyond loopback', async () => {
    const failure = await fetch('http://example.com/').catch((err: Error) => err);
    expect(String((failure as Error & { cause?: unknown }).cause)).toMatch(
      /may not reach the network/,
    );
  });
});
