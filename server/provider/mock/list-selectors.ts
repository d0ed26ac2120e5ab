import "server-only";
import { AppError } from "@/lib/errors/app-error";

/**
 * Kubernetes list selectors over in-memory objects, for MockProvider's listVMs. Label selectors: `k=v`, `k==v`,
 * `k!=v`, `k`, `!k`, `k in (a,b)`, `k notin (a,b)`, comma-separated (all must hold). Field selectors: only
 * `metadata.name` and `metadata.namespace` with `=`, `==`, `!=`, as kubesim and the apiserver serve for CRs.
 */

export function matchesLabelSelector(labels: Record<string, string>, selector: string | undefined): boolean {
  if (!selector?.trim()) return true;
  return splitTerms(selector).every((term) => matchesTerm(labels, term));
}

export function matchesFieldSelector(
  fields: { name: string; namespace: string },
  selector: string | undefined,
): boolean {
  if (!selector?.trim()) return true;
  return selector.split(",").every((raw) => {
    const term = raw.trim();
    const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw invalid(`invalid field selector "${term}"`);
    const [, field, op, value] = m;
    const actual =
      field === "metadata.name" ? fields.name : field === "metadata.namespace" ? fields.namespace : undefined;
    if (actual === undefined) throw invalid(`field label not supported: ${field}`);
    return op === "!=" ? actual !== value : actual === value;
  });
}

/** Splits on commas outside parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of selector) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      terms.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim()) terms.push(current.trim());
  return terms;
}

function matchesTerm(labels: Record<string, string>, term: string): boolean {
  const set = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (set) {
    const [, k = "", op, list = ""] = set;
    const values = list.split(",").map((v) => v.trim());
    const has = k in labels && values.includes(labels[k] ?? "");
    return op === "in" ? has : !has;
  }
  const eq = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(term);
  if (eq) {
    const [, k = "", op, v] = eq;
    return op === "!=" ? labels[k] !== v : labels[k] === v;
  }
  const exists = /^(!?)([\w./-]+)$/.exec(term);
  if (exists) {
    const [, not, k = ""] = exists;
    return not ? !(k in labels) : k in labels;
  }
  throw invalid(`unable to parse requirement: "${term}"`);
}

function invalid(message: string): AppError<"K8S_INVALID"> {
  return new AppError("K8S_INVALID", { cluster: "", k8s_message: message }, { message });
}
