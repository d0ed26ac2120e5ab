import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import {
  CredentialCipher,
  ENCRYPTION_KEY_FILE,
  ensureKeyFile,
  keyIdOf,
  loadCredentialCipher,
} from "./credential-cipher";

const SECRET = "apiVersion: v1\nusers: [{name: a, user: {token: very-secret-token}}]\n";

function unreadableMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isAppError(error, "CREDENTIALS_UNREADABLE")) return error.message;
    throw error;
  }
  throw new Error("expected CREDENTIALS_UNREADABLE");
}

describe("CredentialCipher", () => {
  const key = randomBytes(32);
  const cipher = new CredentialCipher({ key });

  it("round-trips, with a fresh IV every time and the key id beside the ciphertext", () => {
    const a = cipher.encrypt(SECRET, "cluster-1");
    const b = cipher.encrypt(SECRET, "cluster-1");
    expect(a.keyId).toBe(keyIdOf(key));
    expect(a.keyId).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(a.ciphertext[0]).toBe(1);
    expect(a.ciphertext.subarray(1, 13).equals(b.ciphertext.subarray(1, 13))).toBe(false);
    expect(a.ciphertext.toString("latin1")).not.toContain("very-secret-token");
    expect(cipher.decrypt(a, "cluster-1")).toBe(SECRET);
    expect(cipher.decrypt(b, "cluster-1")).toBe(SECRET);
  });

  it.each([
    ["the version byte", 0],
    ["the IV", 5],
    ["the tag", 20],
    ["the ciphertext", 40],
  ])("refuses a ciphertext with %s changed", (_part, index) => {
    const sealed = cipher.encrypt(SECRET, "cluster-1");
    const tampered = Buffer.from(sealed.ciphertext);
    tampered[index] = (tampered[index] ?? 0) ^ 0x01;
    expect(unreadableMessage(() => cipher.decrypt({ ...sealed, ciphertext: tampered }, "cluster-1"))).toMatch(
      /authentication failed|envelope/,
    );
  });

  it("refuses a truncated envelope", () => {
    const sealed = cipher.encrypt(SECRET, "c");
    expect(
      unreadableMessage(() =>
        cipher.decrypt({ ...sealed, ciphertext: sealed.ciphertext.subarray(0, 20) }, "c"),
      ),
    ).toMatch(/truncated/);
  });

  it("refuses a ciphertext moved to another cluster's row", () => {
    const sealed = cipher.encrypt(SECRET, "cluster-1");
    expect(unreadableMessage(() => cipher.decrypt(sealed, "cluster-2"))).toMatch(/authentication failed/);
  });

  it("refuses with a wrong key, even under the right key id", () => {
    const sealed = cipher.encrypt(SECRET, "c");
    const other = new CredentialCipher({ key: randomBytes(32) });
    expect(unreadableMessage(() => other.decrypt(sealed, "c"))).toMatch(/no key with id/);
    // A forged key id pointing at the other key: the tag still fails.
    expect(unreadableMessage(() => other.decrypt({ ...sealed, keyId: other.keyId }, "c"))).toMatch(
      /authentication failed/,
    );
  });

  it("decrypts with a previous key after rotation and seals with the new one", () => {
    const sealed = cipher.encrypt(SECRET, "c");
    const rotated = new CredentialCipher({ key: randomBytes(32), previousKeys: [key] });
    expect(rotated.decrypt(sealed, "c")).toBe(SECRET);
    expect(rotated.isCurrent(sealed.keyId)).toBe(false);
    expect(rotated.encrypt(SECRET, "c").keyId).toBe(rotated.keyId);
  });

  it("refuses keys that are not 32 bytes", () => {
    expect(() => new CredentialCipher({ key: randomBytes(16) })).toThrow(RangeError);
  });
});

describe("key loading", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "shepherd-key-"));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("generates the key file once with mode 0600, then reuses it", async () => {
    const dataDir = path.join(dir, "data");
    const first = await loadCredentialCipher({ encryptionKey: undefined, dataDir, allowGeneratedKey: true });
    const file = path.join(dataDir, ENCRYPTION_KEY_FILE);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    const content = await fs.readFile(file, "utf8");
    const second = await loadCredentialCipher({ encryptionKey: undefined, dataDir, allowGeneratedKey: true });
    expect(second.keyId).toBe(first.keyId);
    expect(await fs.readFile(file, "utf8")).toBe(content);
    expect(second.decrypt(first.encrypt(SECRET, "c"), "c")).toBe(SECRET);
    expect(await fs.readdir(dataDir)).toEqual([ENCRYPTION_KEY_FILE]);
  });

  it("gives every racing process the same key", async () => {
    const file = path.join(dir, ENCRYPTION_KEY_FILE);
    const keys = await Promise.all(Array.from({ length: 8 }, () => ensureKeyFile(file)));
    for (const k of keys) expect(k.equals(keys[0] as Buffer)).toBe(true);
    expect(await fs.readdir(dir)).toEqual([ENCRYPTION_KEY_FILE]);
  });

  it("tightens a key file others can read", async () => {
    const file = path.join(dir, ENCRYPTION_KEY_FILE);
    await fs.writeFile(file, randomBytes(32).toString("hex"), { mode: 0o644 });
    await fs.chmod(file, 0o644);
    await ensureKeyFile(file);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });

  it("refuses a key file that holds no key", async () => {
    const file = path.join(dir, ENCRYPTION_KEY_FILE);
    await fs.writeFile(file, "not a key\n", { mode: 0o600 });
    await expect(ensureKeyFile(file)).rejects.toThrow(/does not hold a 32-byte key/);
  });

  it("uses the configured key and keeps a key file from embedded mode for decryption", async () => {
    const embedded = await loadCredentialCipher({
      encryptionKey: undefined,
      dataDir: dir,
      allowGeneratedKey: true,
    });
    const old = embedded.encrypt(SECRET, "c");
    const configured = randomBytes(32);
    const cipher = await loadCredentialCipher({
      encryptionKey: configured,
      dataDir: dir,
      allowGeneratedKey: false,
    });
    expect(cipher.keyId).toBe(keyIdOf(configured));
    expect(cipher.decrypt(old, "c")).toBe(SECRET);
  });

  it("with a configured key creates no key file", async () => {
    await loadCredentialCipher({ encryptionKey: randomBytes(32), dataDir: dir, allowGeneratedKey: true });
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it("refuses to generate a key outside embedded mode", async () => {
    await expect(
      loadCredentialCipher({ encryptionKey: undefined, dataDir: dir, allowGeneratedKey: false }),
    ).rejects.toThrow(/SHEPHERD_ENCRYPTION_KEY must be set/);
    expect(await fs.readdir(dir)).toEqual([]);
  });
});
