import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { Role } from "@/lib/auth/permissions";
import { MainNav } from "./main-nav";
import { SiteHeader } from "./site-header";

/** Who is signed in, as the shell shows it; null on the sign-in page. */
export interface ShellUser {
  displayName: string;
  role: Role;
}

/** The frame around every page: skip link, header, side navigation (signed-in users only), main landmark. */
export function AppShell({ user, children }: { user: ShellUser | null; children: ReactNode }) {
  const t = useTranslations("shell");
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-3 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2 focus:shadow-md"
      >
        {t("skipToContent")}
      </a>
      <SiteHeader user={user} />
      <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 sm:px-6 lg:flex-row lg:gap-10 lg:py-8">
        {user ? (
          <aside className="shrink-0 lg:w-56">
            <MainNav role={user.role} />
          </aside>
        ) : null}
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
          {children}
        </main>
      </div>
    </>
  );
}
