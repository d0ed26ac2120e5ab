import type { ComponentProps } from "react";
import { cx } from "./class-names";

/** What a state means to the reader, not which state it is: features map their own states onto a tone. */
export type StatusTone = "ok" | "warn" | "danger" | "neutral" | "info";

const toneClasses: Record<StatusTone, { pill: string; dot: string }> = {
  ok: { pill: "bg-ok-soft text-ok ring-ok/25", dot: "bg-ok" },
  warn: { pill: "bg-warn-soft text-warn ring-warn/25", dot: "bg-warn" },
  danger: { pill: "bg-danger-soft text-danger ring-danger/25", dot: "bg-danger" },
  neutral: { pill: "bg-neutral-soft text-neutral ring-neutral/20", dot: "bg-neutral" },
  info: { pill: "bg-accent-soft text-accent-strong ring-accent/25", dot: "bg-accent" },
};

/** A rounded label with a coloured dot. The text carries the meaning; colour only reinforces it. */
export function StatusPill({
  tone,
  className,
  children,
  ...rest
}: ComponentProps<"span"> & { tone: StatusTone }) {
  const classes = toneClasses[tone];
  return (
    <span
      className={cx(
        "inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset",
        classes.pill,
        className,
      )}
      {...rest}
    >
      <span aria-hidden="true" className={cx("size-1.5 rounded-full", classes.dot)} />
      {children}
    </span>
  );
}
