import type { ErrorInfo, Frame } from '@flashback/protocol/types';
import { LocalsTable } from './locals-table.js';

/** The error, its frames (in-app frames open with their locals) and the chain of causes. */
export function ErrorView({ error }: { error: ErrorInfo }) {
  const chain: ErrorInfo[] = [];
  for (let cause = error.cause; cause; cause = cause.cause) chain.push(cause);
  return (
    <div className="error-view">
      <ErrorHeadline error={error} />
      <Frames frames={error.frames} />
      {chain.map((cause, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the chain never reorders.
        <div className="cause-link" key={index}>
          <p className="cause-link-label">Caused by</p>
          <ErrorHeadline error={cause} />
          <Frames frames={cause.frames} />
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

function Frames({ frames }: { frames: Frame[] }) {
  if (frames.length === 0) return null;
  // The innermost in-app frame is where the app threw: open it; the others on request.
  const firstInApp = frames.findIndex((frame) => frame.inApp);
  return (
    <ol className="frames" aria-label="Stack frames">
      {frames.map((frame, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: frames never reorder.
        <li key={index} className={frame.inApp ? 'frame in-app' : 'frame library'}>
          {frame.inApp ? (
            <InAppFrame frame={frame} open={index === firstInApp} />
          ) : (
            <FrameLine frame={frame} />
          )}
        </li>
      ))}
    </ol>
  );
}

function InAppFrame({ frame, open }: { frame: Frame; open: boolean }) {
  const localCount = Object.keys(frame.locals ?? {}).length;
  return (
    <details open={open}>
      <summary className="frame-summary">
        <FrameLine frame={frame} />
        <span className="frame-locals-count">
          {localCount === 0 ? 'no locals' : `${localCount} local${localCount === 1 ? '' : 's'}`}
        </span>
      </summary>
      <div className="frame-body">
        <LocalsTable locals={frame.locals ?? {}} />
      </div>
    </details>
  );
}

function FrameLine({ frame }: { frame: Frame }) {
  const position =
    frame.line === undefined ? '' : `:${frame.line}${frame.column === undefined ? '' : `:${frame.column}`}`;
  return (
    <span className="frame-line">
      <span className="frame-function">{frame.function}</span>
      <span className="frame-module">
        {frame.module}
        {position}
      </span>
    </span>
  );
}
