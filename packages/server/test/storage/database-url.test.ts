import { describe, expect, it } from 'vitest';
import { describeDatabaseTarget, parseDatabaseTarget } from '../../src/config/database-url.js';

describe('parseDatabaseTarget', () => {
  it('defaults to a SQLite file in the data directory', () => {
    expect(parseDatabaseTarget(undefined, './.flashback')).toEqual({
      dialect: 'sqlite',
      file: '.flashback/flashback.db',
    });
  });

  it('reads sqlite: and postgres:// forms', () => {
    expect(parseDatabaseTarget('sqlite:/var/lib/fb.db', '.')).toEqual({
      dialect: 'sqlite',
      file: '/var/lib/fb.db',
    });
    expect(parseDatabaseTarget('sqlite::memory:', '.')).toEqual({ dialect: 'sqlite', file: ':memory:' });
    expect(parseDatabaseTarget('postgresql://fb@db/flashback', '.')).toEqual({
      dialect: 'postgres',
      url: 'postgresql://fb@db/flashback',
    });
  });

  it('refuses anything else with a message that does not leak the password', () => {
    expect(() => parseDatabaseTarget('mysql://root:hunter2@db/x', '.')).toThrow(
      /expected sqlite:<file> or postgres/,
    );
    expect(() => parseDatabaseTarget('mysql://root:hunter2@db/x', '.')).not.toThrow(/hunter2/);
    expect(describeDatabaseTarget({ dialect: 'postgres', url: 'postgres://fb:secret@db/x' })).toBe(
      'postgres://fb:***@db/x',
    );
  });
});
