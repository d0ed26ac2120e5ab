"use client";

import { useFormatter, useNow } from "next-intl";

/** "3 minutes ago", with the exact local date and time on hover. A server clock slightly ahead reads as now. */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const format = useFormatter();
  const now = useNow({ updateInterval: 15_000 });
  const date = new Date(iso);
  const shown = date.getTime() > now.getTime() ? now : date;
  return (
    <time
      dateTime={iso}
      title={format.dateTime(date, { dateStyle: "medium", timeStyle: "medium" })}
      className={className}
      suppressHydrationWarning
    >
      {format.relativeTime(shown, now)}
    </time>
  );
}
