import "server-only";
import { AppError } from "@/lib/errors/app-error";

/**
 * Where each KubeVirt resource lives (KUBEVIRT-API.md §4.3–§4.7) and how its URLs are built.
 *
 * Versions are the ones served by every KubeVirt we target (SPEC §9.1: 1.6+):
 * - kubevirt.io/v1: VirtualMachine, VirtualMachineInstance, VirtualMachineInstanceMigration.
 * - snapshot.kubevirt.io/v1beta1: storage version since v1.3 (v1alpha1 still served).
 * - clone.kubevirt.io/v1beta1: served since v1.5; a ≤1.4 cluster answers 404 for the group-version, which the
 *   provider reports as PROVIDER_NOT_SUPPORTED.
 * - instancetype.kubevirt.io/v1beta1: storage since ≤1.0; v1alpha1/2 are unserved from v1.6.
 * - subresources.kubevirt.io/v1 (aggregated virt-api; v1alpha3 is the older twin).
 */

export interface ApiResource {
  group: string;
  version: string;
  /** Lower-case plural used in URLs. */
  plural: string;
  kind: string;
  namespaced: boolean;
}

const resource = (group: string, version: string, plural: string, kind: string, namespaced = true) =>
  ({ group, version, plural, kind, namespaced }) satisfies ApiResource;

export const VIRTUAL_MACHINE = resource("kubevirt.io", "v1", "virtualmachines", "VirtualMachine");
export const VIRTUAL_MACHINE_INSTANCE = resource(
  "kubevirt.io",
  "v1",
  "virtualmachineinstances",
  "VirtualMachineInstance",
);
export const MIGRATION = resource(
  "kubevirt.io",
  "v1",
  "virtualmachineinstancemigrations",
  "VirtualMachineInstanceMigration",
);
export const SNAPSHOT = resource(
  "snapshot.kubevirt.io",
  "v1beta1",
  "virtualmachinesnapshots",
  "VirtualMachineSnapshot",
);
export const RESTORE = resource(
  "snapshot.kubevirt.io",
  "v1beta1",
  "virtualmachinerestores",
  "VirtualMachineRestore",
);
export const CLONE = resource("clone.kubevirt.io", "v1beta1", "virtualmachineclones", "VirtualMachineClone");
export const INSTANCE_TYPE = resource(
  "instancetype.kubevirt.io",
  "v1beta1",
  "virtualmachineinstancetypes",
  "VirtualMachineInstancetype",
);
export const CLUSTER_INSTANCE_TYPE = resource(
  "instancetype.kubevirt.io",
  "v1beta1",
  "virtualmachineclusterinstancetypes",
  "VirtualMachineClusterInstancetype",
  false,
);
export const PREFERENCE = resource(
  "instancetype.kubevirt.io",
  "v1beta1",
  "virtualmachinepreferences",
  "VirtualMachinePreference",
);
export const CLUSTER_PREFERENCE = resource(
  "instancetype.kubevirt.io",
  "v1beta1",
  "virtualmachineclusterpreferences",
  "VirtualMachineClusterPreference",
  false,
);

/** The aggregated virt-api group serving start/stop/restart/migrate/pause/unpause. */
export const SUBRESOURCES_GROUP = "subresources.kubevirt.io";
export const SUBRESOURCES_VERSION = "v1";

export interface PathOptions {
  /** Namespace of a namespaced resource; "" or absent lists across all namespaces. */
  namespace?: string;
  name?: string;
  /** Trailing path segment(s) after the name, e.g. "status". */
  subresource?: string;
}

/**
 * core/v1 Events (not KubeVirt's, but what virt-controller and virt-handler record about its objects); the
 * worker watches them for the VM page's recent events.
 */
export const EVENT = resource("", "v1", "events", "Event");

/**
 * `/apis/{group}/{version}[/namespaces/{ns}]/{plural}[/{name}[/{sub}]]` (`/api/{version}/…` for the core
 * group), every segment URL-encoded.
 */
export function resourcePath(res: ApiResource, opts: PathOptions = {}): string {
  const segments = res.group === "" ? ["api", res.version] : ["apis", res.group, res.version];
  if (res.namespaced && opts.namespace) segments.push("namespaces", opts.namespace);
  segments.push(res.plural);
  if (opts.name !== undefined) {
    // An empty name would silently address the collection (a DELETE would become deletecollection).
    if (opts.name === "") {
      throw new AppError(
        "VALIDATION_FAILED",
        {},
        {
          message: `empty ${res.kind} name`,
          fieldErrors: [{ field: "name", code: "required" }],
        },
      );
    }
    segments.push(opts.name);
    if (opts.subresource) segments.push(opts.subresource);
  }
  return `/${segments.map(encodeURIComponent).join("/")}`;
}

/** The KubeVirt install CR (KUBEVIRT-API.md §4.9): namespaced; list it across all namespaces. */
export const KUBEVIRT = resource("kubevirt.io", "v1", "kubevirts", "KubeVirt");

/** virt-api's aggregated APIService; its Available condition says whether subresources work. */
export const SUBRESOURCES_APISERVICE_PATH = `/apis/apiregistration.k8s.io/v1/apiservices/v1.${SUBRESOURCES_GROUP}`;

/** `GET` → `{gitVersion, …}`; readable by every authenticated user (kubevirt.io:default). */
export const KUBEVIRT_VERSION_PATH = `/apis/${SUBRESOURCES_GROUP}/${SUBRESOURCES_VERSION}/version`;

/** core/v1 Namespace (cluster-scoped), for just-in-time namespace creation (ADR-0017). */
export const NAMESPACE = resource("", "v1", "namespaces", "Namespace", false);
