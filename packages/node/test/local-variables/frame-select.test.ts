import type { Debugger } from 'node:inspector';
import { describe, expect, it } from 'vitest';
import { InAppScripts, selectFrames } from '../../src/integrations/local-variables/frame-select.js';

const appRoot = '/srv/app';

function scripts(): InAppScripts {
  const known = new InAppScripts(appRoot);
  known.add('1', 'file:///srv/app/src/checkout.js');
  known.add('2', 'file:///srv/app/node_modules/express/lib/router.js');
  known.add('3', 'node:internal/timers');
  known.add('4', '/srv/app/src/legacy.cjs');
  known.add('5', '');
  return known;
}

function callFrame(
  scriptId: string,
  functionName: string,
  scopeTypes: string[],
  line = 9,
): Debugger.CallFrame {
  return {
    callFrameId: `frame-${scriptId}-${functionName}`,
    functionName,
    location: { scriptId, lineNumber: line, columnNumber: 4 },
    url: '',
    scopeChain: scopeTypes.map((type, i) => ({
      type,
      object: { type: 'object', objectId: `${functionName}:${type}:${i}` },
    })) as Debugger.Scope[],
    this: { type: 'undefined' },
  };
}

describe('InAppScripts', () => {
  it('keeps only scripts under the app root and outside node_modules', () => {
    const known = new InAppScripts(appRoot);
    expect(known.add('1', 'file:///srv/app/src/a.js')).toBe(true);
    expect(known.add('2', '/srv/app/src/b.cjs')).toBe(true);
    expect(known.add('3', 'file:///srv/app/node_modules/pg/lib/client.js')).toBe(false);
    expect(known.add('4', 'node:fs')).toBe(false);
    expect(known.add('5', 'file:///srv/other/c.js')).toBe(false);
    expect(known.add('6', '')).toBe(false);
    expect(known.urlOf('3')).toBeUndefined();
  });
});

describe('selectFrames', () => {
  it('picks in-app frames with 1-based positions and their own scopes only', () => {
    const selected = selectFrames(
      [
        callFrame('3', 'listOnTimeout', ['local', 'global']),
        callFrame('1', 'charge', ['block', 'local', 'closure', 'module', 'global']),
        callFrame('2', 'handle', ['local', 'global']),
        callFrame('4', 'legacy', ['catch', 'local', 'global']),
      ],
      scripts(),
      10,
    );
    expect(selected).toEqual([
      {
        frame: { function: 'charge', url: 'file:///srv/app/src/checkout.js', line: 10, column: 5, scopes: 2 },
        scopeObjectIds: ['charge:block:0', 'charge:local:1'],
      },
      {
        frame: { function: 'legacy', url: '/srv/app/src/legacy.cjs', line: 10, column: 5, scopes: 2 },
        scopeObjectIds: ['legacy:catch:0', 'legacy:local:1'],
      },
    ]);
  });

  it('takes the module scope for module top-level code', () => {
    const [selected] = selectFrames([callFrame('1', '', ['module', 'global'])], scripts(), 10);
    expect(selected?.frame.function).toBe('<anonymous>');
    expect(selected?.scopeObjectIds).toEqual([':module:0']);
  });

  it('looks no deeper than maxFrames', () => {
    const frames = [callFrame('3', 'internal', ['local']), callFrame('1', 'charge', ['local'])];
    expect(selectFrames(frames, scripts(), 1)).toEqual([]);
  });
});
