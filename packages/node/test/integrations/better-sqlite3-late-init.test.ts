import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uninstallModuleHooks } from '../../src/instrument/module-hook.js';
import { unwrapAll } from '../../src/instrument/wrap.js';
import { betterSqlite3Integration } from '../../src/integrations/better-sqlite3/index.js';
import { dbEvents, inRequest, setUpDbIntegration } from './support/db-capture.js';

// As an app that opened its database and prepared its statements before starting the SDK.
const db = new Database(':memory:');
db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
const select = db.prepare('SELECT v FROM t ORDER BY id');

beforeAll(() => {
  setUpDbIntegration(betterSqlite3Integration());
});

afterAll(() => {
  db.close();
  unwrapAll();
  uninstallModuleHooks();
});

describe('better-sqlite3 integration started late', () => {
  it('records statements prepared before setup, with no prepare() call after it', async () => {
    const { result, context } = await inRequest(() => {
      db.transaction(() => insert.run('a'))();
      return select.all();
    });
    expect(result).toEqual([{ v: 'a' }]);
    expect(dbEvents(context.timeline()).map((e) => [e.operation, e.statement])).toEqual([
      ['run', 'BEGIN'],
      ['run', 'INSERT INTO t (v) VALUES (?)'],
      ['run', 'COMMIT'],
      ['all', 'SELECT v FROM t ORDER BY id'],
    ]);
  });
});
