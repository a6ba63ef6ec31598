import { newInScope, resultFailed, resultLabel } from '../format/effect-step-label.js';
import type {
  EffectTraceView,
  TraceErrorView,
  TraceResult,
  TraceStepView,
} from '../format/effect-trace-read.js';
import { formatMs } from '../format/time-format.js';
import { readValue } from '../format/value-read.js';
import { LocalsTable } from './locals-table.js';
import { ValueView } from './value-view.js';

/** One command of an effect trace: what the logic asked for, the answer, when, and the scope it saw. */
export function EffectStepDetail({
  step,
  previous,
}: {
  step: TraceStepView;
  previous: TraceStepView | undefined;
}) {
  return (
    <article className="effect-step" aria-label={`Step ${step.seq}`}>
      <header className="effect-step-head">
        <h2>
          <span className="event-seq">#{step.seq}</span> <code>{step.kind}</code>
        </h2>
        <span className="muted small">
          at +{formatMs(step.startOffsetMs)}, took {formatMs(step.durationMs)}
        </span>
      </header>
      <h3 className="effect-heading">Command</h3>
      <ValueView node={readValue(step.input)} />
      <h3 className="effect-heading">
        Result <ResultTag result={step.result} />
      </h3>
      <ResultView result={step.result} />
      <h3 className="effect-heading">In scope</h3>
      {step.scope ? (
        <>
          <LocalsTable locals={step.scope} caption="Values in scope" fresh={newInScope(step, previous)} />
          <p className="muted small">
            The pipeline's named values when the logic asked for this command; <em>new</em> marks what it
            added since the step before.
          </p>
        </>
      ) : (
        <p className="muted">This command ran outside a pipeline: the trace records no scope for it.</p>
      )}
    </article>
  );
}

/** The end of the execution: its value or its error, and what the trace cannot show. */
export function EffectOutcome({ trace }: { trace: EffectTraceView }) {
  const last = trace.steps.at(-1);
  return (
    <article className="effect-step" aria-label="Outcome">
      <header className="effect-step-head">
        <h2>Outcome</h2>
        <span className="muted small">after {formatMs(trace.durationMs)}</span>
      </header>
      <h3 className="effect-heading">{trace.outcome.ok ? 'Returned' : 'Failed'}</h3>
      <ResultView result={trace.outcome} />
      <h3 className="effect-heading">In scope</h3>
      <p className="muted">
        {last
          ? `The trace records the scope when each command is asked for, so what the logic computed from the last answer (step #${last.seq}, ${last.kind}) is not in it. `
          : 'The execution asked for no command, so the trace records no scope. '}
        Replaying the trace runs the logic again and shows it:{' '}
        <code>flashback replay &lt;trace.json&gt; --step</code>
      </p>
    </article>
  );
}

function ResultTag({ result }: { result: TraceResult }) {
  const label = resultLabel(result);
  if (!label) return null;
  return <span className={resultFailed(result) ? 'result-tag failed' : 'result-tag'}>{label}</span>;
}

function ResultView({ result }: { result: TraceResult }) {
  if (!result.ok) return <TraceErrorLine error={result.error} />;
  return <ValueView node={readValue(result.value)} />;
}

function TraceErrorLine({ error }: { error: TraceErrorView }) {
  return (
    <div className="effect-error" role="note">
      <p>
        <span className="error-type">{error.type}</span>{' '}
        {error.code && <span className="error-code">{error.code}</span>} {error.message}
      </p>
      {error.data !== undefined && <ValueView node={readValue(error.data)} />}
    </div>
  );
}
