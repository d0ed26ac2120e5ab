import type { ReactNode } from "react";

/** What to show where content would be: a heading, one honest sentence, and optionally one action. */
export function EmptyState({
  title,
  description,
  action,
  headingLevel = 2,
}: {
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  headingLevel?: 1 | 2 | 3;
}) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="flex flex-col items-start gap-3 rounded-lg border border-dashed border-line-strong bg-surface px-6 py-10">
      <Heading className="text-lg font-semibold text-ink">{title}</Heading>
      {description ? <p className="max-w-prose text-ink-muted">{description}</p> : null}
      {action}
    </div>
  );
}
