import http, { type RefinedResponse, type ResponseType } from 'k6/http';
import { BASE_URL, REQUEST_TIMEOUT, type Journey } from './config.ts';

export type Res = RefinedResponse<ResponseType | undefined>;

/**
 * Every request carries its journey (the SLO thresholds are per journey) and a
 * `name` that groups URLs holding ids, so one product page is one series, not thousands.
 */
function params(journey: Journey | 'setup', name: string, headers: Record<string, string> = {}) {
  return {
    tags: { journey, name },
    timeout: REQUEST_TIMEOUT,
    headers: { accept: 'application/json', ...headers },
  };
}

export function get(
  journey: Journey | 'setup',
  name: string,
  path: string,
  headers?: Record<string, string>,
): Res {
  return http.get(`${BASE_URL}${path}`, params(journey, name, headers));
}

export function send(
  method: 'POST' | 'PUT' | 'DELETE',
  journey: Journey,
  name: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Res {
  const payload = body === undefined ? null : JSON.stringify(body);
  const p = params(
    journey,
    name,
    body === undefined ? headers : { 'content-type': 'application/json', ...headers },
  );
  return http.request(method, `${BASE_URL}${path}`, payload, p);
}

/** The parsed JSON body, or undefined when the answer is not JSON (a check then fails, not the VU). */
export function json<T>(res: Res): T | undefined {
  try {
    return res.json() as T;
  } catch {
    return undefined;
  }
}
