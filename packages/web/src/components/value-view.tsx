import { isComposite, type StringPart, splitRedactions, type ValueNode } from '../format/value-read.js';

/** A captured value: primitives inline, objects and arrays folded with a one-line preview. */
export function ValueView({ node, depth = 0 }: { node: ValueNode; depth?: number }) {
  if (!isComposite(node)) return <InlineValue node={node} />;
  const size = node.kind === 'list' ? node.items.length : node.entries.length;
  if (size === 0) return <span className="v-punct">{preview(node)}</span>;
  return (
    <details className="v-tree" open={depth === 0 && size <= 12}>
      <summary>
        <span className="v-preview">{preview(node)}</span>
      </summary>
      <dl className="v-entries">
        {node.kind === 'list'
          ? node.items.map((item, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: positions are the identity of list items.
              <Entry key={index} name={String(index)} node={item} depth={depth} />
            ))
          : node.entries.map(([name, item]) => <Entry key={name} name={name} node={item} depth={depth} />)}
        {node.kind === 'list' && node.more > 0 && (
          <div className="v-more">… {node.more} more not captured</div>
        )}
      </dl>
    </details>
  );
}

function Entry({ name, node, depth }: { name: string; node: ValueNode; depth: number }) {
  return (
    <div className="v-entry">
      <dt>{name}</dt>
      <dd>
        <ValueView node={node} depth={depth + 1} />
      </dd>
    </div>
  );
}

/** A value on one line, as in a table cell: nested values shown by their preview. */
export function InlineValue({ node }: { node: ValueNode }) {
  switch (node.kind) {
    case 'null':
      return <span className="v-null">null</span>;
    case 'boolean':
      return <span className="v-bool">{String(node.value)}</span>;
    case 'number':
      return <span className="v-number">{node.text}</span>;
    case 'string':
      return <StringValue parts={node.parts} cutFrom={node.cutFrom} />;
    case 'special':
      return (
        <span className="v-special" title={node.title}>
          {node.text}
        </span>
      );
    default:
      return <span className="v-preview">{preview(node)}</span>;
  }
}

function StringValue({ parts, cutFrom }: { parts: StringPart[]; cutFrom: number | undefined }) {
  // A string that is wholly a token is a masked value, not text: show it without quotes.
  if (parts.length === 1 && parts[0]?.redacted) return <Redacted token={parts[0].token} />;
  return (
    <span className="v-string">
      “
      {parts.map((part, index) =>
        part.redacted ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts never reorder.
          <Redacted key={index} token={part.token} />
        ) : (
          part.text
        ),
      )}
      ”{cutFrom !== undefined && <span className="v-cut"> … cut, {cutFrom} chars in all</span>}
    </span>
  );
}

/** Text that may carry redaction tokens, shown as it is (no quotes), e.g. a header value. */
export function RedactableText({ text }: { text: string }) {
  return (
    <>
      {splitRedactions(text).map((part, index) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: parts never reorder.
        part.redacted ? <Redacted key={index} token={part.token} /> : part.text,
      )}
    </>
  );
}

export function Redacted({ token }: { token: string }) {
  return (
    <span
      className="redacted"
      title={`${token}: masked before the package left the service; equal secrets share a token`}
    >
      redacted
    </span>
  );
}

/** One line standing for a value: `{ id: 1, name: "Ada", … }`, `Array(3) [1, 2, 3]`. */
export function preview(node: ValueNode, budget = 60): string {
  switch (node.kind) {
    case 'null':
      return 'null';
    case 'boolean':
      return String(node.value);
    case 'number':
      return node.text;
    case 'special':
      return node.text;
    case 'string': {
      const text = node.parts.map((part) => (part.redacted ? '‹redacted›' : part.text)).join('');
      return node.parts.length === 1 && node.parts[0]?.redacted ? text : `"${clip(text, 24)}"`;
    }
    case 'list': {
      const items = node.items.map((item) =>
        isComposite(item) ? (item.kind === 'list' ? '[…]' : '{…}') : preview(item),
      );
      const label = node.label === 'Array' ? '' : `${node.label} `;
      return `${label}(${node.items.length + node.more}) [${fit(items, budget)}]`;
    }
    case 'record': {
      const entries = node.entries.map(
        ([key, item]) =>
          `${key}: ${isComposite(item) ? (item.kind === 'list' ? '[…]' : '{…}') : preview(item)}`,
      );
      return `${node.label ? `${node.label} ` : ''}{ ${fit(entries, budget)} }`;
    }
  }
}

function fit(items: string[], budget: number): string {
  let out = '';
  for (const [index, item] of items.entries()) {
    const next = out ? `${out}, ${item}` : item;
    if (next.length > budget && index > 0) return `${out}, …`;
    out = next;
  }
  return out;
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
