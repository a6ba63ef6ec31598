/** Outbound HTTP, performed by the `fetch` handler. */
import { type Command, defineCommand } from '../core/command.js';

export interface HttpRequestInput {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON with `content-type: application/json`. */
  body?: unknown;
}

/**
 * Any answer, 4xx and 5xx included, is a success of the command: the logic reads `status` and
 * decides. Only a request that got no answer (refused, reset, timed out) is a failure.
 */
export interface HttpResponse {
  status: number;
  statusText: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** The body as text. */
  body: string;
}

export const httpRequest = defineCommand<HttpRequestInput, HttpResponse>('http.request');

/** @example http({ method: 'POST', url: `${gateway}/v1/charges`, body: { amount: 1250, currency: 'usd' } }) */
export function http(input: HttpRequestInput): Command<HttpRequestInput, HttpResponse> {
  return httpRequest(input);
}

/** The body parsed as JSON, or undefined when it is not JSON. Pure, so logic may call it. */
export function jsonBody(response: HttpResponse): unknown {
  try {
    return JSON.parse(response.body);
  } catch {
    return undefined;
  }
}
