/** The fixture and its fidelity report, for people. */
import type { EncodedValue } from '@flashback/protocol/types';
import type { FidelityReport, Fixture } from '@flashback/replay';

export function formatFixture(fixture: Fixture): string {
  if (fixture.databases.length === 0) return 'The package shows no database queries: the fixture is empty.\n';
  const lines: string[] = [];
  for (const db of fixture.databases) {
    lines.push(`${db.system} ${db.database}`);
    for (const table of db.tables) {
      const columns = table.columns.map((c) => c.name);
      lines.push(`  ${table.name} (${table.rows.length} row${table.rows.length === 1 ? '' : 's'})`);
      lines.push(`    ${columns.join(' | ')}`);
      for (const row of table.rows) {
        lines.push(
          `    ${columns.map((c) => show(row.values[c])).join(' | ')}    ← #${row.from.join(', #')}`,
        );
      }
    }
    for (const note of db.notes)
      lines.push(`  note${note.seq === null ? '' : ` #${note.seq}`}: ${note.message}`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatFidelity(reports: readonly FidelityReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    lines.push(`Fidelity ${report.database}: ${report.ok ? 'every recorded query matches' : 'MISMATCH'}`);
    for (const e of report.entries) {
      const mark = e.status === 'match' ? 'ok  ' : e.status === 'mismatch' ? 'DIFF' : 'skip';
      lines.push(`  ${mark} #${e.seq} ${e.kind.padEnd(5)} ${oneLine(e.statement)}`);
      if (e.firstDifference) lines.push(`         ${e.firstDifference}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function show(value: EncodedValue | undefined): string {
  if (value === undefined || value === null) return 'NULL';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function oneLine(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  return text.length > 90 ? `${text.slice(0, 89)}…` : text;
}
