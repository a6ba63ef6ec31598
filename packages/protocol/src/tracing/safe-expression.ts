/**
 * Conditions and log expressions of tracing actions run inside the service, at a hot line, on every
 * hit. They are compiled to plain JavaScript (fast: no debugger round trip) from a whitelisted
 * subset that cannot have side effects:
 *
 * - no calls, `new`, assignments, `++`/`--`, `delete`, functions, classes, spreads, `await`,
 *   `yield`, tagged templates, `in` or `instanceof` (they run user code): rejected at compile time
 *   with a message naming the construct;
 * - property reads go through the runtime's `get`, which reads data properties only: a getter or
 *   a Proxy (user code) is never run, the expression fails instead;
 * - operators that would convert an object (`<`, `+`, `==`…) get primitives only (`prim`), so no
 *   `valueOf`/`toString` runs; template holes are formatted by the runtime (`str`).
 *
 * The emitted code calls the runtime by the name it is given, e.g. `__fb.get(order, "total") > 100`.
 */
import { type Node, parseExpressionAt } from 'acorn';

export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  constructor(
    readonly code: 'syntax' | 'unsafe',
    message: string,
  ) {
    super(message);
  }
}

/** What compiled expressions call. Each method throws when reading would run user code. */
export interface SafeRuntime {
  get(target: unknown, key: unknown, optional: boolean): unknown;
  prim(value: unknown): unknown;
  str(value: unknown): string;
}

const COERCING_BINARY = new Set([
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '**',
  '&',
  '|',
  '^',
  '<<',
  '>>',
  '>>>',
]);
const NON_COERCING_BINARY = new Set(['===', '!==']);
const UNSAFE_BINARY: Record<string, string> = {
  in: '`in` (it can run a Proxy trap)',
  instanceof: '`instanceof` (it can run Symbol.hasInstance)',
};
const UNSAFE_NODES: Record<string, string> = {
  CallExpression: 'calls a function',
  NewExpression: 'constructs an object with `new`',
  AssignmentExpression: 'assigns a value',
  UpdateExpression: 'changes a variable with ++ or --',
  AwaitExpression: 'awaits',
  YieldExpression: 'yields',
  TaggedTemplateExpression: 'calls a template tag',
  FunctionExpression: 'defines a function',
  ArrowFunctionExpression: 'defines a function',
  ClassExpression: 'defines a class',
  ImportExpression: 'imports a module',
  SpreadElement: 'spreads an iterable (it runs its iterator)',
};

/**
 * Compiles one expression. `runtime` is the identifier the emitted code calls.
 *
 * @throws ExpressionError `syntax` when it is not one JavaScript expression, `unsafe` when it could
 * have a side effect (the message quotes the part at fault)
 */
export function compileSafeExpression(source: string, runtime: string): string {
  let node: Node;
  try {
    node = parseExpressionAt(source, 0, { ecmaVersion: 'latest', preserveParens: true });
  } catch (error: unknown) {
    throw new ExpressionError('syntax', `not valid JavaScript: ${(error as Error).message}`);
  }
  if (source.slice(node.end).trim() !== '') {
    throw new ExpressionError('syntax', `not one expression: unexpected "${source.slice(node.end).trim()}"`);
  }
  return new Emitter(source, runtime).emit(node);
}

/** A log template split into text and `{expression}` holes. Braces inside holes must balance. */
export type TemplatePart = { text: string } | { expression: string };

/** @throws ExpressionError `syntax` for an unclosed or empty hole */
export function parseLogTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    if (ch !== '{') {
      text += ch;
      i++;
      continue;
    }
    let depth = 1;
    let j = i + 1;
    while (j < template.length && depth > 0) {
      if (template[j] === '{') depth++;
      else if (template[j] === '}') depth--;
      j++;
    }
    if (depth > 0) throw new ExpressionError('syntax', `unclosed "{" at position ${i + 1} of the template`);
    const expression = template.slice(i + 1, j - 1).trim();
    if (expression === '')
      throw new ExpressionError('syntax', `empty "{}" at position ${i + 1} of the template`);
    if (text !== '') parts.push({ text });
    text = '';
    parts.push({ expression });
    i = j;
  }
  if (text !== '') parts.push({ text });
  return parts;
}

/** Compiles a template into one expression producing the message. */
export function compileLogTemplate(template: string, runtime: string): string {
  const pieces = parseLogTemplate(template).map((part) =>
    'text' in part ? JSON.stringify(part.text) : `${runtime}.str(${compileHole(part.expression, runtime)})`,
  );
  return pieces.length === 0 ? '""' : pieces.join(' + ');
}

function compileHole(expression: string, runtime: string): string {
  try {
    return compileSafeExpression(expression, runtime);
  } catch (error: unknown) {
    if (error instanceof ExpressionError) {
      throw new ExpressionError(error.code, `{${expression}}: ${error.message}`);
    }
    throw error;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: acorn types nodes loosely; the emitter switches on `type` before reading fields.
type AnyNode = Node & Record<string, any>;

class Emitter {
  constructor(
    private readonly source: string,
    private readonly rt: string,
  ) {}

  emit(node: AnyNode): string {
    const unsafe = UNSAFE_NODES[node.type];
    if (unsafe) throw this.unsafe(node, unsafe);
    switch (node.type) {
      case 'Identifier':
        return node.name as string;
      case 'ThisExpression':
        return 'this';
      case 'Literal':
        return node.regex ? this.text(node) : (JSON.stringify(node.value) ?? 'undefined');
      case 'TemplateLiteral': {
        const quasis = node.quasis as AnyNode[];
        const expressions = node.expressions as AnyNode[];
        const parts: string[] = [];
        quasis.forEach((quasi, index) => {
          parts.push(JSON.stringify(quasi.value.cooked ?? ''));
          const hole = expressions[index];
          if (hole) parts.push(`${this.rt}.str(${this.emit(hole)})`);
        });
        return `(${parts.join(' + ')})`;
      }
      case 'ParenthesizedExpression':
        return `(${this.emit(node.expression)})`;
      case 'ChainExpression':
        return this.emit(node.expression);
      case 'MemberExpression': {
        const key = node.computed ? this.emit(node.property) : JSON.stringify(node.property.name);
        if (node.property.type === 'PrivateIdentifier') throw this.unsafe(node, 'reads a private field');
        // After an optional link, the rest of the chain short-circuits to undefined too.
        const optional = node.optional === true || hasOptionalLink(node.object);
        return `${this.rt}.get(${this.emit(node.object)}, ${key}, ${optional})`;
      }
      case 'UnaryExpression': {
        const op = node.operator as string;
        if (op === 'delete') throw this.unsafe(node, 'deletes a property');
        if (op === '!' || op === 'typeof' || op === 'void') return `(${op} ${this.emit(node.argument)})`;
        return `(${op}${this.rt}.prim(${this.emit(node.argument)}))`;
      }
      case 'BinaryExpression': {
        const op = node.operator as string;
        const why = UNSAFE_BINARY[op];
        if (why) throw this.unsafe(node, `uses ${why}`);
        const left = this.emit(node.left);
        const right = this.emit(node.right);
        if (
          NON_COERCING_BINARY.has(op) ||
          ((op === '==' || op === '!=') && (isNullish(node.left) || isNullish(node.right)))
        ) {
          return `(${left} ${op} ${right})`;
        }
        if (!COERCING_BINARY.has(op)) throw this.unsafe(node, `uses the operator ${op}`);
        return `(${this.rt}.prim(${left}) ${op} ${this.rt}.prim(${right}))`;
      }
      case 'LogicalExpression':
        return `(${this.emit(node.left)} ${node.operator} ${this.emit(node.right)})`;
      case 'ConditionalExpression':
        return `(${this.emit(node.test)} ? ${this.emit(node.consequent)} : ${this.emit(node.alternate)})`;
      case 'SequenceExpression':
        return `(${(node.expressions as AnyNode[]).map((e) => this.emit(e)).join(', ')})`;
      case 'ArrayExpression':
        return `[${(node.elements as (AnyNode | null)[]).map((e) => (e ? this.emit(e) : '')).join(', ')}]`;
      case 'ObjectExpression':
        return `({${(node.properties as AnyNode[]).map((p) => this.property(p)).join(', ')}})`;
      default:
        throw this.unsafe(node, `uses ${node.type}, which tracing expressions do not allow`);
    }
  }

  private property(p: AnyNode): string {
    if (p.type === 'SpreadElement') throw this.unsafe(p, UNSAFE_NODES.SpreadElement ?? 'spreads');
    if (p.kind !== 'init' || p.method) throw this.unsafe(p, 'defines a getter, setter or method');
    const key = p.computed ? `[${this.emit(p.key)}]` : JSON.stringify(p.key.name ?? p.key.value);
    return `${key}: ${this.emit(p.value)}`;
  }

  private text(node: AnyNode): string {
    return this.source.slice(node.start, node.end);
  }

  private unsafe(node: AnyNode, what: string): ExpressionError {
    return new ExpressionError(
      'unsafe',
      `\`${this.text(node)}\` ${what}; tracing expressions must not have side effects`,
    );
  }
}

function isNullish(node: AnyNode): boolean {
  return (
    (node.type === 'Literal' && node.value === null) ||
    (node.type === 'Identifier' && node.name === 'undefined')
  );
}

function hasOptionalLink(node: AnyNode): boolean {
  if (node.type !== 'MemberExpression') return false;
  return node.optional === true || hasOptionalLink(node.object);
}
