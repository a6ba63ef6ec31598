import { useCallback, useEffect, useState } from 'react';
import { EffectOutcome, EffectStepDetail } from '../components/effect-step-detail.js';
import { Section } from '../components/section.js';
import { StepSlider } from '../components/step-slider.js';
import { TraceSource } from '../components/trace-source.js';
import { preview, ValueView } from '../components/value-view.js';
import { resultFailed, resultLabel } from '../format/effect-step-label.js';
import { type EffectTraceView, readEffectTrace } from '../format/effect-trace-read.js';
import { absoluteTime, formatMs } from '../format/time-format.js';
import { readValue } from '../format/value-read.js';

type Opened = { trace: EffectTraceView; name: string } | { problem: string; name: string } | null;

/**
 * `#/-/effects`: an effect trace opened from a file, stepped through with a slider. The positions
 * are the recorded commands, then the outcome; everything is read from the file in the browser.
 */
export function EffectTracePage() {
  const [opened, setOpened] = useState<Opened>(null);
  const open = useCallback((text: string, name: string) => {
    try {
      setOpened({ trace: readEffectTrace(text), name });
    } catch (error) {
      setOpened({ problem: (error as Error).message, name });
    }
  }, []);
  return (
    <main className="page">
      <h1 className="page-title">Effect trace</h1>
      {opened && 'trace' in opened ? (
        <TraceViewer
          key={opened.trace.id + opened.name}
          trace={opened.trace}
          name={opened.name}
          onClose={() => setOpened(null)}
        />
      ) : (
        <>
          <p className="muted">
            A recorded execution of <code>@flashback/effects</code> logic: every command it asked for, the
            answer, and the values in scope at each step.
          </p>
          {opened && (
            <p className="load-error" role="alert">
              {opened.name} is not an effect trace: {opened.problem}
            </p>
          )}
          <TraceSource onText={open} />
        </>
      )}
    </main>
  );
}

function TraceViewer({ trace, name, onClose }: { trace: EffectTraceView; name: string; onClose(): void }) {
  const [position, setPosition] = useState(0);
  const last = trace.steps.length;
  const step = trace.steps[position];
  const label =
    step === undefined
      ? `Outcome, after ${last} command${last === 1 ? '' : 's'}`
      : `#${step.seq} ${step.kind} · command ${position + 1} of ${last}`;
  useEffect(() => {
    document.getElementById(`effect-step-${position}`)?.scrollIntoView({ block: 'nearest' });
  }, [position]);
  return (
    <>
      <TraceFacts trace={trace} name={name} onClose={onClose} />
      <StepSlider position={position} last={last} label={label} onMove={setPosition} />
      <div className="effect-viewer">
        <ol className="effect-steps" aria-label="Steps">
          {trace.steps.map((s) => (
            <li key={s.seq} id={`effect-step-${s.seq}`}>
              <button
                type="button"
                aria-current={s.seq === position ? 'step' : undefined}
                onClick={() => setPosition(s.seq)}
              >
                <span className="event-seq">#{s.seq}</span>
                <code className="effect-kind">{s.kind}</code>
                <span className={resultFailed(s.result) ? 'event-result failed' : 'event-result'}>
                  {resultLabel(s.result) ?? (s.result.ok ? preview(readValue(s.result.value), 24) : '')}
                </span>
              </button>
            </li>
          ))}
          <li id={`effect-step-${last}`}>
            <button
              type="button"
              aria-current={position === last ? 'step' : undefined}
              onClick={() => setPosition(last)}
            >
              <span className="event-seq">end</span>
              <span className="effect-kind">outcome</span>
              <span className={trace.outcome.ok ? 'event-result' : 'event-result failed'}>
                {trace.outcome.ok ? 'success' : trace.outcome.error.type}
              </span>
            </button>
          </li>
        </ol>
        {step ? (
          <EffectStepDetail step={step} previous={trace.steps[position - 1]} />
        ) : (
          <EffectOutcome trace={trace} />
        )}
      </div>
    </>
  );
}

function TraceFacts({ trace, name, onClose }: { trace: EffectTraceView; name: string; onClose(): void }) {
  return (
    <Section
      title={trace.program.name}
      aside={
        <button type="button" className="link-button" onClick={onClose}>
          Open another trace
        </button>
      }
    >
      <p className="issue-facts">
        <span>{name}</span>
        {trace.service && <span>{trace.service}</span>}
        {trace.program.module && <code>{trace.program.module}</code>}
        <span title={absoluteTime(trace.startedAt)}>started {absoluteTime(trace.startedAt)}</span>
        <span>{formatMs(trace.durationMs)}</span>
        <span className={trace.outcome.ok ? 'pill pill-reproduced' : 'pill pill-failed'}>
          {trace.outcome.ok ? 'succeeded' : `failed: ${trace.outcome.error.type}`}
        </span>
      </p>
      <details className="effect-input">
        <summary>Input</summary>
        <ValueView node={readValue(trace.input)} />
      </details>
    </Section>
  );
}
