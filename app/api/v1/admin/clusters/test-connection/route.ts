// POST /api/v1/admin/clusters/test-connection: checks a base64 kubeconfig without saving anything.
import { z } from "zod";
import { defineRoute } from "@/server/auth/define-route";
import { testClusterConnection } from "@/server/clusters/test-cluster-connection";

export const POST = defineRoute(
  { permission: "cluster.manage", body: z.object({ kubeconfig: z.string().min(1) }) },
  ({ body, request }) => testClusterConnection(body.kubeconfig, { signal: request.signal }),
);
