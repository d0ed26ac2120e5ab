import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import type { ShellUser } from "./app-shell";
import { LanguageSwitcher } from "./language-switcher";
import { UserMenu } from "./user-menu";

export function SiteHeader({ user }: { user: ShellUser | null }) {
  const t = useTranslations("shell");
  return (
    <header className="border-b border-line bg-surface">
      <div className="mx-auto flex h-14 max-w-7xl items-center justify-between gap-4 px-4 sm:px-6">
        <Link
          href="/"
          aria-label={t("homeLink")}
          className="flex items-center gap-2 text-base font-semibold tracking-tight text-ink"
        >
          <ShepherdMark />
          {t("productName")}
        </Link>
        <div className="flex items-center gap-4">
          {user ? <UserMenu user={user} /> : null}
          <LanguageSwitcher />
        </div>
      </div>
    </header>
  );
}

function ShepherdMark() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6 text-accent" fill="none">
      <rect x="2" y="2" width="20" height="20" rx="5" fill="currentColor" />
      <path
        d="M10 18.5V9.5a3 3 0 0 1 6 0V11"
        stroke="white"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
