import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { securityHeaders } from './security-headers';

const headersOf = async (middleware: express.RequestHandler) => {
  const app = express();
  app.disable('x-powered-by');
  app.use(middleware);
  app.get('/', (_req, res) => {
    res.send('ok');
  });
  const { headers } = await request(app).get('/');
  const { date: _date, etag: _etag, ...rest } = headers;
  return rest;
};

describe('securityHeaders', () => {
  it('sets exactly the headers helmet sets', async () => {
    const replayed = await headersOf(securityHeaders());
    expect(replayed).toEqual(await headersOf(helmet()));
    expect(replayed).toMatchObject({
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'strict-transport-security': expect.stringContaining('max-age='),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
    });
  });

  it('follows the options it is given', async () => {
    const headers = await headersOf(securityHeaders({ frameguard: { action: 'deny' } }));
    expect(headers['x-frame-options']).toBe('DENY');
  });
});
