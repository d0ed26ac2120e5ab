// What the home page and /api/v1/system/status report (built by server/system/system-status.ts).

export interface SystemStatus {
  checkedAt: string;
  database: { ok: boolean; latencyMs?: number; errorCode?: string };
  /** "unknown" when the database cannot be asked. */
  worker: { state: "up" | "down" | "never-seen" | "unknown"; lastSeenAt?: string; instances: number };
}
