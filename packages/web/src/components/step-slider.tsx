import { useEffect } from 'react';

/**
 * A slider over positions 0..last with previous/next buttons; ← and → move it from anywhere on the
 * page except while typing (the slider itself takes the arrows natively when it has focus).
 */
export function StepSlider({
  position,
  last,
  label,
  onMove,
}: {
  position: number;
  last: number;
  /** What is at the position, e.g. `#4 http.request · command 5 of 5`. */
  label: string;
  onMove(position: number): void;
}) {
  const move = (to: number) => onMove(Math.min(last, Math.max(0, to)));

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      if (event.target instanceof Element && event.target.closest('input, textarea, select')) return;
      event.preventDefault();
      onMove(Math.min(last, Math.max(0, position + (event.key === 'ArrowRight' ? 1 : -1))));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [position, last, onMove]);

  return (
    <div className="step-slider">
      <button
        type="button"
        className="secondary-button"
        onClick={() => move(position - 1)}
        disabled={position === 0}
      >
        ← Previous
      </button>
      <input
        type="range"
        min={0}
        max={last}
        step={1}
        value={position}
        aria-label="Step"
        aria-valuetext={label}
        onChange={(event) => move(Number(event.target.value))}
      />
      <button
        type="button"
        className="secondary-button"
        onClick={() => move(position + 1)}
        disabled={position === last}
      >
        Next →
      </button>
      <output className="step-slider-label" aria-live="polite">
        {label}
      </output>
    </div>
  );
}
