/**
 * The interactive part of `flashback replay --step`: n / → forward, p / ← back, q quit. In a
 * terminal keys act at once; from a pipe each line is a key, so the stepping can be scripted.
 */
import { createInterface } from 'node:readline';
import type { ReplayReport, TimeTravel } from '@flashback/effects';
import { formatView } from './replay-format.js';

const KEYS = 'n/→ next   p/← previous   q quit';
const CLEAR = '\x1b[2J\x1b[H';

type Move = 'forward' | 'back' | 'quit' | undefined;

export async function stepThrough(
  travel: TimeTravel,
  report: ReplayReport,
  write: (text: string) => void,
): Promise<void> {
  const tty = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const show = () => write(`${tty ? CLEAR : ''}${formatView(travel.view, report)}${KEYS}\n`);
  show();
  for await (const move of moves(tty)) {
    if (move === 'quit') break;
    const moved = move === 'forward' ? travel.forward() : move === 'back' ? travel.back() : false;
    if (moved) show();
  }
}

async function* moves(tty: boolean): AsyncGenerator<Move> {
  if (!tty) {
    const lines = createInterface({ input: process.stdin });
    try {
      for await (const line of lines) yield toMove(line.trim());
    } finally {
      lines.close();
    }
    return;
  }
  process.stdin.setRawMode(true);
  process.stdin.setEncoding('utf8');
  try {
    for await (const chunk of process.stdin) {
      const move = toMove(String(chunk));
      yield move;
      if (move === 'quit') return;
    }
  } finally {
    process.stdin.setRawMode(false);
    process.stdin.pause();
  }
}

function toMove(key: string): Move {
  if (key === 'n' || key === '\x1b[C' || key === ' ' || key === '') return 'forward';
  if (key === 'p' || key === '\x1b[D') return 'back';
  if (key === 'q' || key === '\x03' || key === '\x04') return 'quit';
  return undefined;
}
