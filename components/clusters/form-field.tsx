import { type ReactNode, useId } from "react";
import { cx } from "@/components/ui/class-names";

export interface FieldControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

/**
 * A labelled form control with its hint below. The hint is outside the `<label>` (tied by
 * aria-describedby) so the control's accessible name is the label alone; an invalid field shows the hint
 * as the error, prefixed by `error` when given.
 */
export function FormField({
  label,
  hint,
  error,
  invalid = false,
  children,
}: {
  label: string;
  hint?: ReactNode;
  error?: ReactNode;
  invalid?: boolean;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {children({
        id,
        "aria-describedby": hint || (invalid && error) ? hintId : undefined,
        "aria-invalid": invalid || undefined,
      })}
      {hint || (invalid && error) ? (
        <span id={hintId} className={cx("text-xs", invalid ? "text-danger" : "text-ink-muted")}>
          {invalid && error ? <>{error} </> : null}
          {hint}
        </span>
      ) : null}
    </div>
  );
}
