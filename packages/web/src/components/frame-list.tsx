import type { EncodedValue } from '@flashback/protocol/types';
import { LocalsTable } from './locals-table.js';

/** What a frame shows: an error package's frame, or one of a tracing snapshot. */
export interface FrameView {
  function: string;
  /** Path relative to the app root, or `package/path` inside node_modules. */
  module: string;
  line?: number | undefined;
  column?: number | undefined;
  inApp: boolean;
  locals?: Record<string, EncodedValue> | undefined;
}

/** A stack, innermost first: in-app frames fold open to their locals, library frames stay one line. */
export function FrameList({ frames }: { frames: FrameView[] }) {
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

function InAppFrame({ frame, open }: { frame: FrameView; open: boolean }) {
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

function FrameLine({ frame }: { frame: FrameView }) {
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
