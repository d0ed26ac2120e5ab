"use client";

// A modal on the native <dialog>: the browser traps focus, makes the page behind it inert and closes it on
// Escape. `side` is a full-height panel at the right edge (an item's detail), `center` a confirmation, `wide` a
// form (scrolls when taller than the window). Content mounts only while open, so a closed form forgets what was
// typed into it. While `busy`,
// Escape is refused so a decision in flight cannot be abandoned half-way.
import { type ReactNode, useEffect, useId, useRef } from "react";
import { cx } from "./class-names";

const placements = {
  center: "m-auto w-[calc(100%-2rem)] max-w-lg rounded-lg",
  wide: "m-auto w-[min(42rem,calc(100vw-2rem))] rounded-lg",
  side: "my-0 mr-0 ml-auto h-dvh max-h-none w-full max-w-3xl",
};

export function ModalDialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  busy = false,
  placement = "center",
  headerAction,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  busy?: boolean;
  placement?: keyof typeof placements;
  /** e.g. a close button, at the end of the title row. */
  headerAction?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);

  // The safe choice first: a dialog may name an element to focus (e.g. Cancel) instead of the first one,
  // again when its content changes to another step (a batch's results).
  useEffect(() => {
    if (open && title !== undefined) ref.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, [open, title]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        if (busy) event.preventDefault();
      }}
      onClose={onClose}
      className={cx(
        "border border-line bg-surface p-0 text-ink shadow-xl backdrop:bg-ink/40",
        placements[placement],
      )}
    >
      {open ? (
        <div
          className={cx(
            "flex flex-col",
            placement === "side" && "h-full",
            placement === "wide" && "max-h-[85vh]",
          )}
        >
          <div className="flex items-start justify-between gap-4 border-b border-line px-5 py-4">
            <div className="min-w-0">
              <h2 id={titleId} className="break-words text-lg font-semibold">
                {title}
              </h2>
              {description ? (
                <div id={descriptionId} className="mt-1 text-sm text-ink-muted">
                  {description}
                </div>
              ) : null}
            </div>
            {headerAction}
          </div>
          {children ? (
            <div className={cx("px-5 py-4", placement !== "center" && "min-h-0 flex-1 overflow-y-auto")}>
              {children}
            </div>
          ) : null}
          {footer ? (
            <div className="flex flex-wrap items-center justify-end gap-3 border-t border-line px-5 py-3">
              {footer}
            </div>
          ) : null}
        </div>
      ) : null}
    </dialog>
  );
}
