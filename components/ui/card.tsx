import type { ComponentProps } from "react";
import { cx } from "./class-names";

/** A bordered surface that groups one topic. Render as `section` with `aria-labelledby` for a landmark. */
export function Card({ className, ...rest }: ComponentProps<"section">) {
  return (
    <section className={cx("rounded-lg border border-line bg-surface p-5 shadow-xs", className)} {...rest} />
  );
}
