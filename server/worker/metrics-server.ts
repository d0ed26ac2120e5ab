// The worker's HTTP endpoint on WORKER_METRICS_PORT: `/metrics` (Prometheus text), `/api/health/live`, and
// `/api/health/ready`, which answers 503 "degraded" when the database is unreachable or a watcher has not heard
// from its API server for longer than WATCH_HEARTBEAT_STALE_MS (SPEC §11: 120 s), with the SPEC's body shape.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../log";
import type { WatcherView, WorkerMetrics } from "./worker-metrics";

export interface ReadinessWatcher extends WatcherView {
  /** When the watcher started: the heartbeat age of one that never heard from its server counts from here. */
  startedAt: Date;
}

export interface MetricsServerOptions {
  port: number;
  host?: string;
  metrics: WorkerMetrics;
  watchers: () => readonly ReadinessWatcher[];
  checkDatabase: () => Promise<void>;
  heartbeatStaleMs: number;
  log: Logger;
}

export interface Readiness {
  status: "ok" | "degraded";
  checks: {
    database: { ok: boolean };
    resource_watchers: {
      status: "ok" | "degraded";
      count: number;
      watchers: {
        index: number;
        cluster: string;
        kind: string;
        status: string;
        last_heartbeat: string | null;
        heartbeat_age_ms: number;
      }[];
    };
  };
}

export async function readiness(opts: MetricsServerOptions, now = Date.now()): Promise<Readiness> {
  const database = await opts.checkDatabase().then(
    () => ({ ok: true }),
    () => ({ ok: false }),
  );
  const watchers = opts.watchers().map((w, index) => {
    const beat = w.status.lastHeartbeatAt ?? w.startedAt;
    return {
      index,
      cluster: w.clusterId,
      kind: w.kind,
      status: w.status.state,
      last_heartbeat: w.status.lastHeartbeatAt?.toISOString() ?? null,
      heartbeat_age_ms: now - beat.getTime(),
    };
  });
  const watchersOk = watchers.every((w) => w.heartbeat_age_ms <= opts.heartbeatStaleMs);
  return {
    status: database.ok && watchersOk ? "ok" : "degraded",
    checks: {
      database,
      resource_watchers: { status: watchersOk ? "ok" : "degraded", count: watchers.length, watchers },
    },
  };
}

/** Starts listening; resolves to the bound port and a close function. */
export async function startMetricsServer(
  opts: MetricsServerOptions,
): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" });
      res.end(body);
    };
    const handle = async () => {
      if (path === "/metrics")
        return send(200, opts.metrics.registry.contentType, await opts.metrics.registry.metrics());
      if (path === "/api/health/live") return send(200, "application/json", '{"status":"ok"}');
      if (path === "/api/health/ready") {
        const r = await readiness(opts);
        return send(r.status === "ok" ? 200 : 503, "application/json", JSON.stringify(r));
      }
      send(404, "text/plain", "not found");
    };
    handle().catch((err: unknown) => {
      opts.log.warn({ err }, "metrics endpoint failed");
      if (!res.headersSent) send(500, "text/plain", "error");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "0.0.0.0", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
