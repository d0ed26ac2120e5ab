/**
 * What every mapper shares: the call context and the one check that may fail (a missing name or namespace).
 */
import { AppError } from "@/lib/errors/app-error";
import { date, EPOCH, rec, str, strMap } from "./selectors";
import type { ObjectMeta } from "./wire";

export interface MapContext {
  /** Cluster id, copied into every domain object. */
  cluster: string;
  /**
   * Told about each object a list mapper skipped, with the error and the raw object; the mapper does no logging
   * itself.
   */
  onSkip?: (error: unknown, raw: unknown) => void;
}

export interface Meta {
  name: string;
  namespace: string;
  createdAt: Date;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  deleting: boolean;
}

/**
 * Reads `metadata`. Name and, when `namespaced`, namespace must be non-empty strings, otherwise the object is
 * not a Kubernetes object of ours: `K8S_SCHEMA_INCOMPATIBLE`. Everything else falls back quietly; a missing or
 * malformed creationTimestamp reads as the Unix epoch.
 */
export function readMeta(obj: unknown, kind: string, ctx: MapContext, namespaced = true): Meta {
  const meta = rec<ObjectMeta>(rec<{ metadata: unknown }>(obj).metadata);
  const name = str(meta.name);
  if (name === undefined) throw incompatible(ctx, kind, "metadata.name");
  const namespace = str(meta.namespace);
  if (namespaced && namespace === undefined) throw incompatible(ctx, kind, "metadata.namespace");
  const out: Meta = {
    name,
    namespace: namespace ?? "",
    createdAt: date(meta.creationTimestamp) ?? new Date(EPOCH),
    deleting: date(meta.deletionTimestamp) !== undefined,
  };
  const labels = strMap(meta.labels);
  const annotations = strMap(meta.annotations);
  if (labels !== undefined) out.labels = labels;
  if (annotations !== undefined) out.annotations = annotations;
  return out;
}

function incompatible(ctx: MapContext, kind: string, field: string): AppError {
  return new AppError(
    "K8S_SCHEMA_INCOMPATIBLE",
    { cluster: ctx.cluster, kind, field },
    { message: `${kind} without ${field} on cluster ${ctx.cluster}` },
  );
}
