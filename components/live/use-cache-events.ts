"use client";

// Subscribes to `/api/events` (Server-Sent Events) while a component is mounted and reports whether live
// updates flow. EventSource reconnects by itself after a network drop; when the server refuses the stream
// (an HTTP error closes the EventSource for good) the hook opens a new one with backoff. After any
// reconnect, `onResync` runs: notices sent while disconnected are lost, so the caller refetches.
//
// Cluster notices (for the clusters page): pass `onClusterNotice`. The stream's `cluster` event carries
// `{cluster_id, change}` with change one of registered | updated | credentials_rotated | deleted | checked
// (lib/clusters/cluster-change-notice.ts) and no data — refetch the cluster list / that cluster's detail:
//   useCacheEvents({ onNotice: () => {}, onClusterNotice: (n) => invalidate(n.cluster_id), onResync });
// Every signed-in user receives them (they carry no secret); the admin API they lead to still needs admin.
// Pages that omit `onClusterNotice` (the VM list) see no difference.
//
// Adoption notices (for the adoption inbox): `onAdoptionNotice` gets `{cluster_id}` (event `adoption`,
// lib/adoption/adoption-change-notice.ts) after a scan changed that cluster's inbox or a decision was made;
// the server sends them to admins only.
//
// Task notices (for the VM page and My requests): `onTaskNotice` gets `{task_id, vm_id}` (event `task`,
// lib/vms/task-change-notice.ts) when a VM operation was requested, decided or reached its outcome; the
// server sends them to those who may see the VM. Refetch the task and the VM.
import { useEffect, useRef, useState } from "react";
import type { CacheNotice } from "@/components/vm/queries";
import { type AdoptionChangeNotice, parseAdoptionChangeNotice } from "@/lib/adoption/adoption-change-notice";
import { parseCacheChangeNotice } from "@/lib/cache/cache-change-notice";
import { type ClusterChangeNotice, parseClusterChangeNotice } from "@/lib/clusters/cluster-change-notice";
import { parseTaskChangeNotice, type TaskChangeNotice } from "@/lib/vms/task-change-notice";

export type LiveState = "connecting" | "live" | "paused";

export interface CacheEventHandlers {
  /** Cached cluster objects changed (VMs, migrations …), limited to what the caller may see. */
  onNotice?: (notice: CacheNotice) => void;
  onResync: () => void;
  /** A cluster changed (see the comment at the top); optional. */
  onClusterNotice?: (notice: ClusterChangeNotice) => void;
  /** An adoption inbox changed (admins only; see the comment at the top); optional. */
  onAdoptionNotice?: (notice: AdoptionChangeNotice) => void;
  /** A VM operation changed (see the comment at the top); optional. */
  onTaskNotice?: (notice: TaskChangeNotice) => void;
}

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

export function useCacheEvents(handlers: CacheEventHandlers, url = "/api/events"): LiveState {
  const [state, setState] = useState<LiveState>("connecting");
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let everReady = false;
    let disposed = false;

    const open = () => {
      if (disposed) return;
      const current = new EventSource(url);
      source = current;
      current.addEventListener("ready", () => {
        attempt = 0;
        setState("live");
        if (everReady) latest.current.onResync();
        everReady = true;
      });
      current.addEventListener("cache", (event) => {
        const notice = parseCacheChangeNotice((event as MessageEvent).data);
        if (notice) latest.current.onNotice?.(notice);
      });
      current.addEventListener("cluster", (event) => {
        const notice = parseClusterChangeNotice((event as MessageEvent).data);
        if (notice) latest.current.onClusterNotice?.(notice);
      });
      current.addEventListener("adoption", (event) => {
        const notice = parseAdoptionChangeNotice((event as MessageEvent).data);
        if (notice) latest.current.onAdoptionNotice?.(notice);
      });
      current.addEventListener("task", (event) => {
        const notice = parseTaskChangeNotice((event as MessageEvent).data);
        if (notice) latest.current.onTaskNotice?.(notice);
      });
      current.addEventListener("resync", () => latest.current.onResync());
      current.onerror = () => {
        if (disposed) return;
        setState("paused");
        if (current.readyState === EventSource.CLOSED) {
          current.close();
          const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** attempt);
          attempt++;
          retry = setTimeout(open, delay / 2 + (Math.random() * delay) / 2);
        }
      };
    };
    open();
    return () => {
      disposed = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [url]);

  return state;
}
