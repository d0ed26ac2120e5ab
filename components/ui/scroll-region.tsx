import type { ReactNode } from "react";
import { cx } from "./class-names";

/**
 * A box that scrolls sideways when its content (a wide table) does not fit. Keyboard users must be able to
 * scroll it too, so it takes focus and carries a name (WCAG 2.1.1; axe `scrollable-region-focusable`).
 */
export function ScrollRegion({
  label,
  className,
  children,
}: {
  /** The accessible name of the region, usually the table's. */
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section tabIndex={0} aria-label={label} className={cx("overflow-x-auto", className)}>
      {children}
    </section>
  );
}
