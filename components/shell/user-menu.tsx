"use client";

// Who is signed in, their role, and sign-out. Sign-out is a server action (it clears the HttpOnly cookie);
// afterwards a full page load on the sign-in page drops every cached page of the ended session.
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { signOut } from "@/app/[locale]/actions";
import { Button } from "@/components/ui/button";
import type { ShellUser } from "./app-shell";

export function UserMenu({ user }: { user: ShellUser }) {
  const t = useTranslations("shell");
  const locale = useLocale();
  const [pending, startTransition] = useTransition();
  const roleNames = { admin: t("roles.admin"), approver: t("roles.approver"), user: t("roles.user") };
  return (
    <section aria-label={t("userMenu.label")} className="flex items-center gap-3 text-sm">
      <span className="hidden text-right sm:block">
        <span className="block font-medium text-ink">
          {t("userMenu.signedInAs", { name: user.displayName })}
        </span>
        <span className="block text-xs text-ink-muted">{roleNames[user.role]}</span>
      </span>
      <Button
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            await signOut(undefined);
            window.location.assign(`/${locale}/sign-in?signedOut=1`);
          })
        }
      >
        {pending ? t("userMenu.signingOut") : t("userMenu.signOut")}
      </Button>
    </section>
  );
}
