/** Joins class names, skipping falsy parts, so components can take an optional `className`. */
export function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(" ");
}
