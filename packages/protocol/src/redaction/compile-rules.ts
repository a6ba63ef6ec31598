import { isCardNumber } from './luhn.js';
import { DEFAULT_REDACTION_RULES, type HeaderRule, type KeyRule } from './rules.js';
import type { RedactionConfig } from './types.js';

export interface CompiledPattern {
  /** Rule label, `pattern:<name>`. */
  label: string;
  regex: RegExp;
  check?: (secret: string) => boolean;
}

/** The default rules merged with a config, ready to match. */
export interface CompiledRules {
  headers: ReadonlyMap<string, HeaderRule>;
  /** The label (`key:<name>`) of the first key rule matching `key`, if any. */
  matchKey(key: string): string | undefined;
  patterns: readonly CompiledPattern[];
}

const KEY_CACHE_LIMIT = 10_000;

/** Lower-case letters and digits only, so `API-Key`, `api_key` and `apiKey` compare equal. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The last word of a key in camelCase, snake_case, kebab-case or SHOUTING_CASE. */
export function lastWord(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words[words.length - 1] ?? '';
}

/**
 * Merges `config` into the default rules. Throws when an extra pattern is not a valid regular
 * expression, naming the pattern, so a bad configuration fails at start-up rather than per event.
 */
export function compileRules(config: RedactionConfig = {}): CompiledRules {
  const headers = new Map<string, HeaderRule>();
  for (const rule of DEFAULT_REDACTION_RULES.headers) headers.set(rule.name, rule);
  for (const name of config.extraHeaders ?? []) {
    const lower = name.toLowerCase();
    if (!headers.has(lower)) headers.set(lower, { name: lower });
  }

  const keyRules: KeyRule[] = [...DEFAULT_REDACTION_RULES.keys];
  for (const key of config.extraKeys ?? []) {
    const name = normalizeKey(key);
    if (name) keyRules.push({ name, match: 'substring' });
  }
  const allowed = new Set((config.allowKeys ?? []).map(normalizeKey));

  const patterns: CompiledPattern[] = DEFAULT_REDACTION_RULES.patterns.map((rule) => ({
    label: `pattern:${rule.name}`,
    regex: compilePattern(rule.name, rule.pattern, rule.flags),
    ...(rule.check === 'luhn' ? { check: isCardNumber } : {}),
  }));
  for (const rule of config.extraPatterns ?? []) {
    patterns.push({
      label: `pattern:${rule.name}`,
      regex: compilePattern(rule.name, rule.pattern, rule.flags),
    });
  }

  const matchUncached = (key: string): string | undefined => {
    const normalized = normalizeKey(key);
    if (!normalized || allowed.has(normalized)) return undefined;
    const word = lastWord(key);
    for (const rule of keyRules) {
      const hit = rule.match === 'substring' ? normalized.includes(rule.name) : word === rule.name;
      if (hit && !rule.unless?.some((nearMiss) => normalized.includes(nearMiss))) return `key:${rule.name}`;
    }
    return undefined;
  };
  // Rows and arrays of objects repeat the same few keys many times.
  const cache = new Map<string, string | undefined>();
  return {
    headers,
    patterns,
    matchKey(key: string): string | undefined {
      if (cache.has(key)) return cache.get(key);
      if (cache.size >= KEY_CACHE_LIMIT) cache.clear();
      const label = matchUncached(key);
      cache.set(key, label);
      return label;
    },
  };
}

function compilePattern(name: string, source: string, flags = ''): RegExp {
  // `g` to find every occurrence, `d` for the offsets of the `secret` group.
  const allFlags = [...new Set(`${flags}gd`)].join('');
  try {
    return new RegExp(source, allFlags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SyntaxError(`redaction pattern "${name}" is not a valid regular expression: ${reason}`);
  }
}
