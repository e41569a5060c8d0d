// An OTLP/HTTP trace endpoint standing in for Jaeger in the live test: it runs
// in a Node container under Jaeger's name on the stack's network, keeps the
// spans it is sent (JSON, as the OpenTelemetry HTTP exporter posts them) and
// hands them back on GET /spans?traceId=... Plain JavaScript: Node runs it as is.
import { createServer } from 'node:http';

const spans = [];
const valueOf = (v) => Object.values(v ?? {})[0];
const attributes = (list = []) => Object.fromEntries(list.map((a) => [a.key, valueOf(a.value)]));

function keep(body) {
  for (const rs of JSON.parse(body).resourceSpans ?? []) {
    const service = String(attributes(rs.resource?.attributes)['service.name']);
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        spans.push({
          service,
          traceId: String(s.traceId),
          spanId: String(s.spanId),
          parentSpanId: String(s.parentSpanId ?? ''),
          name: String(s.name),
          kind: Number(s.kind),
          attributes: attributes(s.attributes),
        });
      }
    }
  }
}

createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://receiver');
    if (req.method === 'POST' && url.pathname === '/v1/traces') {
      keep(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    } else if (req.method === 'GET' && url.pathname === '/spans') {
      const traceId = url.searchParams.get('traceId');
      const found = spans.filter((s) => !traceId || s.traceId === traceId);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(found));
    } else res.writeHead(404).end();
  });
}).listen(4318, '0.0.0.0');
