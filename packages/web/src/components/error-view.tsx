import type { ErrorInfo } from '@flashback/protocol/types';
import { FrameList } from './frame-list.js';

/** The error, its frames (in-app frames open with their locals) and the chain of causes. */
export function ErrorView({ error }: { error: ErrorInfo }) {
  const chain: ErrorInfo[] = [];
  for (let cause = error.cause; cause; cause = cause.cause) chain.push(cause);
  return (
    <div className="error-view">
      <ErrorHeadline error={error} />
      <FrameList frames={error.frames} />
      {chain.map((cause, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the chain never reorders.
        <div className="cause-link" key={index}>
          <p className="cause-link-label">Caused by</p>
          <ErrorHeadline error={cause} />
          <FrameList frames={cause.frames} />
        </div>
      ))}
      {error.stack && (
        <details className="raw-stack">
          <summary>Raw stack</summary>
          <pre>{error.stack}</pre>
        </details>
      )}
    </div>
  );
}

function ErrorHeadline({ error }: { error: ErrorInfo }) {
  return (
    <p className="error-headline">
      <span className="error-type">{error.type}</span>
      {error.code && <span className="error-code">{error.code}</span>}
      <span className="error-message">{error.message}</span>
    </p>
  );
}
