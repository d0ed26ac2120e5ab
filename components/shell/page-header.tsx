import type { ReactNode } from "react";

/** A page's title and the sentence under it that says what the page is for. */
export function PageHeader({ heading, intro }: { heading: ReactNode; intro: ReactNode }) {
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">{heading}</h1>
      <p className="mt-1 max-w-3xl text-ink-muted">{intro}</p>
    </div>
  );
}
