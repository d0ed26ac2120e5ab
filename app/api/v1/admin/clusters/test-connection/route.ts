// POST /api/v1/admin/clusters/test-connection: checks a base64 kubeconfig without saving anything.
import { defineRoute } from "@/server/auth/define-route";
import { TestConnectionBody, testClusterConnection } from "@/server/clusters/test-cluster-connection";

export const POST = defineRoute(
  { permission: "cluster.manage", body: TestConnectionBody },
  ({ body, request }) => testClusterConnection(body.kubeconfig, { signal: request.signal }),
);
