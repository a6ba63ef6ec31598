/**
 * Names for dependencies and calls in summaries. A person reading at 3 a.m. thinks "the payment
 * gateway refused the charge", not "POST http://10.0.3.7:8443/v1/charges answered 400", so
 * well-known API shapes get their everyday names and everything else its host and path.
 */
import type { HttpEvent } from '@flashback/protocol/types';
import { parseBody } from './body-text.js';
import { describeAmount } from './money-amount.js';
import type { IoEvent } from './package-context.js';
import { tableOf } from './sql-shape.js';

const PAYMENT_PATH =
  /\/(?:charges|payment_intents|payments|refunds|payouts|captures|authorizations|checkout\/sessions)(?:\/|$)/i;
const PAYMENT_HOST = /stripe|adyen|braintree|paypal|mollie|squareup|payment|billing/i;
const TOKEN_PATH = /\/(?:oauth2?\/)?token$/i;
const COLLECTION = /^[a-z][a-z_-]*s$/i;
const MAX_KEY_LENGTH = 60;
const ABSOLUTE_URL = /^[a-z][a-z\d+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]*)([^?#]*)/i;

/** Who was called, lower-case: "the payment gateway", "S3", "Redis", "the upstream api.acme.io". */
export function dependencyName(event: IoEvent): string {
  switch (event.type) {
    case 'db':
      return event.system === 'postgresql' ? 'PostgreSQL' : 'SQLite';
    case 'redis':
      return 'Redis';
    case 'http': {
      if (event.aws) return 'S3';
      const url = parseUrl(event.url);
      if (PAYMENT_PATH.test(url.path) || PAYMENT_HOST.test(url.host)) return 'the payment gateway';
      if (TOKEN_PATH.test(url.path)) return 'the authorization server';
      return `the upstream ${url.host}`;
    }
  }
}

/** The call itself: "POST /v1/charges", "BLPOP stock:POSTER-LTD", "GetObject bucket/key", "the query on customers". */
export function operationName(event: IoEvent): string {
  switch (event.type) {
    case 'db': {
      const table = tableOf(event);
      return table ? `the query on ${table}` : `the query ${clip(event.statement.replace(/\s+/g, ' '))}`;
    }
    case 'redis': {
      const key = event.args[0];
      return typeof key === 'string' ? `${event.command} ${clip(key)}` : event.command;
    }
    case 'http':
      if (event.aws)
        return `${event.aws.operation} ${[event.aws.bucket, event.aws.key].filter(Boolean).join('/')}`;
      return `${event.method} ${parseUrl(event.url).path}`;
  }
}

/** The call as the subject of a sentence: "the payment gateway call POST /v1/charges", "the Redis command BLPOP k". */
export function callSubject(event: IoEvent): string {
  switch (event.type) {
    case 'db':
      return `the ${dependencyName(event)} ${operationName(event).replace(/^the /, '')}`;
    case 'redis':
      return `the Redis command ${operationName(event)}`;
    case 'http':
      return `the ${dependencyName(event).replace(/^the /, '')} call ${operationName(event)}`;
  }
}

/**
 * What an HTTP request asked for, as an object of a sentence: "the charge of $0.00" for a POST to a
 * collection (with the amount when the body carries one), the operation for an AWS call, otherwise
 * "POST /v1/things/42".
 */
export function requestName(event: HttpEvent): string {
  if (event.aws) return operationName(event);
  const path = parseUrl(event.url).path;
  const last = path.split('/').filter(Boolean).pop() ?? '';
  if (event.method.toUpperCase() !== 'POST' || !COLLECTION.test(last)) return `${event.method} ${path}`;
  const noun = singular(last).replace(/[_-]/g, ' ');
  const amount = describeAmount(parseBody(event.requestBody));
  return amount ? `the ${noun} of ${amount}` : `the ${noun}`;
}

/** Upper-cases the first letter, for a name that starts a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function singular(word: string): string {
  if (/ies$/i.test(word)) return `${word.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x)es$/i.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

function parseUrl(raw: string): { host: string; path: string } {
  // A regex, not `new URL`: this runs for every summary, and only host and path are wanted.
  const match = ABSOLUTE_URL.exec(raw);
  if (match) return { host: match[1] ?? '', path: match[2] || '/' };
  const query = raw.search(/[?#]/);
  return { host: 'unknown host', path: query >= 0 ? raw.slice(0, query) : raw };
}

function clip(text: string): string {
  return text.length > MAX_KEY_LENGTH ? `${text.slice(0, MAX_KEY_LENGTH - 1)}…` : text;
}
