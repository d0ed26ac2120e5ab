"use client";

// The admin users page's interactive parts: the user list with role and service memberships, and the form
// that creates a user. Each change is one server action; the page re-renders from the server afterwards.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState, useTransition } from "react";
import {
  createUserAction,
  setUserMembershipsAction,
  setUserRoleAction,
} from "@/app/[locale]/admin/users/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass } from "@/components/ui/input-class";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import type { ServiceOption, UserSummary } from "@/lib/users/user-views";

type Outcome = { ok: true; message: string } | { ok: false; message: string } | null;

function useRoleNames(): Record<Role, string> {
  const t = useTranslations("shell.roles");
  return { admin: t("admin"), approver: t("approver"), user: t("user") };
}

export function UsersAdmin({
  users,
  services,
  currentUserId,
}: {
  users: UserSummary[];
  services: ServiceOption[];
  currentUserId: string;
}) {
  const t = useTranslations("adminUsers");
  return (
    <div className="flex flex-col gap-6">
      {services.length === 0 ? (
        <EmptyState title={t("noServicesTitle")} description={t("noServicesDescription")} />
      ) : null}
      <Card aria-labelledby="users-list-heading">
        <h2 id="users-list-heading" className="mb-4 text-lg font-semibold">
          {t("listHeading")}
        </h2>
        {users.length === 0 ? (
          <p className="text-ink-muted">{t("noUsers")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-ink-faint">
              <tr>
                <th className="py-2 pr-4">{t("columns.user")}</th>
                <th className="py-2 pr-4">{t("columns.role")}</th>
                <th className="py-2">{t("columns.services")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <UserRow key={user.id} user={user} services={services} isSelf={user.id === currentUserId} />
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <CreateUserForm services={services} />
    </div>
  );
}

function UserRow({
  user,
  services,
  isSelf,
}: {
  user: UserSummary;
  services: ServiceOption[];
  isSelf: boolean;
}) {
  const t = useTranslations("adminUsers");
  const roleNames = useRoleNames();
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [role, setRole] = useState<Role>(user.role);
  const [selected, setSelected] = useState<string[]>(user.serviceIds);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const label = user.username ?? user.email;

  const run = (
    work: () => Promise<{ ok: true } | { ok: false; code: string; params: Record<string, unknown> }>,
    done: string,
  ) =>
    startTransition(async () => {
      const result = await work();
      setOutcome(result.ok ? { ok: true, message: done } : { ok: false, message: errorMessage(result) });
      if (result.ok) router.refresh();
    });

  return (
    <tr className="border-t border-line align-top">
      <td className="py-3 pr-4">
        <span className="block font-medium">
          {label} {isSelf ? <span className="text-ink-muted">{t("you")}</span> : null}
        </span>
        <span className="block text-xs text-ink-muted">{user.email}</span>
      </td>
      <td className="py-3 pr-4">
        <div className="flex items-center gap-2">
          <select
            aria-label={t("roleLabel", { user: label })}
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            className={inputClass}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleNames[r]}
              </option>
            ))}
          </select>
          <Button
            disabled={pending || role === user.role}
            onClick={() => run(() => setUserRoleAction({ userId: user.id, role }), t("roleSaved"))}
          >
            {t("saveRole")}
          </Button>
        </div>
      </td>
      <td className="py-3">
        {services.length === 0 ? (
          <span className="text-ink-muted">{t("noMemberships")}</span>
        ) : (
          <details>
            <summary className="cursor-pointer">
              {t("serviceCount", { count: user.serviceIds.length })}
            </summary>
            <fieldset className="mt-2 flex flex-col gap-1">
              <legend className="sr-only">{t("editServices", { user: label })}</legend>
              {services.map((s) => (
                <label key={s.id} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={selected.includes(s.id)}
                    onChange={(e) =>
                      setSelected((prev) =>
                        e.target.checked ? [...prev, s.id] : prev.filter((id) => id !== s.id),
                      )
                    }
                  />
                  {s.systemName} / {s.name}
                </label>
              ))}
              <Button
                className="mt-1 self-start"
                disabled={pending}
                onClick={() =>
                  run(
                    () => setUserMembershipsAction({ userId: user.id, serviceIds: selected }),
                    t("servicesSaved"),
                  )
                }
              >
                {pending ? t("saving") : t("saveServices")}
              </Button>
            </fieldset>
          </details>
        )}
        {outcome ? (
          <p
            role={outcome.ok ? "status" : "alert"}
            className={outcome.ok ? "mt-1 text-xs text-ink-muted" : "mt-1 text-xs text-red-700"}
          >
            {outcome.message}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

function CreateUserForm({ services }: { services: ServiceOption[] }) {
  const t = useTranslations("adminUsers");
  const roleNames = useRoleNames();
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<Outcome>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    startTransition(async () => {
      const result = await createUserAction({
        email: String(form.get("email") ?? ""),
        username: String(form.get("username") ?? ""),
        name: String(form.get("name") ?? ""),
        password: String(form.get("password") ?? ""),
        role: String(form.get("role") ?? "user") as Role,
        serviceIds: form.getAll("serviceIds").map(String),
      });
      if (result.ok) {
        setOutcome({ ok: true, message: t("created", { username: result.data.username }) });
        formElement.reset();
        router.refresh();
      } else {
        setOutcome({ ok: false, message: errorMessage(result) });
      }
    });
  }

  return (
    <Card aria-labelledby="create-user-heading">
      <h2 id="create-user-heading" className="mb-4 text-lg font-semibold">
        {t("createHeading")}
      </h2>
      <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("email")}
          <input name="email" type="email" required autoComplete="off" className={inputClass} />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("username")}
          <input
            name="username"
            required
            minLength={3}
            maxLength={30}
            autoComplete="off"
            className={inputClass}
          />
          <span className="text-xs font-normal text-ink-muted">{t("usernameHint")}</span>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("name")}
          <input name="name" required className={inputClass} />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("password")}
          <input
            name="password"
            type="password"
            required
            minLength={12}
            autoComplete="new-password"
            className={inputClass}
          />
          <span className="text-xs font-normal text-ink-muted">{t("passwordHint")}</span>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("role")}
          <select name="role" defaultValue="user" className={inputClass}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleNames[r]}
              </option>
            ))}
          </select>
        </label>
        {services.length > 0 ? (
          <fieldset className="flex flex-col gap-1 text-sm">
            <legend className="font-medium">{t("services")}</legend>
            {services.map((s) => (
              <label key={s.id} className="flex items-center gap-2">
                <input type="checkbox" name="serviceIds" value={s.id} />
                {s.systemName} / {s.name}
              </label>
            ))}
          </fieldset>
        ) : null}
        <div className="flex items-center gap-3 sm:col-span-2">
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? t("creating") : t("create")}
          </Button>
          {outcome ? (
            <p
              role={outcome.ok ? "status" : "alert"}
              className={outcome.ok ? "text-sm text-ink-muted" : "text-sm text-red-700"}
            >
              {outcome.message}
            </p>
          ) : null}
        </div>
      </form>
    </Card>
  );
}
