/**
 * The input a trigger carried, as the values the app received: the parsed request body and query
 * string of an HTTP trigger, or a job's payload. Malformed-input reasoning looks properties up here.
 */
import type { Trigger } from '@flashback/protocol/types';
import { decodeValue } from '@flashback/protocol/values';
import { bodyText, looksLikeJson, parseBody, parseForm } from './body-text.js';

/** One named part of the input: `body`, `query` or `payload`. */
export interface InputPart {
  name: 'body' | 'query' | 'payload';
  value: unknown;
}

export interface TriggerInput {
  /** Parts that parsed, body (or payload) first. */
  parts: InputPart[];
  /** The body claims to be JSON, is complete, and does not parse. */
  invalidJsonBody: boolean;
  /** The raw body text, when there is one. */
  bodyText: string | undefined;
}

/** A property found in the input: where, at which path, and its value (undefined when absent). */
export interface InputHit {
  part: InputPart['name'];
  /** The expression's leading segments that named the app's own variable (`cart`, `req.body`). */
  root: string[];
  path: string[];
  found: boolean;
  value: unknown;
}

/** Reads the input of a trigger; undefined when the error happened outside any request or job. */
export function triggerInput(trigger: Trigger | null): TriggerInput | undefined {
  if (!trigger) return undefined;
  if (trigger.kind === 'job') {
    const parts: InputPart[] =
      trigger.payload === undefined ? [] : [{ name: 'payload', value: decodeValue(trigger.payload) }];
    return { parts, invalidJsonBody: false, bodyText: undefined };
  }
  const parts: InputPart[] = [];
  const text = bodyText(trigger.body);
  const body = parseBody(trigger.body);
  if (body !== undefined) parts.push({ name: 'body', value: body });
  const queryStart = trigger.url.indexOf('?');
  if (queryStart >= 0) parts.push({ name: 'query', value: parseForm(trigger.url.slice(queryStart + 1)) });
  const invalidJsonBody =
    body === undefined && text !== undefined && text.trim() !== '' && !trigger.body?.truncated
      ? looksLikeJson(trigger.body)
      : false;
  return { parts, invalidJsonBody, bodyText: text };
}

/**
 * Finds the property an expression in the code reached, such as `cart.items` for
 * `cart.items.map is not a function`. The expression's root is a variable of the app (`cart`,
 * `req.body`), so leading segments are dropped until the rest starts at a key of the input. A
 * present property wins over a missing one; a missing one is only its parent's absent last key.
 */
export function findInInput(input: TriggerInput, expression: readonly string[]): InputHit | undefined {
  let missing: InputHit | undefined;
  for (let skip = 0; skip < expression.length; skip++) {
    const root = expression.slice(0, skip);
    const path = expression.slice(skip);
    for (const part of input.parts) {
      const hit = walk(part, root, path);
      if (hit?.found) return hit;
      missing ??= hit;
    }
  }
  return missing;
}

function walk(part: InputPart, root: string[], path: readonly string[]): InputHit | undefined {
  let current: unknown = part.value;
  for (let i = 0; i < path.length; i++) {
    const key = path[i] ?? '';
    if (typeof current !== 'object' || current === null) return undefined;
    // Arrays own `length`; only an index names an element.
    const present = Array.isArray(current)
      ? /^\d+$/.test(key) && Number(key) < current.length
      : Object.hasOwn(current, key);
    if (!present) {
      return i === path.length - 1
        ? { part: part.name, root, path: [...path], found: false, value: undefined }
        : undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return { part: part.name, root, path: [...path], found: true, value: current };
}
