// Demo mode (npm start with the embedded database): one account per role, `admin`, `approver` and `user`,
// with generated passwords. They are written once to <dataDir>/demo-accounts.txt (0600) and returned so the
// launcher can print them once; later starts create nothing and print no password.
import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { ROLES, type Role } from "@/lib/auth/permissions";
import type { AuditActor } from "../audit/record-audit";
import type { PrismaClient } from "../db/prisma";
import { createUser } from "./create-user";

export const DEMO_ACCOUNTS_FILE = "demo-accounts.txt";
export const DEMO_EMAIL_DOMAIN = "demo.shepherd.local";

export interface DemoAccount {
  username: Role;
  password: string;
  role: Role;
}

export interface SeedResult {
  file: string;
  /** Accounts created by this call, with their passwords; empty when they all existed. */
  created: DemoAccount[];
}

const actor: AuditActor = { id: "system:demo", name: "npm start (demo accounts)" };

export async function seedDemoAccounts(prisma: PrismaClient, dataDir: string): Promise<SeedResult> {
  const file = path.join(dataDir, DEMO_ACCOUNTS_FILE);
  const existing = new Set(
    (await prisma.user.findMany({ where: { username: { in: [...ROLES] } }, select: { username: true } })).map(
      (u) => u.username,
    ),
  );
  const created: DemoAccount[] = [];
  for (const role of ROLES) {
    if (existing.has(role)) continue;
    const password = randomBytes(18).toString("base64url");
    await createUser(
      prisma,
      {
        email: `${role}@${DEMO_EMAIL_DOMAIN}`,
        username: role,
        name: `Demo ${role}`,
        password,
        role,
        serviceIds: [],
      },
      actor,
    );
    created.push({ username: role, password, role });
  }
  if (created.length > 0) {
    await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
    const lines = created.map((a) => `${a.username}\t${a.password}\t${a.role}\n`).join("");
    const header = existing.size === 0 ? "# Shepherd demo accounts: username<TAB>password<TAB>role\n" : "";
    await fs.appendFile(file, header + lines, { mode: 0o600 });
    await fs.chmod(file, 0o600);
  }
  return { file, created };
}

/** Reads the file back (tests and the end-to-end suite sign in with it). */
export function parseDemoAccounts(text: string): DemoAccount[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .flatMap((line) => {
      const [username, password, role] = line.split("\t");
      return username && password && role && (ROLES as readonly string[]).includes(role)
        ? [{ username: username as Role, password, role: role as Role }]
        : [];
    });
}
