import { type DragEvent, useState } from 'react';

/**
 * Where a trace comes from: a file chosen or dropped, or JSON pasted. Everything stays in the
 * browser: the text goes to `onText`, nothing is uploaded.
 */
export function TraceSource({ onText }: { onText(text: string, name: string): void }) {
  const [dragging, setDragging] = useState(false);
  const [pasted, setPasted] = useState('');

  async function openFile(file: File | undefined): Promise<void> {
    if (file) onText(await file.text(), file.name);
  }

  function drop(event: DragEvent): void {
    event.preventDefault();
    setDragging(false);
    void openFile(event.dataTransfer.files[0]);
  }

  return (
    <section
      aria-label="Open a trace"
      className={dragging ? 'trace-source dragging' : 'trace-source'}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
    >
      <p className="trace-source-lead">
        Drop a <code>flashback.effects-trace/1</code> JSON file here, or{' '}
        <label className="file-button">
          choose a file
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            aria-label="Trace file"
            onChange={(event) => void openFile(event.target.files?.[0])}
          />
        </label>
        .
      </p>
      <form
        className="trace-paste"
        onSubmit={(event) => {
          event.preventDefault();
          if (pasted.trim()) onText(pasted, 'pasted trace');
        }}
      >
        <label htmlFor="trace-paste-text" className="muted small">
          Or paste its JSON
        </label>
        <textarea
          id="trace-paste-text"
          rows={3}
          spellCheck={false}
          value={pasted}
          onChange={(event) => setPasted(event.target.value)}
        />
        <button type="submit" className="secondary-button" disabled={!pasted.trim()}>
          Open pasted trace
        </button>
      </form>
      <p className="muted small">The file is read in this browser; nothing is sent to the collector.</p>
    </section>
  );
}
