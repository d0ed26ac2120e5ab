// One simulated cluster: store + registry + API + KubeVirt (admission, subresources, controller) + control
// API, served over node:http or node:https. Owns every timer and socket it creates; stop() leaves nothing.
import { randomBytes } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { type ApiContext, safeHandle } from "./api-handler.ts";
import { Authenticator, type Identity, type TokenGrant } from "./auth.ts";
import { handleControl } from "./control-api.ts";
import { Controller } from "./controller.ts";
import { SUBRESOURCES_GROUP } from "./discovery.ts";
import { FaultInjector } from "./faults.ts";
import { GarbageCollector } from "./garbage-collector.ts";
import { kubevirtAdmission } from "./kubevirt-admission.ts";
import { KubeVirtInfo } from "./kubevirt-info.ts";
import { KubeVirtSubresources, SUBRESOURCE_VERSIONS } from "./kubevirt-subresources.ts";
import { ObjectService } from "./object-service.ts";
import { type Profile, type ProfileInput, resolveProfile } from "./profile.ts";
import { RequestLog } from "./request-log.ts";
import { ResourceRegistry } from "./resource-registry.ts";
import { ResourceStore } from "./resource-store.ts";
import { seedCluster } from "./seed.ts";
import { TimerSet } from "./timer-set.ts";
import type { TlsMaterial } from "./tls.ts";
import { WatchHub } from "./watch-hub.ts";

export interface ClusterOptions {
  name?: string;
  profile?: string | ProfileInput;
  /** Delay of each controller step (ms). Default 300; tests use 0. */
  stepDelayMs?: number;
  crashLoopBackoffMs?: number;
  /** Period of BOOKMARK events on watches that allow them (ms). Default 60 000 like the apiserver. */
  bookmarkIntervalMs?: number;
  /** Retained events (the "etcd compaction" window). Default 10 000. */
  historyLimit?: number;
  /** First resourceVersion; default time-based (µs since the epoch), so a restarted cluster never reuses one. */
  startRevision?: number;
  /** Bearer tokens; `false` disables authentication. Default: a random admin and a read-only token. */
  tokens?: { admin?: string; readOnly?: string } | false;
  tls?: TlsMaterial;
  /** Override the profile's VM count (scale tests). */
  vmCount?: number;
}

export class Cluster {
  readonly name: string;
  readonly store: ResourceStore;
  readonly registry: ResourceRegistry;
  readonly kv: KubeVirtInfo;
  readonly objects: ObjectService;
  readonly hub: WatchHub;
  readonly faults = new FaultInjector();
  /** API requests received (control API excluded), for tests and benchmarks that count calls. */
  readonly requests = new RequestLog();
  readonly auth: Authenticator;
  readonly controller: Controller;
  readonly gc: GarbageCollector;
  readonly subresources: KubeVirtSubresources;
  readonly adminToken?: string;
  readonly readOnlyToken?: string;
  profile: Profile;
  private server: http.Server | https.Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new TimerSet();
  private port = 0;
  private host = "127.0.0.1";
  down = false;
  stopped = false;

  constructor(private readonly options: ClusterOptions = {}) {
    this.name = options.name ?? "kubesim";
    this.profile = this.withOverrides(resolveProfile(options.profile));
    this.store = new ResourceStore(
      options.historyLimit ?? 10_000,
      options.startRevision ?? Date.now() * 1000,
    );
    this.registry = new ResourceRegistry(this.store);
    this.kv = new KubeVirtInfo(this.store, this.profile.kubevirtVersion);
    this.objects = new ObjectService(this.store, [kubevirtAdmission(this.store, this.kv)]);
    this.hub = new WatchHub(this.store, options.bookmarkIntervalMs ?? 60_000);
    const grants: TokenGrant[] = [];
    if (options.tokens !== false) {
      this.adminToken = options.tokens?.admin ?? `kubesim-admin-${randomBytes(12).toString("hex")}`;
      this.readOnlyToken = options.tokens?.readOnly ?? `kubesim-viewer-${randomBytes(12).toString("hex")}`;
      grants.push({ token: this.adminToken, user: "kubesim-admin", role: "admin" });
      grants.push({ token: this.readOnlyToken, user: "kubesim-viewer", role: "read-only" });
    }
    this.auth = new Authenticator(grants);
    this.controller = new Controller(this.store, this.objects, this.registry, {
      stepDelayMs: options.stepDelayMs ?? 300,
      crashLoopBackoffMs: options.crashLoopBackoffMs,
      kubevirtVersion: () => this.kv.version,
    });
    this.gc = new GarbageCollector(this.store, this.objects, this.registry);
    this.subresources = new KubeVirtSubresources(this.registry, this.objects, this.kv);
    this.controller.start();
    this.gc.start();
    this.seed(this.profile);
  }

  private withOverrides(p: Profile): Profile {
    if (this.options.vmCount === undefined) return p;
    return { ...p, vms: { ...p.vms, count: this.options.vmCount } };
  }

  /** Replaces the whole cluster content with a profile's seed data. */
  seed(profile: Profile): void {
    this.profile = profile;
    this.kv.version = profile.kubevirtVersion;
    // Open watches would otherwise see the whole new seed as ADDED events; end them first.
    this.hub.dropAll();
    this.controller.forget();
    this.gc.forget();
    this.controller.quietly(() => {
      this.store.clear();
      const { kick } = seedCluster(this.store, profile);
      for (const k of kick) this.controller.kick(k.namespace, k.name);
    });
  }

  reseed(profile?: string | ProfileInput): void {
    this.seed(profile === undefined ? this.profile : resolveProfile(profile));
  }

  get url(): string {
    return `${this.options.tls ? "https" : "http"}://${this.host}:${this.port}`;
  }

  get tls(): TlsMaterial | undefined {
    return this.options.tls;
  }

  private apiContext(): ApiContext {
    return {
      store: this.store,
      registry: this.registry,
      objects: this.objects,
      hub: this.hub,
      auth: this.auth,
      faults: this.faults,
      aggregatedGroups: () =>
        this.kv.subresourcesRegistered()
          ? [{ name: SUBRESOURCES_GROUP, versions: SUBRESOURCE_VERSIONS }]
          : [],
      aggregated: (
        _group: string,
        segs: string[],
        req: IncomingMessage,
        res: ServerResponse,
        id: Identity,
        body: () => Promise<string>,
      ) => this.subresources.handle(segs, req, res, id, body),
    };
  }

  private handler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path.startsWith("/_kubesim/")) {
      handleControl(this, req, res);
      return;
    }
    this.requests.record(req);
    safeHandle(this.apiContext(), req, res);
  };

  async listen(port = 0, host = "127.0.0.1"): Promise<void> {
    this.host = host;
    const server = this.options.tls
      ? https.createServer({ key: this.options.tls.keyPem, cert: this.options.tls.certPem }, this.handler)
      : http.createServer(this.handler);
    server.on("connection", (s: Socket) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    server.on("secureConnection", (s: Socket) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    this.down = false;
  }

  private async closeServer(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    this.hub.dropAll();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
  }

  /** Control API "outage": refuse connections for `ms`, then listen again on the same port. */
  async goDown(ms: number): Promise<void> {
    if (this.down || this.stopped) return;
    this.down = true;
    await this.closeServer();
    this.timers.set(() => {
      if (this.stopped) return;
      this.listen(this.port, this.host).catch(() => {
        this.down = true;
      });
    }, ms);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.timers.close();
    this.faults.dispose();
    this.controller.stop();
    this.gc.stop();
    this.hub.stop();
    this.registry.dispose();
    await this.closeServer();
  }
}
