/**
 * A kubeconfig as the admin API receives it: base64 of the file's UTF-8 text (SPEC §21). Decoded with the
 * same size limit validateKubeconfig applies afterwards, checked before decoding so a huge body costs no
 * decode; every refusal is KUBECONFIG_INVALID with a reason the UI translates.
 */
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { MAX_KUBECONFIG_BYTES } from "../k8s/kubeconfig";

/** base64 of MAX_KUBECONFIG_BYTES, with room for line breaks some encoders insert. */
const MAX_BASE64_CHARS = Math.ceil(MAX_KUBECONFIG_BYTES / 3) * 4 + 64 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeKubeconfigUpload(base64: string): string {
  if (base64.length > MAX_BASE64_CHARS) throw new AppError("KUBECONFIG_INVALID", { reason: "too_large" });
  const compact = base64.replace(/\s+/g, "");
  if (compact === "" || compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new AppError("KUBECONFIG_INVALID", { reason: "not_base64" });
  }
  const bytes = Buffer.from(compact, "base64");
  if (bytes.length > MAX_KUBECONFIG_BYTES) throw new AppError("KUBECONFIG_INVALID", { reason: "too_large" });
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("KUBECONFIG_INVALID", { reason: "unparseable" });
  }
}
