/**
 * A cluster's kubeconfig at rest: sealed with the CredentialCipher into `clusters.encrypted_kubeconfig` +
 * `encryption_key_id`, the cluster id as authenticated context. What is stored is the validated, normalised
 * kubeconfig (current context only), and it is validated again when loaded. Decrypted credentials exist only
 * inside ValidatedKubeconfig's private fields and the KubeClient built from it; nothing here logs them.
 */
import "server-only";
import { AppError, isAppError } from "@/lib/errors/app-error";
import type { PrismaClient } from "../db/prisma";
import type { CredentialCipher } from "./credential-cipher";
import { type ValidatedKubeconfig, validateKubeconfig } from "./kubeconfig";

/** The two credential columns of a `clusters` row. */
export interface SealedKubeconfig {
  encryptedKubeconfig: Buffer<ArrayBuffer>;
  encryptionKeyId: string;
}

export interface LoadOptions {
  /** Load a disabled cluster's kubeconfig too (for an admin re-checking it); default false. */
  includeDisabled?: boolean;
}

export class CredentialStore {
  readonly #prisma: PrismaClient;
  readonly #cipher: CredentialCipher;

  constructor(opts: { prisma: PrismaClient; cipher: CredentialCipher }) {
    this.#prisma = opts.prisma;
    this.#cipher = opts.cipher;
  }

  /**
   * The credential columns for a new row: `prisma.cluster.create({ data: { id, …, ...store.seal(id, kc) } })`.
   * The id must be chosen before the insert (e.g. crypto.randomUUID()), because the ciphertext is bound to it.
   */
  seal(clusterId: string, kubeconfig: ValidatedKubeconfig): SealedKubeconfig {
    const { ciphertext, keyId } = this.#cipher.encrypt(kubeconfig.serialize(), clusterId);
    return { encryptedKubeconfig: ciphertext, encryptionKeyId: keyId };
  }

  /** Replaces the kubeconfig of an existing cluster (credential rotation). Unknown id → CLUSTER_NOT_FOUND. */
  async save(clusterId: string, kubeconfig: ValidatedKubeconfig): Promise<void> {
    const { count } = await this.#prisma.cluster.updateMany({
      where: { id: clusterId },
      data: { ...this.seal(clusterId, kubeconfig), apiServerUrl: kubeconfig.summary.server },
    });
    if (count === 0) throw new AppError("CLUSTER_NOT_FOUND", { cluster: clusterId });
  }

  /**
   * The decrypted, re-validated kubeconfig. Unknown (or, by default, disabled) cluster → CLUSTER_NOT_FOUND;
   * undecryptable → CREDENTIALS_UNREADABLE { cluster }.
   */
  async load(clusterId: string, opts: LoadOptions = {}): Promise<ValidatedKubeconfig> {
    const row = await this.#prisma.cluster.findUnique({
      where: { id: clusterId },
      select: { enabled: true, encryptedKubeconfig: true, encryptionKeyId: true },
    });
    if (!row || (!row.enabled && !opts.includeDisabled)) {
      throw new AppError("CLUSTER_NOT_FOUND", { cluster: clusterId });
    }
    let text: string;
    try {
      text = this.#cipher.decrypt(
        { ciphertext: row.encryptedKubeconfig, keyId: row.encryptionKeyId },
        clusterId,
      );
    } catch (error) {
      if (!isAppError(error, "CREDENTIALS_UNREADABLE")) throw error;
      throw new AppError(
        "CREDENTIALS_UNREADABLE",
        { cluster: clusterId },
        { message: error.message, cause: error },
      );
    }
    return validateKubeconfig(text);
  }

  /** Re-seals a cluster's kubeconfig with the current key if an older one sealed it; true when it did. */
  async reencrypt(clusterId: string): Promise<boolean> {
    const row = await this.#prisma.cluster.findUnique({
      where: { id: clusterId },
      select: { encryptionKeyId: true },
    });
    if (!row) throw new AppError("CLUSTER_NOT_FOUND", { cluster: clusterId });
    if (this.#cipher.isCurrent(row.encryptionKeyId)) return false;
    const kubeconfig = await this.load(clusterId, { includeDisabled: true });
    // Only if no one rotated it meanwhile: the key id is the version we read.
    const { count } = await this.#prisma.cluster.updateMany({
      where: { id: clusterId, encryptionKeyId: row.encryptionKeyId },
      data: this.seal(clusterId, kubeconfig),
    });
    return count === 1;
  }

  toJSON(): { keyId: string } {
    return { keyId: this.#cipher.keyId };
  }
}
