import { useState } from 'react';
import { useMutation } from '../api/use-mutation.js';
import { useResource } from '../api/use-resource.js';
import { absoluteTime, relativeTime } from '../format/time-format.js';
import { LoadState } from './load-state.js';

/** The issue's notes and the reasons kept with its status changes, oldest first, and a form to add one. */
export function IssueNotes({
  project,
  issueId,
  version,
  onAdded,
}: {
  project: string;
  issueId: string;
  /** Changes whenever something may have added a note (a resolve does). */
  version: number;
  onAdded(): void;
}) {
  const notes = useResource(`notes ${project} ${issueId} ${version}`, (api) =>
    api.issueNotes(project, issueId),
  );
  const [text, setText] = useState('');
  const add = useMutation((api, note: string) => api.addIssueNote(project, issueId, note));
  return (
    <>
      <LoadState resource={notes}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No notes yet.</p>
          ) : (
            <ol className="issue-notes" aria-label="Notes">
              {list.map((note) => (
                <li key={note.id}>
                  <p className="note-meta muted small">
                    {note.kind !== 'note' && <span className="tag">{note.kind}</span>} {note.author} ·{' '}
                    <span title={absoluteTime(note.createdAt)}>{relativeTime(note.createdAt)}</span>
                  </p>
                  <p className="note-text">{note.text}</p>
                </li>
              ))}
            </ol>
          )
        }
      </LoadState>
      <form
        className="note-form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (text.trim() && (await add.run(text.trim()))) {
            setText('');
            onAdded();
          }
        }}
      >
        <label htmlFor="note-text">Add a note</label>
        <textarea id="note-text" rows={2} value={text} onChange={(event) => setText(event.target.value)} />
        {add.error && (
          <p className="load-error" role="alert">
            {add.error.message}
          </p>
        )}
        <button type="submit" className="primary-button" disabled={add.busy || !text.trim()}>
          Add note
        </button>
      </form>
    </>
  );
}
