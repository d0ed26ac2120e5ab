// Command-line handling for main.ts: one cluster from flags, or several from a config file, each on its
// own port; optionally writes one kubeconfig with a context per cluster.
import { readFileSync, writeFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { buildKubeconfig, kubeconfigYaml } from "./kubeconfig.ts";
import { BUILTIN_PROFILES, ProfileSchema } from "./profile.ts";
import { type KubeSim, startKubeSim } from "./simulator.ts";

export const USAGE = `kubesim — a KubeVirt cluster simulator speaking the Kubernetes API

Usage: npm run kubesim -- [options]
  --port N            port of the (single) cluster (default 6443; 0 = any free port)
  --host H            listen address (default 127.0.0.1)
  --profile NAME      built-in profile: ${Object.keys(BUILTIN_PROFILES).join(", ")} (default "default")
  --name NAME         cluster/context name (default "kubesim")
  --https             serve HTTPS with a generated CA (written into the kubeconfig)
  --step-delay MS     controller step delay (default 300)
  --vms N             override the profile's VM count
  --token T           admin bearer token (default: random)
  --readonly-token T  read-only bearer token (default: random)
  --no-auth           no authentication (anyone is admin); needed for kubectl over plain http, because
                      kubectl/client-go does not send kubeconfig credentials to an http:// server
  --config FILE       YAML/JSON with several clusters (see README); overrides the flags above
  --kubeconfig FILE   write a kubeconfig (one context per cluster, admin token) to FILE
  --help`;

const ClusterConfigSchema = z.object({
  name: z.string(),
  port: z.number().int().nonnegative().default(0),
  host: z.string().default("127.0.0.1"),
  profile: z.union([z.string(), ProfileSchema.partial().passthrough()]).default("default"),
  https: z.boolean().default(false),
  stepDelayMs: z.number().int().nonnegative().optional(),
  vmCount: z.number().int().nonnegative().optional(),
  token: z.string().optional(),
  readOnlyToken: z.string().optional(),
  /** false = no bearer tokens, every request is admin (kubectl over plain http). */
  auth: z.boolean().default(true),
});
export const ConfigFileSchema = z.object({
  clusters: z.array(ClusterConfigSchema).min(1),
  kubeconfig: z.string().optional(),
});
export type ClusterConfig = z.infer<typeof ClusterConfigSchema>;

export interface CliArgs {
  clusters: ClusterConfig[];
  kubeconfig?: string;
  help: boolean;
}

const KNOWN = [
  "port",
  "host",
  "profile",
  "name",
  "https",
  "step-delay",
  "vms",
  "token",
  "readonly-token",
  "config",
  "kubeconfig",
  "no-auth",
  "help",
];

export function parseArgs(argv: string[]): CliArgs {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (!a.startsWith("--")) throw new Error(`unexpected argument "${a}"`);
    const [key, inline] = a.slice(2).split("=", 2) as [string, string | undefined];
    if (!KNOWN.includes(key)) throw new Error(`unknown option --${key}`);
    if (["https", "help", "no-auth"].includes(key)) flags.set(key, true);
    else {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`--${key} needs a value`);
      flags.set(key, v);
    }
  }
  const str = (k: string) => {
    const v = flags.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const int = (k: string) => {
    const v = str(k);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${k} must be a non-negative integer`);
    return n;
  };
  const configFile = str("config");
  if (configFile) {
    const text = readFileSync(configFile, "utf8");
    const cfg = ConfigFileSchema.parse(parseYaml(text));
    return {
      clusters: cfg.clusters,
      kubeconfig: str("kubeconfig") ?? cfg.kubeconfig,
      help: flags.has("help"),
    };
  }
  return {
    clusters: [
      ClusterConfigSchema.parse({
        name: str("name") ?? "kubesim",
        port: int("port") ?? 6443,
        host: str("host") ?? "127.0.0.1",
        profile: str("profile") ?? "default",
        https: flags.has("https"),
        stepDelayMs: int("step-delay"),
        vmCount: int("vms"),
        token: str("token"),
        readOnlyToken: str("readonly-token"),
        auth: !flags.has("no-auth"),
      }),
    ],
    kubeconfig: str("kubeconfig"),
    help: flags.has("help"),
  };
}

export interface Running {
  sims: KubeSim[];
  kubeconfigYaml: string;
  stop(): Promise<void>;
}

export async function startClusters(args: CliArgs): Promise<Running> {
  const sims: KubeSim[] = [];
  try {
    for (const c of args.clusters) {
      sims.push(
        await startKubeSim({
          name: c.name,
          port: c.port,
          host: c.host,
          https: c.https,
          profile: c.profile,
          stepDelayMs: c.stepDelayMs,
          vmCount: c.vmCount,
          tokens: c.auth ? { admin: c.token, readOnly: c.readOnlyToken } : false,
        }),
      );
    }
  } catch (e) {
    await Promise.all(sims.map((s) => s.stop()));
    throw e;
  }
  const doc = buildKubeconfig(
    sims.map((s) => ({ name: s.name, server: s.url, caPem: s.caPem, token: s.adminToken })),
  );
  const yaml = kubeconfigYaml(doc);
  if (args.kubeconfig) writeFileSync(args.kubeconfig, yaml, { mode: 0o600 });
  return {
    sims,
    kubeconfigYaml: yaml,
    stop: async () => void (await Promise.all(sims.map((s) => s.stop()))),
  };
}

/**
 * kubectl (client-go's clientcmd) reads a kubeconfig user's credentials only when the server URL is https
 * ("only try to read the auth information if we are secure"), so against an http:// cluster that requires
 * a token kubectl sends none and gets 401 "the server has asked for the client to provide credentials".
 * client-node does send the token over http. Returns the note the CLI prints for such a cluster.
 */
export function plainHttpAuthNote(sim: Pick<KubeSim, "name" | "url" | "adminToken">): string | undefined {
  if (!sim.url.startsWith("http:") || !sim.adminToken) return undefined;
  return (
    `kubesim: note: cluster "${sim.name}" is plain http with token authentication. kubectl (client-go) never ` +
    "sends kubeconfig credentials to an http:// server, so kubectl gets 401 Unauthorized here " +
    '("the server has asked for the client to provide credentials"); client-node and curl are fine. ' +
    "For kubectl use --https, or --no-auth for an unauthenticated http cluster."
  );
}
