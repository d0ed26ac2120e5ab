/**
 * A core/v1 Event (wire) → KubeEvent. Defensive like every mapper: an Event is only displayed, so nothing in it
 * is required; a missing reason/message reads as "", a count below 1 as 1, `type` other than "Warning" as Normal.
 * Times: firstSeen = firstTimestamp, lastSeen = lastTimestamp; events.k8s.io/v1 recorders leave those empty and
 * set eventTime (and series.lastObservedTime), which are the fallbacks.
 */
import "server-only";
import type { KubeEvent } from "@/lib/domain/kube-event";
import { date, num, rec, str } from "./selectors";

interface WireEvent {
  type: unknown;
  reason: unknown;
  message: unknown;
  count: unknown;
  involvedObject: unknown;
  metadata: unknown;
  firstTimestamp: unknown;
  lastTimestamp: unknown;
  eventTime: unknown;
  series: unknown;
}

export function mapKubeEvent(wire: unknown): KubeEvent {
  const e = rec<WireEvent>(wire);
  const ref = rec<{ kind: unknown; name: unknown; namespace: unknown }>(e.involvedObject);
  const meta = rec<{ namespace: unknown }>(e.metadata);
  const series = rec<{ count: unknown; lastObservedTime: unknown }>(e.series);
  const count = num(e.count) ?? num(series.count) ?? 1;
  const firstSeen = date(e.firstTimestamp) ?? date(e.eventTime);
  const lastSeen = date(e.lastTimestamp) ?? date(series.lastObservedTime) ?? date(e.eventTime) ?? firstSeen;
  const out: KubeEvent = {
    type: e.type === "Warning" ? "Warning" : "Normal",
    reason: str(e.reason) ?? "",
    message: str(e.message) ?? "",
    involvedObject: {
      kind: str(ref.kind) ?? "",
      name: str(ref.name) ?? "",
      namespace: str(ref.namespace) ?? str(meta.namespace) ?? "",
    },
    count: count >= 1 ? Math.floor(count) : 1,
  };
  if (firstSeen !== undefined) out.firstSeen = firstSeen;
  if (lastSeen !== undefined) out.lastSeen = lastSeen;
  return out;
}
