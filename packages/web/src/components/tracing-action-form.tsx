import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError } from '../api/api-client.js';
import type { PlaceTracingAction, TracingActionView } from '../api/api-types.js';
import { useMutation } from '../api/use-mutation.js';

const TTL_CHOICES: [number, string][] = [
  [60, '1 minute'],
  [600, '10 minutes'],
  [3_600, '1 hour'],
  [8 * 3_600, '8 hours'],
  [24 * 3_600, '24 hours'],
];

interface Draft {
  kind: 'snapshot' | 'log';
  service: string;
  file: string;
  line: string;
  condition: string;
  template: string;
  stdout: boolean;
  maxHits: string;
  ttlSeconds: number;
}

/**
 * Places a snapshot or a log line at a file and line of a service. The collector checks the request
 * (a log needs a template, expressions must parse); what it refuses shows next to the field it names.
 */
export function TracingActionForm({
  project,
  services,
  onPlaced,
}: {
  project: string;
  /** Services seen in earlier actions, offered as suggestions. */
  services: string[];
  onPlaced(action: TracingActionView): void;
}) {
  const [draft, setDraft] = useState<Draft>({
    kind: 'snapshot',
    service: services[0] ?? '',
    file: '',
    line: '',
    condition: '',
    template: '',
    stdout: false,
    maxHits: '',
    ttlSeconds: 600,
  });
  const place = useMutation(async (api, request: PlaceTracingAction) =>
    onPlaced(await api.placeTracingAction(project, request)),
  );
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const problems = place.error instanceof ApiError ? place.error.problems : [];
  const problemOf = (field: string) => problems.find((p) => p.path === field)?.message;

  function submit(event: FormEvent): void {
    event.preventDefault();
    void place.run(toRequest(draft));
  }

  return (
    <form className="tracing-form" onSubmit={submit} aria-label="Place an action" noValidate>
      <fieldset className="kind-choice">
        <legend className="visually-hidden">Kind</legend>
        {(['snapshot', 'log'] as const).map((kind) => (
          <label key={kind} className={draft.kind === kind ? 'chosen' : undefined}>
            <input
              type="radio"
              name="kind"
              checked={draft.kind === kind}
              onChange={() => set('kind', kind)}
            />
            {kind === 'snapshot' ? 'Snapshot' : 'Log'}
            <span className="muted small">
              {kind === 'snapshot' ? 'the locals of every frame, once' : 'a line per hit, from a template'}
            </span>
          </label>
        ))}
      </fieldset>
      <div className="form-grid">
        <Field id="service" label="Service" problem={problemOf('service')}>
          {(control) => (
            <>
              <input
                {...control}
                list="tracing-services"
                value={draft.service}
                onChange={(e) => set('service', e.target.value)}
                placeholder="checkout"
              />
              <datalist id="tracing-services">
                {services.map((service) => (
                  <option key={service} value={service} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field id="file" label="File" problem={problemOf('file')} wide>
          {(control) => (
            <input
              {...control}
              value={draft.file}
              onChange={(e) => set('file', e.target.value)}
              placeholder="src/pricing.js"
            />
          )}
        </Field>
        <Field id="line" label="Line" problem={problemOf('line')}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              value={draft.line}
              onChange={(e) => set('line', e.target.value)}
            />
          )}
        </Field>
        <Field id="condition" label="Condition (optional)" problem={problemOf('condition')} wide>
          {(control) => (
            <input
              {...control}
              className="mono"
              value={draft.condition}
              onChange={(e) => set('condition', e.target.value)}
              placeholder="order.total === 0"
            />
          )}
        </Field>
        {draft.kind === 'log' && (
          <Field id="template" label="Template" problem={problemOf('template')} wide>
            {(control) => (
              <input
                {...control}
                className="mono"
                value={draft.template}
                onChange={(e) => set('template', e.target.value)}
                placeholder="total {order.total} for {user.id}"
              />
            )}
          </Field>
        )}
        <Field id="maxHits" label="Max hits" problem={problemOf('maxHits')}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              value={draft.maxHits}
              onChange={(e) => set('maxHits', e.target.value)}
              placeholder={draft.kind === 'snapshot' ? '1' : '100'}
            />
          )}
        </Field>
        <Field id="ttlSeconds" label="Expires after" problem={problemOf('ttlSeconds')}>
          {(control) => (
            <select
              {...control}
              value={draft.ttlSeconds}
              onChange={(e) => set('ttlSeconds', Number(e.target.value))}
            >
              {TTL_CHOICES.map(([seconds, label]) => (
                <option key={seconds} value={seconds}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {draft.kind === 'log' && (
        <label className="checkbox">
          <input type="checkbox" checked={draft.stdout} onChange={(e) => set('stdout', e.target.checked)} />
          Also write each line to the service's stdout
        </label>
      )}
      {place.error && (
        <p className="load-error" role="alert">
          {place.error.message}
        </p>
      )}
      <button type="submit" className="primary-button" disabled={place.busy}>
        Place {draft.kind}
      </button>
    </form>
  );
}

interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/** A labelled control; the problem the collector named for the field shows under it and is tied to it. */
function Field({
  id,
  label,
  problem,
  wide = false,
  children,
}: {
  id: string;
  label: string;
  problem: string | undefined;
  wide?: boolean;
  children: (control: ControlProps) => ReactNode;
}) {
  const controlId = `tracing-${id}`;
  const problemId = `${controlId}-problem`;
  return (
    <div className={wide ? 'field wide' : 'field'}>
      <label htmlFor={controlId}>{label}</label>
      {children({
        id: controlId,
        'aria-invalid': problem !== undefined,
        'aria-describedby': problem ? problemId : undefined,
      })}
      {problem && (
        <p className="field-problem" id={problemId}>
          {problem}
        </p>
      )}
    </div>
  );
}

/** The request as the collector takes it: empty optional fields left out, numbers as numbers. */
function toRequest(draft: Draft): PlaceTracingAction {
  const request: PlaceTracingAction = {
    kind: draft.kind,
    service: draft.service.trim(),
    file: draft.file.trim(),
    line: Number(draft.line),
    ttlSeconds: draft.ttlSeconds,
  };
  if (draft.condition.trim()) request.condition = draft.condition.trim();
  if (draft.kind === 'log') {
    if (draft.template.trim()) request.template = draft.template;
    if (draft.stdout) request.stdout = true;
  }
  if (draft.maxHits.trim()) request.maxHits = Number(draft.maxHits);
  return request;
}
