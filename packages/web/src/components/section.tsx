import type { ReactNode } from 'react';

/** A titled block of a page; `id` lets other parts of the page scroll to it. */
export function Section({
  title,
  aside,
  id,
  children,
}: {
  title: string;
  aside?: ReactNode;
  id?: string;
  children: ReactNode;
}) {
  const headingId = `${id ?? title.toLowerCase().replace(/\W+/g, '-')}-heading`;
  return (
    <section className="section" id={id} aria-labelledby={headingId}>
      <header className="section-head">
        <h2 id={headingId}>{title}</h2>
        {aside && <div className="section-aside">{aside}</div>}
      </header>
      {children}
    </section>
  );
}
