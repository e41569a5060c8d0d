import path from 'node:path';

export const layerDir = path.resolve(__dirname, '..', '..');

export interface QueryResult {
  status: string;
  error?: string;
  data?: {
    resultType: string;
    result: Array<{ metric: Record<string, string>; value: [number, string] }>;
  };
}

/** An instant query; the raw answer, errors included. */
export async function query(url: string, expr: string): Promise<QueryResult> {
  const res = await fetch(`${url}/api/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query: expr }),
  });
  return (await res.json()) as QueryResult;
}

/** Polls until check() holds for a query's answer; the last answer otherwise, for the message. */
export async function eventually(
  url: string,
  expr: string,
  check: (r: QueryResult) => boolean,
  withinMs = 60_000,
): Promise<QueryResult> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const answer = await query(url, expr).catch((error: Error): QueryResult => ({
      status: 'unreachable',
      error: error.message,
    }));
    if (check(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export const hasData = (r: QueryResult) =>
  r.status === 'success' && (r.data?.result.length ?? 0) > 0;
