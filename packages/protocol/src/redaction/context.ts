import type { Redaction } from '../types.js';
import type { CompiledRules } from './compile-rules.js';
import { formatToken, isRedactionToken } from './token.js';
import type { Tokenizer } from './types.js';

/**
 * Secrets shorter than this are not searched for elsewhere in the package: a four-digit PIN would
 * otherwise mask every "1234" in unrelated data.
 */
const MIN_KNOWN_SECRET_LENGTH = 8;

/** State shared by the redaction functions of one redactor: rules, token cache and findings. */
export interface RedactionContext {
  readonly rules: CompiledRules;
  readonly redactions: Redaction[];
  /** Token for `secret`; the same secret always gets the same token. */
  token(secret: string): string;
  /**
   * How many replacements were made so far. Callers compare it before and after a step to learn
   * whether anything changed (recording is deduplicated, so `redactions` cannot tell them).
   */
  readonly replacements: number;
  /** Records that the value at `path` was masked by `rule` (once per path and rule). */
  record(path: string, rule: string): void;
  /**
   * Masks a value found by a key, header or command rule: records it, and remembers it so that
   * later copies of the same secret in free text can be found too.
   */
  maskKnown(secret: string, path: string, rule: string): string;
  /** Secrets that key, header and command rules masked, with the rule that found each. */
  readonly found: ReadonlyMap<string, string>;
  /** Secrets to find literally in free text, from an earlier pass over the same package. */
  readonly known: KnownSecrets | undefined;
}

export interface KnownSecrets {
  regex: RegExp;
  rules: ReadonlyMap<string, string>;
}

export function createContext(
  rules: CompiledRules,
  tokenize: Tokenizer,
  options: { known?: ReadonlyMap<string, string>; tokens?: Map<string, string> } = {},
): RedactionContext {
  const tokens = options.tokens ?? new Map<string, string>();
  const redactions: Redaction[] = [];
  const recorded = new Set<string>();
  const found = new Map<string, string>();
  let replacements = 0;
  const context: RedactionContext = {
    rules,
    redactions,
    found,
    known: options.known ? compileKnown(options.known) : undefined,
    get replacements() {
      return replacements;
    },
    token(secret) {
      replacements++;
      let token = tokens.get(secret);
      if (token === undefined) {
        token = formatToken(tokenize(secret));
        tokens.set(secret, token);
      }
      return token;
    },
    record(path, rule) {
      const id = `${rule}\u0000${path}`;
      if (recorded.has(id)) return;
      recorded.add(id);
      redactions.push({ path, rule });
    },
    maskKnown(secret, path, rule) {
      if (secret === '' || isRedactionToken(secret)) return secret;
      context.record(path, rule);
      if (secret.length >= MIN_KNOWN_SECRET_LENGTH && !found.has(secret)) found.set(secret, rule);
      return context.token(secret);
    },
  };
  return context;
}

function compileKnown(known: ReadonlyMap<string, string>): KnownSecrets | undefined {
  // Longest first, so a secret that contains another is replaced whole.
  const sources = [...known.keys()]
    .filter((secret) => secret.length >= MIN_KNOWN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length)
    .map((secret) => secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (sources.length === 0) return undefined;
  return { regex: new RegExp(sources.join('|'), 'g'), rules: known };
}
