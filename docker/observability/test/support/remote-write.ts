/**
 * Prometheus remote write, as k6's experimental-prometheus-rw output sends it:
 * a protobuf WriteRequest, snappy-compressed. k6 cannot run here, so the test
 * writes samples under k6's metric names through the same receiver.
 */
export interface Series {
  labels: Record<string, string>;
  samples: Array<{ value: number; timestamp: number }>;
}

function varint(n: number): number[] {
  const out: number[] = [];
  let v = BigInt(n);
  while (v > 127n) {
    out.push(Number(v & 127n) | 128);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
const field = (num: number, bytes: number[]) => [(num << 3) | 2, ...varint(bytes.length), ...bytes];
const text = (s: string) => [...Buffer.from(s, 'utf8')];

function encodeSample({ value, timestamp }: Series['samples'][number]): number[] {
  const double = Buffer.alloc(8);
  double.writeDoubleLE(value);
  return [(1 << 3) | 1, ...double, (2 << 3) | 0, ...varint(timestamp)];
}

export function encodeWriteRequest(series: Series[]): Buffer {
  const bytes = series.flatMap((s) => {
    const labels = Object.entries(s.labels)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([name, value]) => field(1, [...field(1, text(name)), ...field(2, text(value))]));
    const samples = s.samples.flatMap((sample) => field(2, encodeSample(sample)));
    return field(1, [...labels, ...samples]);
  });
  return snappyLiteral(Buffer.from(bytes));
}

/** Snappy's block format with literals only: valid input for any decoder, just not smaller. */
function snappyLiteral(data: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from(varint(data.length))];
  for (let at = 0; at < data.length; at += 65_536) {
    const chunk = data.subarray(at, at + 65_536);
    const n = chunk.length - 1;
    const tag = n < 60 ? [n << 2] : n < 256 ? [60 << 2, n] : [61 << 2, n & 255, n >> 8];
    parts.push(Buffer.from(tag), chunk);
  }
  return Buffer.concat(parts);
}

export async function remoteWrite(prometheusUrl: string, series: Series[]): Promise<void> {
  const res = await fetch(`${prometheusUrl}/api/v1/write`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-protobuf',
      'content-encoding': 'snappy',
      'x-prometheus-remote-write-version': '0.1.0',
    },
    body: encodeWriteRequest(series),
  });
  if (!res.ok) throw new Error(`remote write answered ${res.status}: ${await res.text()}`);
}
