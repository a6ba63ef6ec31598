import type { TimelineEvent } from '@flashback/protocol/types';
import type { BundleView as Bundle, FixtureDatabaseView } from '../format/reproduction-read.js';
import { eventLabel, eventResult } from '../format/timeline-label.js';
import { RowsTable } from './rows-table.js';

/** The repro bundle: the app that ran, the fixture it started from, the stubs, and the run log. */
export function BundleView({ bundle, timeline }: { bundle: Bundle; timeline: TimelineEvent[] | undefined }) {
  return (
    <div className="bundle">
      {bundle.app && (
        <p className="muted small">
          Ran {bundle.app.service ?? 'the app'}
          {bundle.app.dir && (
            <>
              {' '}
              in <code>{bundle.app.dir}</code>
            </>
          )}
          {bundle.app.start && (
            <>
              {' '}
              with <code>{bundle.app.start}</code>
            </>
          )}
        </p>
      )}
      {bundle.databases.length > 0 && (
        <details className="fixture" open>
          <summary>Fixture</summary>
          {bundle.databases.map((database) => (
            <FixtureDatabase key={database.database} database={database} />
          ))}
        </details>
      )}
      {(bundle.httpStubs.length > 0 || bundle.redisStubs.length > 0) && (
        <details className="stubs">
          <summary>Stubs</summary>
          <ul>
            {bundle.httpStubs.map((stub) => (
              <StubItem key={stub.origin} name={stub.origin} seqs={stub.exchanges} timeline={timeline} />
            ))}
            {bundle.redisStubs.map((stub) => (
              <StubItem
                key={stub.server}
                name={`redis ${stub.server}`}
                seqs={stub.commands}
                timeline={timeline}
              />
            ))}
          </ul>
        </details>
      )}
      {bundle.log && (
        <details className="log">
          <summary>Run log</summary>
          <pre>{bundle.log}</pre>
        </details>
      )}
    </div>
  );
}

function FixtureDatabase({ database }: { database: FixtureDatabaseView }) {
  return (
    <div className="fixture-db">
      <p className="muted small">
        {database.system} · {database.database}
      </p>
      {database.tables.map((table) => (
        <div key={table.name} className="fixture-table">
          <RowsTable
            caption={`${table.name} (${table.rows.length} row${table.rows.length === 1 ? '' : 's'})`}
            columns={table.columns}
            rows={table.rows.map((row) => table.columns.map((column) => row.values[column] ?? null))}
            invented={(r, c) => table.rows[r]?.placeholders.includes(table.columns[c] ?? '') ?? false}
          />
          {table.ddl && (
            <details className="ddl">
              <summary>DDL</summary>
              <pre className="sql">{table.ddl}</pre>
            </details>
          )}
        </div>
      ))}
      {database.tables.some((table) => table.rows.some((row) => row.placeholders.length > 0)) && (
        <p className="muted small">
          <span className="invented">Underlined</span> values were invented to satisfy keys and constraints:
          no recorded query showed them.
        </p>
      )}
      {database.notes.length > 0 && (
        <ul className="notes">
          {database.notes.map((note, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: notes are listed in the order inferred.
            <li key={index}>
              {note.seq !== null && <span className="tag">#{note.seq}</span>} {note.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function StubItem({
  name,
  seqs,
  timeline,
}: {
  name: string;
  seqs: number[];
  timeline: TimelineEvent[] | undefined;
}) {
  return (
    <li>
      <code>{name}</code> replays
      <ul>
        {seqs.map((seq) => {
          const event = timeline?.find((e) => e.seq === seq);
          return (
            <li key={seq}>
              #{seq} {event ? `${eventLabel(event)} → ${eventResult(event)}` : ''}
            </li>
          );
        })}
      </ul>
    </li>
  );
}
