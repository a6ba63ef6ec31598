/**
 * `upstream-auth`: a dependency refused the service's credentials — an HTTP 401/403, a 4xx whose
 * body or `WWW-Authenticate` header says the token or credentials are expired or invalid, a database
 * or Redis authentication error — and the error followed from it. A 401 the app recovered from (it
 * refreshed its token and the retry succeeded) is not a cause.
 */
import type { HttpEvent } from '@flashback/protocol/types';
import { capitalize, dependencyName, requestName } from '../support/call-label.js';
import { findLinkedFailure } from '../support/linked-failure.js';
import { contextOf, type IoEvent } from '../support/package-context.js';
import { type UpstreamReason, upstreamReason } from '../support/upstream-reason.js';
import type { TriageRule } from '../types.js';

const AUTH_CODE =
  /^(?:token_expired|expired_token|invalid_token|invalid_grant|invalid_client|unauthorized_client|unauthorized|unauthenticated|authentication_error|invalid_api_key|ExpiredToken(?:Exception)?|InvalidToken|InvalidAccessKeyId|SignatureDoesNotMatch|AuthFailure|UnrecognizedClientException)$/i;
const AUTH_TEXT =
  /\b(?:token|credentials?|jwt|api key|session|signature)\b.{0,30}\b(?:expired|invalid|revoked)\b|\b(?:expired|invalid|revoked)\b.{0,30}\b(?:token|credentials?|jwt|api key)\b/i;
const DB_AUTH_CODES = new Set(['28P01', '28000', 'SQLITE_AUTH']);
const REDIS_AUTH = /^(?:NOAUTH|WRONGPASS)\b/;

/** Explains a failure by credentials a dependency refused. */
export const upstreamAuthRule: TriageRule = {
  id: 'upstream-auth',
  explain(pkg) {
    const found = findLinkedFailure(contextOf(pkg), isAuthFailure, 0.95, (e) => {
      if (e.type !== 'http') return [e.error?.code];
      const reason = authReason(e);
      return [reason.code, reason.message];
    });
    if (!found) return undefined;
    const { event, evidence, confidence } = found;
    return { kind: 'upstream-auth', summary: summarize(event), evidence, confidence };
  },
};

function isAuthFailure(event: IoEvent): boolean {
  switch (event.type) {
    case 'http': {
      if (event.status === 401 || event.status === 403) return true;
      if (event.status === undefined || event.status < 400 || event.status >= 500) return false;
      const reason = authReason(event);
      return (
        (reason.code !== undefined && AUTH_CODE.test(reason.code)) || AUTH_TEXT.test(reason.message ?? '')
      );
    }
    case 'db':
      return event.error?.code !== undefined && DB_AUTH_CODES.has(event.error.code);
    case 'redis':
      return REDIS_AUTH.test(event.error?.message ?? '');
  }
}

/** The body's reason, completed from a `WWW-Authenticate: Bearer error="…", error_description="…"` header. */
function authReason(event: HttpEvent): UpstreamReason {
  const reason = upstreamReason(event);
  const header = event.responseHeaders?.['www-authenticate'];
  const challenge = Array.isArray(header) ? header.join(', ') : header;
  if (!challenge || (reason.code && reason.message)) return reason;
  return {
    code: reason.code ?? /\berror="([^"]*)"/.exec(challenge)?.[1],
    message: reason.message ?? /\berror_description="([^"]*)"/.exec(challenge)?.[1],
  };
}

function summarize(event: IoEvent): string {
  if (event.type !== 'http') {
    const code = event.error?.code ? ` (${event.error.code})` : '';
    return `${capitalize(dependencyName(event))} refused the credentials: "${event.error?.message ?? ''}"${code}`;
  }
  const { code, message } = authReason(event);
  const dependency = dependencyName(event);
  const request = requestName(event);
  const expired = /expired/i.test(`${code ?? ''} ${message ?? ''}`);
  const head = expired
    ? `Expired credentials: ${dependency} refused ${request}`
    : event.status === 403
      ? `${capitalize(dependency)} denied access to ${request}`
      : `${capitalize(dependency)} refused the credentials for ${request}`;
  const quoted = message ? `: "${message}"` : '';
  return `${head}${quoted} (HTTP ${event.status}${code ? ` ${code}` : ''})`;
}
