// virt-api's aggregated API `subresources.kubevirt.io`: version, VM start/stop/restart/migrate and VMI
// pause/unpause, with the run-strategy rules and 202/409 answers of KUBEVIRT-API.md §4.2–§4.3.
import type { IncomingMessage, ServerResponse } from "node:http";
import { authorize, type Identity } from "./auth.ts";
import { apiGroup, SUBRESOURCES_GROUP, subresourceList } from "./discovery.ts";
import { parseJson, sendJson } from "./http-util.ts";
import type { KubeVirtInfo } from "./kubevirt-info.ts";
import type { ObjectService } from "./object-service.ts";
import type { ResourceRegistry } from "./resource-registry.ts";
import type { ResourceType } from "./resource-type.ts";
import { errors, StatusError } from "./status-error.ts";
import { asRecord, getPath, isRecord, type KObject } from "./types.ts";
import {
  conditions,
  isFinal,
  isPaused,
  runStrategyOf,
  type StateChangeRequest,
  setCondition,
  stateChangeRequests,
  vmiPhase,
} from "./vm-util.ts";

export const SUBRESOURCE_VERSIONS = ["v1", "v1alpha3"];

const vmConflict = (name: string, why: string) => errors.conflict("virtualmachine", "kubevirt.io", name, why);
const vmiConflict = (name: string, why: string) =>
  errors.conflict("virtualmachineinstance", "kubevirt.io", name, why);

function isDryRun(body: Record<string, unknown>): boolean {
  return Array.isArray(body.dryRun) && body.dryRun.includes("All");
}

export class KubeVirtSubresources {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly objects: ObjectService,
    private readonly kv: KubeVirtInfo,
  ) {}

  private type(plural: string): ResourceType {
    const t = this.registry.get("kubevirt.io", plural);
    if (!t) throw errors.pathNotFound();
    return t;
  }

  /** Routes `/apis/subresources.kubevirt.io/<segs>`; returns false if the path is not one of ours. */
  async handle(
    segs: string[],
    req: IncomingMessage,
    res: ServerResponse,
    id: Identity,
    readBody: () => Promise<string>,
  ): Promise<boolean> {
    if (!this.kv.subresourcesAvailable()) {
      // The aggregator answers for an unavailable APIService with a plain-text 503.
      res.writeHead(503, {
        "Content-Type": "text/plain; charset=utf-8",
        "X-Content-Type-Options": "nosniff",
      });
      res.end("service unavailable\n");
      return true;
    }
    const [version, ...rest] = segs;
    const method = req.method ?? "GET";
    if (version === undefined) {
      sendJson(res, 200, apiGroup({ name: SUBRESOURCES_GROUP, versions: SUBRESOURCE_VERSIONS }));
      return true;
    }
    if (!SUBRESOURCE_VERSIONS.includes(version)) return false;
    if (rest.length === 0) {
      sendJson(res, 200, subresourceList(version));
      return true;
    }
    if (rest.length === 1 && (rest[0] === "version" || rest[0] === "healthz")) {
      if (method !== "GET") throw errors.methodNotAllowed(method);
      if (rest[0] === "healthz") sendJson(res, 200, "ok");
      else sendJson(res, 200, this.versionDoc());
      return true;
    }
    const [nsWord, ns, plural, name, sub] = rest;
    if (rest.length !== 5 || nsWord !== "namespaces" || !ns || !plural || !name || !sub) return false;
    const known: Record<string, string[]> = {
      virtualmachines: ["start", "stop", "restart", "migrate"],
      virtualmachineinstances: ["pause", "unpause"],
    };
    if (!known[plural]?.includes(sub)) return false;
    if (method !== "PUT") throw errors.methodNotAllowed(method);
    authorize(id, {
      verb: "update",
      group: SUBRESOURCES_GROUP,
      resource: plural,
      subresource: sub,
      namespace: ns,
      name,
    });
    const body = asRecord(parseJson(await readBody()));
    if (plural === "virtualmachines") {
      const vm = this.objects.find(this.type("virtualmachines"), ns, name);
      if (!vm) throw errors.notFound("virtualmachine", "kubevirt.io", name);
      const vmi = this.objects.find(this.type("virtualmachineinstances"), ns, name);
      if (sub === "start") this.start(vm, vmi, body);
      else if (sub === "stop") this.stop(vm, vmi, body);
      else if (sub === "restart") this.restart(vm, vmi, body);
      else this.migrate(vm, vmi, body);
    } else {
      const vmi = this.objects.find(this.type("virtualmachineinstances"), ns, name);
      if (!vmi) throw errors.notFound("virtualmachineinstance", "kubevirt.io", name);
      if (sub === "pause") this.pause(vmi, body);
      else this.unpause(vmi, body);
    }
    res.writeHead(202);
    res.end();
    return true;
  }

  versionDoc(): Record<string, string> {
    return {
      gitVersion: this.kv.version,
      gitCommit: "0000000000000000000000000000000000000000",
      gitTreeState: "clean",
      buildDate: "2026-01-01T00:00:00Z",
      goVersion: "go1.24.4",
      compiler: "gc",
      platform: "linux/amd64",
    };
  }

  /** Patches the VM spec (run strategy or legacy running) guarded by a JSON-patch test op, like virt-api. */
  private patchRun(vm: KObject, legacy: boolean, value: "Always" | "Halted"): void {
    const name = vm.metadata.name ?? "";
    const spec = asRecord(vm.spec);
    const ops = legacy
      ? [
          { op: "test", path: "/spec/running", value: spec.running },
          { op: "replace", path: "/spec/running", value: value === "Always" },
        ]
      : [
          { op: "test", path: "/spec/runStrategy", value: spec.runStrategy },
          { op: "replace", path: "/spec/runStrategy", value },
        ];
    this.objects.patch(this.type("virtualmachines"), "v1", vm.metadata.namespace, name, "json", ops, {
      internal: true,
      fieldManager: "virt-api",
    });
  }

  private appendRequests(vm: KObject, reqs: StateChangeRequest[]): void {
    const status = asRecord(vm.status);
    const next = { ...status, stateChangeRequests: [...stateChangeRequests(vm), ...reqs] };
    this.objects.update(
      this.type("virtualmachines"),
      "v1",
      vm.metadata.namespace,
      vm.metadata.name ?? "",
      { ...vm, status: next },
      {
        internal: true,
        subresource: "status",
      },
    );
  }

  private setVmiGrace(vmi: KObject, seconds: number): void {
    const spec = { ...asRecord(vmi.spec), terminationGracePeriodSeconds: seconds };
    this.objects.update(
      this.type("virtualmachineinstances"),
      "v1",
      vmi.metadata.namespace,
      vmi.metadata.name ?? "",
      { ...vmi, spec },
      { internal: true },
    );
  }

  private start(vm: KObject, vmi: KObject | undefined, body: Record<string, unknown>): void {
    const name = vm.metadata.name ?? "";
    const { strategy, legacy } = runStrategyOf(vm);
    if (conditions(vm).some((c) => c.type === "ManualRecoveryRequired" && c.status === "True")) {
      throw vmConflict(
        name,
        "VM requires manual recovery after a failed volume migration; start is not allowed",
      );
    }
    if (vmi && !isFinal(vmi) && !vmi.metadata.deletionTimestamp)
      throw vmConflict(name, "VM is already running");
    const paused = body.paused === true;
    const startReq: StateChangeRequest = paused
      ? { action: "Start", data: { startPaused: "true" } }
      : { action: "Start" };
    switch (strategy) {
      case "Always":
      case "Once":
      case "WaitAsReceiver":
        throw vmConflict(name, `${strategy} does not support manual start requests`);
      case "Halted":
        if (isDryRun(body)) return;
        this.patchRun(vm, legacy, "Always");
        if (paused) {
          const fresh = this.objects.find(this.type("virtualmachines"), vm.metadata.namespace, name);
          if (fresh) this.appendRequests(fresh, [startReq]);
        }
        return;
      case "RerunOnFailure":
        if (vmiPhase(vmi) === "Failed")
          throw vmConflict(name, "RerunOnFailure does not support starting VM from failed state");
        break;
      default:
        break;
    }
    if (stateChangeRequests(vm).length > 0)
      throw vmConflict(name, "unable to complete request: stop/start already underway");
    if (isDryRun(body)) return;
    const reqs: StateChangeRequest[] =
      vmi && isFinal(vmi) ? [{ action: "Stop", uid: vmi.metadata.uid }, startReq] : [startReq];
    this.appendRequests(vm, reqs);
  }

  private stop(vm: KObject, vmi: KObject | undefined, body: Record<string, unknown>): void {
    const name = vm.metadata.name ?? "";
    const { strategy, legacy } = runStrategyOf(vm);
    const hasVmi = vmi !== undefined && !isFinal(vmi);
    const grace = typeof body.gracePeriod === "number" ? body.gracePeriod : undefined;
    const current =
      typeof getPath(vmi, ["spec", "terminationGracePeriodSeconds"]) === "number"
        ? (getPath(vmi, ["spec", "terminationGracePeriodSeconds"]) as number)
        : 180;
    switch (strategy) {
      case "Halted":
        if (!hasVmi || !vmi) throw vmConflict(name, "VM is not running");
        if (grace === undefined || grace >= current) {
          throw vmConflict(name, "Halted only supports manual stop requests with a shorter graceperiod");
        }
        if (!isDryRun(body)) this.setVmiGrace(vmi, grace);
        return;
      case "Manual":
      case "RerunOnFailure":
        if (!hasVmi || !vmi) throw vmConflict(name, "VM is not running");
        if (stateChangeRequests(vm).length > 0)
          throw vmConflict(name, "unable to complete request: stop/start already underway");
        if (isDryRun(body)) return;
        if (grace !== undefined && grace < current) this.setVmiGrace(vmi, grace);
        this.appendRequests(vm, [{ action: "Stop", uid: vmi.metadata.uid }]);
        return;
      default:
        if (isDryRun(body)) return;
        if (vmi && grace !== undefined && grace < current) this.setVmiGrace(vmi, grace);
        this.patchRun(vm, legacy, "Halted");
    }
  }

  private restart(vm: KObject, vmi: KObject | undefined, body: Record<string, unknown>): void {
    const name = vm.metadata.name ?? "";
    const { strategy } = runStrategyOf(vm);
    const grace = body.gracePeriodSeconds;
    if (grace !== undefined && grace !== null && grace !== 0) {
      throw errors.badRequest("For force restart, only gracePeriod=0 is supported for now");
    }
    if (strategy === "Halted" || strategy === "Once" || strategy === "WaitAsReceiver") {
      throw vmConflict(name, `${strategy} does not support manual restart requests`);
    }
    if (!vmi || vmi.metadata.deletionTimestamp) throw vmConflict(name, "VM is not running");
    if (stateChangeRequests(vm).length > 0)
      throw vmConflict(name, "unable to complete request: stop/start already underway");
    if (isDryRun(body)) return;
    if (grace === 0) this.setVmiGrace(vmi, 1);
    this.appendRequests(vm, [{ action: "Stop", uid: vmi.metadata.uid }, { action: "Start" }]);
  }

  private migrate(vm: KObject, vmi: KObject | undefined, body: Record<string, unknown>): void {
    const name = vm.metadata.name ?? "";
    if (!vmi || vmiPhase(vmi) !== "Running") throw vmConflict(name, "VM is not running");
    const spec: Record<string, unknown> = { vmiName: name };
    if (isRecord(body.addedNodeSelector)) spec.addedNodeSelector = body.addedNodeSelector;
    try {
      this.objects.create(
        this.type("virtualmachineinstancemigrations"),
        "v1",
        vm.metadata.namespace,
        {
          apiVersion: "kubevirt.io/v1",
          kind: "VirtualMachineInstanceMigration",
          metadata: { generateName: "kubevirt-migrate-vm-" },
          spec,
        },
        { dryRun: isDryRun(body), fieldManager: "virt-api" },
      );
    } catch (e) {
      if (e instanceof StatusError && e.code === 422) throw vmConflict(name, e.message);
      throw e;
    }
  }

  private pause(vmi: KObject, body: Record<string, unknown>): void {
    const name = vmi.metadata.name ?? "";
    const probe = asRecord(getPath(vmi, ["spec", "livenessProbe"]));
    if (Object.keys(probe).length > 0 && probe.guestAgentPing === undefined) {
      throw errors.forbidden("Pausing VMIs with LivenessProbe is currently not supported");
    }
    if (vmiPhase(vmi) !== "Running" || vmi.metadata.deletionTimestamp)
      throw vmiConflict(name, "VMI is not running");
    if (isPaused(vmi)) throw vmiConflict(name, "VMI is already paused");
    if (isDryRun(body)) return;
    this.setPaused(vmi, true);
  }

  private unpause(vmi: KObject, body: Record<string, unknown>): void {
    const name = vmi.metadata.name ?? "";
    if (!isPaused(vmi)) throw vmiConflict(name, "VMI is not paused");
    if (isDryRun(body)) return;
    this.setPaused(vmi, false);
  }

  /** virt-handler pauses the domain and reports it as the VMI condition Paused. */
  setPaused(vmi: KObject, paused: boolean): void {
    const list = conditions(vmi);
    const next = paused
      ? setCondition(list, {
          type: "Paused",
          status: "True",
          reason: "PausedByUser",
          message: "VMI was paused by user",
        })
      : list.filter((c) => c.type !== "Paused");
    const status = { ...asRecord(vmi.status), conditions: next };
    this.objects.update(
      this.type("virtualmachineinstances"),
      "v1",
      vmi.metadata.namespace,
      vmi.metadata.name ?? "",
      { ...vmi, status },
      { internal: true },
    );
  }
}
