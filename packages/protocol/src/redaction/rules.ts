/**
 * The default redaction rules, as plain data so that documentation and UIs can list them.
 * Rule names are what `redactions[].rule` reports: `header:<name>`, `key:<name>`, `pattern:<name>`.
 */

export interface HeaderRule {
  /** Header name in lower case. */
  name: string;
  /**
   * What of the value stays readable: the auth scheme (`Bearer [redacted:…]`), the cookie names, or
   * the cookie attributes of a `set-cookie`. Without it the whole value is masked.
   */
  keep?: 'scheme' | 'cookie-names' | 'cookie-attributes';
}

export interface KeyRule {
  /** Term compared with the key normalised to lower-case letters and digits (`api_key` → `apikey`). */
  name: string;
  /**
   * `substring`: the term occurs anywhere in the normalised key (`user_password`).
   * `last-word`: the key's last word is the term (`card_pin`, but not `shipping`), for short terms
   * that hide inside unrelated words.
   */
  match: 'substring' | 'last-word';
  /** Normalised keys containing one of these are not matched (`tokens_used` is a count). */
  unless?: readonly string[];
}

export interface PatternRule {
  name: string;
  /** Regular expression source; a named group `secret` masks only that part of the match. */
  pattern: string;
  flags?: string;
  /** Extra check on the masked text; `luhn` keeps numbers that fail the card checksum. */
  check?: 'luhn';
}

export interface RedactionRules {
  headers: readonly HeaderRule[];
  keys: readonly KeyRule[];
  patterns: readonly PatternRule[];
}

// Token counts and token metadata of language-model and tokenizer APIs are not credentials.
const TOKEN_NEAR_MISSES = [
  'maxtokens',
  'mintokens',
  'prompttokens',
  'completiontokens',
  'totaltokens',
  'inputtokens',
  'outputtokens',
  'cachedtokens',
  'reasoningtokens',
  'numtokens',
  'tokensused',
  'tokenscount',
  'tokensremaining',
  'tokenslimit',
  'tokencount',
  'tokentype',
  'tokenizer',
  'tokenize',
  'tokenlimit',
  'tokenusage',
  'tokenexpir',
  'tokenttl',
  'tokenindex',
  'tokenlength',
];

const TOKEN_CHARS = 'A-Za-z0-9\\-._~+/';

export const DEFAULT_REDACTION_RULES: RedactionRules = {
  headers: [
    { name: 'authorization', keep: 'scheme' },
    { name: 'proxy-authorization', keep: 'scheme' },
    { name: 'cookie', keep: 'cookie-names' },
    { name: 'set-cookie', keep: 'cookie-attributes' },
    { name: 'x-api-key' },
    { name: 'api-key' },
    { name: 'apikey' },
    { name: 'x-auth-token' },
    { name: 'x-access-token' },
    { name: 'x-refresh-token' },
    { name: 'x-csrf-token' },
    { name: 'x-xsrf-token' },
    { name: 'x-amz-security-token' },
    { name: 'x-goog-api-key' },
    { name: 'x-functions-key' },
    { name: 'ocp-apim-subscription-key' },
  ],
  keys: [
    { name: 'password', match: 'substring' },
    { name: 'passwd', match: 'substring' },
    { name: 'passphrase', match: 'substring' },
    { name: 'secret', match: 'substring' },
    { name: 'token', match: 'substring', unless: TOKEN_NEAR_MISSES },
    { name: 'apikey', match: 'substring' },
    { name: 'accesskey', match: 'substring' },
    { name: 'privatekey', match: 'substring' },
    { name: 'authorization', match: 'substring' },
    { name: 'cookie', match: 'substring' },
    { name: 'credential', match: 'substring' },
    { name: 'sessionid', match: 'substring' },
    { name: 'connectionstring', match: 'substring' },
    { name: 'cardnumber', match: 'substring' },
    { name: 'creditcard', match: 'substring' },
    { name: 'ccnumber', match: 'substring' },
    { name: 'pincode', match: 'substring' },
    { name: 'pass', match: 'last-word' },
    { name: 'pwd', match: 'last-word' },
    { name: 'auth', match: 'last-word' },
    { name: 'sid', match: 'last-word' },
    { name: 'signature', match: 'last-word' },
    { name: 'sig', match: 'last-word' },
    { name: 'otp', match: 'last-word' },
    { name: 'card', match: 'last-word' },
    { name: 'pan', match: 'last-word' },
    { name: 'cvv', match: 'last-word' },
    { name: 'cvv2', match: 'last-word' },
    { name: 'cvc', match: 'last-word' },
    { name: 'pin', match: 'last-word' },
    { name: 'ssn', match: 'last-word' },
    { name: 'iban', match: 'last-word' },
  ],
  patterns: [
    {
      name: 'private-key',
      pattern: '-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)',
    },
    {
      name: 'jwt',
      pattern:
        '\\beyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*)?',
    },
    {
      // Needs an upper-case letter or digit in the credential, so prose ("bearer authentication") survives.
      name: 'bearer',
      pattern: `\\b[Bb]earer\\s+(?<secret>(?=[${TOKEN_CHARS}]*[A-Z0-9])[${TOKEN_CHARS}]{8,}=*)`,
    },
    {
      name: 'url-password',
      pattern: '\\b[a-z][a-z0-9+.-]*://[^\\s/:@?#]*:(?<secret>[^\\s/@?#]+)@',
      flags: 'i',
    },
    {
      name: 'aws-access-key',
      pattern: '\\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA)[A-Z0-9]{16}\\b',
    },
    {
      name: 'stripe-key',
      pattern: '\\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}\\b|\\bwhsec_[A-Za-z0-9]{20,}\\b',
    },
    { name: 'github-token', pattern: '\\bgh[pousr]_[A-Za-z0-9]{36,}\\b|\\bgithub_pat_[A-Za-z0-9_]{50,}\\b' },
    { name: 'slack-token', pattern: '\\bxox[abprs]-[A-Za-z0-9-]{10,}' },
    { name: 'google-api-key', pattern: '\\bAIza[0-9A-Za-z_-]{35}\\b' },
    {
      // Issuer prefixes 2–6 only: epoch-millisecond timestamps and snowflake ids start with 1.
      // Not after a dot, so the digits of a float such as Math.random() are left alone.
      name: 'card',
      pattern: '(?<![\\w.+-])[2-6](?:[ -]?\\d){12,18}(?![\\w-]|[.,]\\d)',
      check: 'luhn',
    },
  ],
};
