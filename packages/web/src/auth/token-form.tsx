import { type FormEvent, useState } from 'react';

/** Asks for a read token: shown with no token, and when the collector refused the one we had. */
export function TokenForm({ refused, onToken }: { refused: boolean; onToken(token: string): void }) {
  const [token, setToken] = useState('');
  function submit(event: FormEvent): void {
    event.preventDefault();
    if (token.trim()) onToken(token.trim());
  }
  return (
    <main className="token-page">
      <form className="token-form" onSubmit={submit} aria-labelledby="token-heading">
        <h1 id="token-heading">Flashback</h1>
        {refused ? (
          <p className="load-error" role="alert">
            The collector did not accept that token. Paste a valid read token.
          </p>
        ) : (
          <p className="muted">
            Paste a read token. <code>flashback serve</code> prints a link that carries one.
          </p>
        )}
        <label htmlFor="token-input">Read token</label>
        <input
          id="token-input"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(event) => setToken(event.target.value)}
        />
        <button type="submit">Open</button>
      </form>
    </main>
  );
}
