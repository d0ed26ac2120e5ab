import { cx } from "./class-names";

/** A small spinning ring. Pass `label` when the spinner is the only sign of progress on screen. */
export function Spinner({ label, className }: { label?: string; className?: string }) {
  return (
    <span role={label ? "status" : undefined} className={cx("inline-flex items-center gap-2", className)}>
      <span
        aria-hidden="true"
        className="size-4 animate-spin rounded-full border-2 border-line-strong border-t-accent"
      />
      {label ? <span className="text-sm text-ink-muted">{label}</span> : null}
    </span>
  );
}
