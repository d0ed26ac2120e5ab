// Every value of the cluster view vocabulary that the UI names, as runtime lists: the record types make the
// compiler refuse a list that misses a value, and cluster-messages.test.ts checks each has a message.
import type {
  CacheStatusView,
  FeatureSourceView,
  HealthCheckView,
  WatcherStateView,
} from "@/lib/clusters/cluster-views";
import { ClusterStatus } from "@/lib/domain/cluster";
import { HealthReasonCode } from "@/lib/domain/cluster-health";
import { Environment } from "@/lib/domain/environment";

const watcherStates: Record<WatcherStateView, true> = {
  watching: true,
  rebuilding: true,
  failing: true,
  forbidden: true,
  stopped: true,
  not_started: true,
};
const cacheStatuses: Record<CacheStatusView, true> = { FRESH: true, STALE: true, REBUILDING: true };
const featureSources: Record<FeatureSourceView, true> = { detected: true, dry_run: true, uncertain: true };
const checkTriggers: Record<HealthCheckView["trigger"], true> = { schedule: true, manual: true };

export const CLUSTER_VOCABULARY = {
  status: Object.values(ClusterStatus),
  reasons: Object.values(HealthReasonCode),
  watcherState: Object.keys(watcherStates) as WatcherStateView[],
  cacheStatus: Object.keys(cacheStatuses) as CacheStatusView[],
  featureSource: Object.keys(featureSources) as FeatureSourceView[],
  trigger: Object.keys(checkTriggers) as HealthCheckView["trigger"][],
  environment: Object.values(Environment),
} as const;
