/**
 * The notice sent (NOTIFY `shepherd_adoptions_changed`) after a scan that changed the adoption inbox and after
 * every decision, relayed over SSE as event `adoption` to admins only: `{"cluster_id":"<id>"}`. It carries no
 * data: an open inbox re-queries. One parser for the web process and the browser.
 */

export interface AdoptionChangeNotice {
  cluster_id: string;
}

/** Parses a notice payload (JSON text); undefined when it is not one. */
export function parseAdoptionChangeNotice(payload: unknown): AdoptionChangeNotice | undefined {
  if (typeof payload !== "string") return undefined;
  try {
    const v: unknown = JSON.parse(payload);
    if (typeof v !== "object" || v === null) return undefined;
    const { cluster_id } = v as Record<string, unknown>;
    return typeof cluster_id === "string" && cluster_id !== "" ? { cluster_id } : undefined;
  } catch {
    return undefined;
  }
}
