// `POST /api/v1/admin/clusters/test-connection`: validates an uploaded kubeconfig and checks the cluster it
// points at, saving nothing (and so auditing nothing: no state changes, SPEC §19).
import "server-only";
import { z } from "zod";
import type { ConnectionTestView } from "@/lib/clusters/cluster-views";
import { validateKubeconfig } from "../k8s/kubeconfig";
import { connectionTestView, runConnectionTest } from "./connection-test";
import { decodeKubeconfigUpload } from "./kubeconfig-upload";

export const TestConnectionBody = z
  .object({
    /** base64 of the kubeconfig file. */
    kubeconfig: z.string().min(1),
  })
  .strict();
export type TestConnectionBody = z.output<typeof TestConnectionBody>;

export async function testClusterConnection(
  kubeconfigBase64: string,
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<ConnectionTestView> {
  const kubeconfig = validateKubeconfig(decodeKubeconfigUpload(kubeconfigBase64));
  return connectionTestView(kubeconfig, await runConnectionTest(kubeconfig, opts));
}
