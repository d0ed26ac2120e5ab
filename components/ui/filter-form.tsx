"use client";

// The filter bar above a list: labelled text fields applied on submit, labelled selects applied on change
// (by the caller), and an Apply button. Give the form a `key` built from the text values in the URL so its
// fields re-mount with them after back/forward or "clear".
import type { ComponentProps, FormEvent, ReactNode } from "react";
import { Button } from "./button";

const LABEL = "flex flex-col gap-1 text-sm text-ink-muted";
const FIELD = "rounded-md border border-line-strong bg-surface px-2 py-1.5 text-sm";

export function FilterForm<F extends string>({
  label,
  textFields,
  onApply,
  applyLabel,
  children,
  after,
}: {
  /** The form's accessible name. */
  label: string;
  /** Names of the text inputs read on submit. */
  textFields: readonly F[];
  /** Each text field's trimmed value; undefined when blank. */
  onApply: (values: Record<F, string | undefined>) => void;
  applyLabel: string;
  /** The fields, before the Apply button. */
  children: ReactNode;
  /** Controls after the Apply button (e.g. "clear filters"). */
  after?: ReactNode;
}) {
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = {} as Record<F, string | undefined>;
    for (const name of textFields) {
      const v = form.get(name);
      values[name] = typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
    }
    onApply(values);
  };
  return (
    <form aria-label={label} onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
      {children}
      <Button type="submit" variant="primary">
        {applyLabel}
      </Button>
      {after}
    </form>
  );
}

export function TextFilter({ label, ...input }: { label: string } & ComponentProps<"input">) {
  return (
    <label className={LABEL}>
      {label}
      <input className={FIELD} {...input} />
    </label>
  );
}

export function SelectFilter({
  label,
  options,
  anyLabel,
  ...select
}: {
  label: string;
  /** Value and text of each choice, in order. */
  options: readonly (readonly [value: string, text: string])[];
  /** Text of a first choice with the empty value, meaning "no filter". */
  anyLabel?: string;
} & Omit<ComponentProps<"select">, "children">) {
  return (
    <label className={LABEL}>
      {label}
      <select className={FIELD} {...select}>
        {anyLabel === undefined ? null : <option value="">{anyLabel}</option>}
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
