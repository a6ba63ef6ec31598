import { useRef, useState } from 'react';

/** A shell command with a Copy button; where the clipboard is refused, the text is selected instead. */
export function CopyableCommand({ command, label }: { command: string; label: string }) {
  const code = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<'copied' | 'selected' | null>(null);

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(command);
      setCopied('copied');
    } catch {
      if (code.current) window.getSelection()?.selectAllChildren(code.current);
      setCopied('selected');
    }
  }

  return (
    <div className="command">
      <pre>
        <code ref={code}>{command}</code>
      </pre>
      <button
        type="button"
        className="secondary-button"
        aria-label={`Copy the ${label} command`}
        onClick={copy}
      >
        {copied === 'copied' ? 'Copied' : copied === 'selected' ? 'Press Ctrl+C' : 'Copy'}
      </button>
    </div>
  );
}
