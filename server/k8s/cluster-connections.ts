/**
 * clusterId → KubeClient for this process. A client is built on first use from the cluster's stored
 * kubeconfig (decrypted by the CredentialStore) and cached; credentials hot-load without a restart because
 * whoever changes them — rotation, disabling, deletion — calls `invalidate(clusterId)`, and the next `get`
 * builds afresh. Concurrent first calls share one load. A failed load is not cached.
 */
import "server-only";
import type { PrismaClient } from "../db/prisma";
import type { CredentialCipher } from "./credential-cipher";
import { CredentialStore } from "./credential-store";
import { KubeClient, type KubeClientOptions } from "./kube-client";

export interface ClusterConnectionsOptions {
  prisma: PrismaClient;
  cipher: CredentialCipher;
  /** Passed to every KubeClient built (user agent, warning hook …). */
  clientOptions?: KubeClientOptions;
}

interface Entry {
  client: Promise<KubeClient>;
}

export class ClusterConnections {
  readonly #store: CredentialStore;
  readonly #clientOptions: KubeClientOptions;
  readonly #entries = new Map<string, Entry>();

  constructor(opts: ClusterConnectionsOptions) {
    this.#store = new CredentialStore({ prisma: opts.prisma, cipher: opts.cipher });
    this.#clientOptions = opts.clientOptions ?? {};
  }

  /**
   * The cluster's client. Unknown or disabled cluster → AppError CLUSTER_NOT_FOUND; undecryptable credentials →
   * CREDENTIALS_UNREADABLE; a stored kubeconfig that no longer validates → KUBECONFIG_INVALID /
   * KUBECONFIG_AUTH_UNSUPPORTED. When `signal` aborts, rejects with its reason (the shared load goes on).
   */
  get(clusterId: string, opts: { signal?: AbortSignal } = {}): Promise<KubeClient> {
    const { signal } = opts;
    if (signal?.aborted) return Promise.reject(signal.reason);
    let entry = this.#entries.get(clusterId);
    if (!entry) {
      const created: Entry = { client: this.#build(clusterId) };
      created.client.catch(() => {
        // Forget a failed load so the next call retries; only if it is still the current entry.
        if (this.#entries.get(clusterId) === created) this.#entries.delete(clusterId);
      });
      this.#entries.set(clusterId, created);
      entry = created;
    }
    return signal ? raceAbort(entry.client, signal) : entry.client;
  }

  /** Forget the cluster's client (after its credentials changed or it was disabled or deleted). */
  invalidate(clusterId: string): void {
    const entry = this.#entries.get(clusterId);
    if (!entry) return;
    this.#entries.delete(clusterId);
    entry.client.then(
      (client) => client.close(),
      () => undefined,
    );
  }

  /** Closes every cached client (process shutdown, tests). */
  close(): void {
    for (const clusterId of [...this.#entries.keys()]) this.invalidate(clusterId);
  }

  async #build(clusterId: string): Promise<KubeClient> {
    const kubeconfig = await this.#store.load(clusterId);
    return new KubeClient(kubeconfig, this.#clientOptions);
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
