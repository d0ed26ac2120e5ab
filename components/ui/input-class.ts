/** The look of a text input, select or textarea in a form (the label around it sets its weight). */
export const inputClass = "rounded-md border border-line-strong bg-canvas px-3 py-1.5 text-sm font-normal";
