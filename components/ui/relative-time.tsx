"use client";

// "3 minutes ago" that keeps itself current, with the exact local date and time on hover. A server clock
// slightly ahead of the browser's reads as "now", not "in 2 seconds".
import { useFormatter, useNow } from "next-intl";

/**
 * `relativeTo` (an ISO time) fixes the reference, e.g. the moment a status was checked, so the server and the
 * browser render the same text; without it the reference is the browser clock, kept current.
 */
export function useRelativeTimeText(): (iso: string, relativeTo?: string) => string {
  const format = useFormatter();
  const clock = useNow({ updateInterval: 15_000 });
  return (iso, relativeTo) => {
    const now = relativeTo ? new Date(relativeTo) : clock;
    const date = new Date(iso);
    return format.relativeTime(date.getTime() > now.getTime() ? now : date, now);
  };
}

export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const format = useFormatter();
  const relative = useRelativeTimeText();
  return (
    <time
      dateTime={iso}
      title={format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium" })}
      className={className}
      suppressHydrationWarning
    >
      {relative(iso)}
    </time>
  );
}
