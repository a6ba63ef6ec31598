import { describe, expect, test } from 'vitest';
import { LineSplitter } from '../../src/sandbox/line-splitter.js';
import { OutputTail } from '../../src/sandbox/output-tail.js';

describe('OutputTail', () => {
  test('keeps everything under the limit', () => {
    const tail = new OutputTail(100);
    tail.push(Buffer.from('hello '));
    tail.push(Buffer.from('world'));
    expect(tail.text()).toBe('hello world');
    expect(tail.dropped).toBe(0);
  });

  test('keeps the last bytes and counts the dropped ones, across chunk boundaries', () => {
    const tail = new OutputTail(8);
    for (const chunk of ['abc', 'defgh', 'ijk', 'l']) tail.push(Buffer.from(chunk));
    expect(tail.text()).toBe('efghijkl');
    expect(tail.dropped).toBe(4);
  });

  test('never starts in the middle of a multi-byte character', () => {
    const tail = new OutputTail(4);
    tail.push(Buffer.from('aé€ok')); // a(1) é(2) €(3) o(1) k(1): the last 4 bytes start inside €
    expect(tail.text()).toBe('ok');
  });
});

describe('LineSplitter', () => {
  test('emits complete lines across chunks, without CR, and the last partial line at the end', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    for (const chunk of ['fix', 'tures ready\nstubs', ' ready\r\n', 'é'.slice(0, 1), '\napp'])
      splitter.push(Buffer.from(chunk));
    splitter.end();
    expect(lines).toEqual(['fixtures ready', 'stubs ready', 'é', 'app']);
  });

  test('decodes a character split between chunks', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    const bytes = Buffer.from('€\n');
    splitter.push(bytes.subarray(0, 1));
    splitter.push(bytes.subarray(1));
    expect(lines).toEqual(['€']);
  });

  test('stops calling a callback that threw, without throwing itself', () => {
    let calls = 0;
    const splitter = new LineSplitter(() => {
      calls++;
      throw new Error('bug in the progress printer');
    });
    expect(() => splitter.push(Buffer.from('one\ntwo\n'))).not.toThrow();
    expect(calls).toBe(1);
  });
});
