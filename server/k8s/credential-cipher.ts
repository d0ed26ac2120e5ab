/**
 * Encryption of credentials at rest (SPEC §7, §18.1): AES-256-GCM with a random 12-byte IV per encryption and
 * the 16-byte tag checked on decryption. The envelope is versioned, and every ciphertext is stored beside the
 * id of the key that sealed it (`encryption_key_id`), so a new key can be introduced while older rows still
 * decrypt with the previous one.
 *
 * Envelope v1: [0x01][IV, 12 bytes][tag, 16 bytes][ciphertext]. The additional authenticated data binds the
 * version, the key id and a caller-chosen context (the cluster id): a ciphertext copied to another row does not
 * decrypt there.
 *
 * Keys come from SHEPHERD_ENCRYPTION_KEY, or (embedded mode only) from `<dataDir>/encryption.key`, generated
 * once with mode 0600 and reused by every process that shares the data directory.
 */
import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { inspect } from "node:util";
import { AppError } from "@/lib/errors/app-error";
import { decodeKey } from "../config";

export const ENCRYPTION_KEY_FILE = "encryption.key";

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export interface CredentialCipherOptions {
  /** Encrypts everything new; 32 bytes. */
  key: Buffer;
  /** Still decrypt what they sealed (key rotation). */
  previousKeys?: Buffer[];
}

/** The stored form of one secret: the envelope and the id of the key that sealed it. */
export interface SealedSecret {
  ciphertext: Buffer<ArrayBuffer>;
  keyId: string;
}

export class CredentialCipher {
  /** Id of the key new ciphertexts are sealed with. */
  readonly keyId: string;
  readonly #keys = new Map<string, Buffer>();

  constructor(opts: CredentialCipherOptions) {
    for (const key of [opts.key, ...(opts.previousKeys ?? [])]) {
      if (key.length !== KEY_BYTES) throw new RangeError(`an encryption key must be ${KEY_BYTES} bytes`);
      this.#keys.set(keyIdOf(key), Buffer.from(key));
    }
    this.keyId = keyIdOf(opts.key);
  }

  /** `context` is authenticated, not secret: the same context must be given to decrypt (e.g. the cluster id). */
  encrypt(plaintext: string, context: string): SealedSecret {
    const key = this.#keys.get(this.keyId);
    if (!key) throw new Error("current key missing"); // unreachable: the constructor stores it
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(this.keyId, context));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return {
      ciphertext: Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]),
      keyId: this.keyId,
    };
  }

  /**
   * The plaintext of a sealed secret. An unknown key id, a damaged envelope, a wrong key or any change to the
   * ciphertext or context throws AppError CREDENTIALS_UNREADABLE (the English message says which, for logs).
   */
  decrypt(sealed: { ciphertext: Uint8Array; keyId: string }, context: string): string {
    const key = this.#keys.get(sealed.keyId);
    if (!key) throw unreadable(`no key with id ${sealed.keyId} is configured`);
    const data = Buffer.from(sealed.ciphertext);
    if (data.length < HEADER_BYTES || data[0] !== VERSION)
      throw unreadable("unknown envelope version or truncated");
    const iv = data.subarray(1, 1 + IV_BYTES);
    const tag = data.subarray(1 + IV_BYTES, HEADER_BYTES);
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(sealed.keyId, context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(data.subarray(HEADER_BYTES)), decipher.final()]).toString("utf8");
    } catch (error) {
      throw unreadable("authentication failed (wrong key or altered data)", error);
    }
  }

  /** False when a secret sealed with `keyId` should be re-encrypted with the current key. */
  isCurrent(keyId: string): boolean {
    return keyId === this.keyId;
  }

  toJSON(): { keyId: string } {
    return { keyId: this.keyId };
  }

  [inspect.custom](): string {
    return `CredentialCipher { keyId: ${JSON.stringify(this.keyId)} }`;
  }
}

/** A stable, non-secret id for a key: a truncated SHA-256 under a domain prefix (64 bits tell keys apart). */
export function keyIdOf(key: Buffer): string {
  const digest = createHash("sha256").update("kubevirt-shepherd/credential-key/").update(key).digest("hex");
  return `sha256:${digest.slice(0, 16)}`;
}

export interface LoadCredentialCipherOptions {
  /** config.encryptionKey (SHEPHERD_ENCRYPTION_KEY). */
  encryptionKey: Buffer | undefined;
  /** config.dataDir */
  dataDir: string;
  /**
   * Embedded mode: without a configured key, generate one into `<dataDir>/encryption.key`. Keep it false
   * with an external database, where every replica must share one configured key.
   */
  allowGeneratedKey: boolean;
  /** Earlier keys that still decrypt (rotation). */
  previousKeys?: Buffer[];
}

/**
 * The process's cipher. With a configured key, a key file left from embedded mode is kept as a decrypt-only
 * key, so moving to a configured key does not strand the clusters registered before.
 */
export async function loadCredentialCipher(opts: LoadCredentialCipherOptions): Promise<CredentialCipher> {
  const file = path.join(opts.dataDir, ENCRYPTION_KEY_FILE);
  const previousKeys = [...(opts.previousKeys ?? [])];
  if (opts.encryptionKey) {
    const fileKey = await readKeyFile(file);
    if (fileKey && !fileKey.equals(opts.encryptionKey)) previousKeys.push(fileKey);
    return new CredentialCipher({ key: opts.encryptionKey, previousKeys });
  }
  if (!opts.allowGeneratedKey) {
    throw new Error(
      "SHEPHERD_ENCRYPTION_KEY must be set (32 bytes, base64 or hex) when the database is external",
    );
  }
  return new CredentialCipher({ key: await ensureKeyFile(file), previousKeys });
}

/** Reads the key file, creating it first if it does not exist. Safe when several processes race to create it. */
export async function ensureKeyFile(file: string): Promise<Buffer> {
  const existing = await readKeyFile(file);
  if (existing) return existing;
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Write the whole key under a private name, then link it into place: link fails if the file appeared
  // meanwhile, so no process ever reads a half-written key and the first writer wins.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await fs.writeFile(tmp, `${randomBytes(KEY_BYTES).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  try {
    await fs.chmod(tmp, 0o600);
    await fs.link(tmp, file);
  } catch (error) {
    if (!isErrno(error, "EEXIST")) throw error;
  } finally {
    await fs.rm(tmp, { force: true });
  }
  const key = await readKeyFile(file);
  if (!key) throw new Error(`${file} disappeared while it was being created`);
  return key;
}

async function readKeyFile(file: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    if (isErrno(error, "ENOENT")) return undefined;
    throw error;
  }
  const key = decodeKey(text.trim());
  if (!key) throw new Error(`${file} does not hold a 32-byte key (base64 or hex)`);
  const { mode } = await fs.stat(file);
  // Owner-only, like an ssh key; tighten a copy that lost its mode.
  if ((mode & 0o077) !== 0) await fs.chmod(file, 0o600);
  return key;
}

function aad(keyId: string, context: string): Buffer {
  return Buffer.from(`kubevirt-shepherd/v${VERSION}\0${keyId}\0${context}`, "utf8");
}

function unreadable(reason: string, cause?: unknown): AppError<"CREDENTIALS_UNREADABLE"> {
  return new AppError(
    "CREDENTIALS_UNREADABLE",
    {},
    { message: `credentials cannot be decrypted: ${reason}`, cause },
  );
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
