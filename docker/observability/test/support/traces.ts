/** A span as the OTLP stand-in (otlp-receiver.mjs) hands it back. */
export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  /** OpenTelemetry SpanKind: 2 server, 3 client. */
  kind: number;
  attributes: Record<string, unknown>;
}

export async function spansOf(tracesUrl: string, traceId: string): Promise<ReceivedSpan[]> {
  const res = await fetch(`${tracesUrl}/spans?traceId=${traceId}`);
  return (await res.json()) as ReceivedSpan[];
}

/** Polls until check() holds for the trace's spans (exports are batched every second). */
export async function eventuallySpans(
  tracesUrl: string,
  traceId: string,
  check: (spans: ReceivedSpan[]) => boolean,
  withinMs = 30_000,
): Promise<ReceivedSpan[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const spans = await spansOf(tracesUrl, traceId);
    if (check(spans) || Date.now() > deadline) return spans;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
