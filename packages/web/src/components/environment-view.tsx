import type { ErrorPackage } from '@flashback/protocol/types';
import { RedactableText } from './value-view.js';

/** Service, runtime, the allowlisted environment and the installed dependency versions. */
export function EnvironmentView({ pkg }: { pkg: ErrorPackage }) {
  const { service, runtime, mechanism } = pkg;
  const facts: [string, string][] = [
    ['Service', [service.name, service.version].filter(Boolean).join(' ')],
    ['Environment', service.environment ?? '—'],
    ['Commit', service.commit ?? '—'],
    ['Node', runtime.nodeVersion],
    ['Platform', `${runtime.platform} ${runtime.arch}`],
    ['Host', `${runtime.hostname} (pid ${runtime.pid})`],
    ['App root', runtime.appRoot],
    [
      'Captured by',
      `${mechanism.kind}${mechanism.framework ? ` (${mechanism.framework})` : ''}, ${mechanism.handled ? 'handled' : 'unhandled'}`,
    ],
    ['SDK', `${pkg.sdk.name} ${pkg.sdk.version}`],
  ];
  return (
    <div className="environment">
      <dl className="kv">
        {facts.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <NamedValues title="Environment variables" values={runtime.env} />
      <NamedValues title="Dependencies" values={runtime.dependencies} />
    </div>
  );
}

function NamedValues({ title, values }: { title: string; values: Record<string, string> }) {
  const names = Object.keys(values).sort();
  return (
    <div>
      <h4>{title}</h4>
      {names.length === 0 ? (
        <p className="muted small">None captured.</p>
      ) : (
        <dl className="kv mono">
          {names.map((name) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>
                <RedactableText text={values[name] ?? ''} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
