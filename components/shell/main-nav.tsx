"use client";

import { useTranslations } from "next-intl";
import { cx } from "@/components/ui/class-names";
import type { Role } from "@/lib/auth/permissions";
import { Link, usePathname } from "@/lib/i18n/navigation";
import { isActiveHref, type NavItem, navSectionsFor } from "./nav-items";

export function MainNav({ role }: { role: Role }) {
  const t = useTranslations("shell.nav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")} className="flex flex-col gap-6">
      {navSectionsFor(role).map((section) => {
        const headingId = `nav-section-${section.id}`;
        return (
          <div key={section.id}>
            {section.labelKey ? (
              <h2
                id={headingId}
                className="mb-1.5 px-3 text-xs font-semibold uppercase tracking-wide text-ink-faint"
              >
                {t(section.labelKey)}
              </h2>
            ) : null}
            <ul aria-labelledby={section.labelKey ? headingId : undefined} className="flex flex-col gap-0.5">
              {section.items.map((item) => (
                <li key={item.id}>
                  <NavEntry item={item} pathname={pathname} />
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}

function NavEntry({ item, pathname }: { item: NavItem; pathname: string }) {
  const t = useTranslations("shell.nav");
  if (item.href === undefined) {
    // Not a link on purpose: the feature is not built, and the entry says honestly when it will be.
    return (
      <span className="block cursor-default rounded-md px-3 py-1.5 text-ink-faint">
        <span className="block">{t(item.id)}</span>
        <span className="block text-xs">
          <span className="sr-only">{t("notAvailable")}. </span>
          {t(`arrivesWith.${item.id}`)}
        </span>
      </span>
    );
  }
  const active = isActiveHref(pathname, item.href);
  return (
    <Link
      href={item.href}
      aria-current={active ? "page" : undefined}
      className={cx(
        "block rounded-md px-3 py-1.5 font-medium transition-colors",
        active ? "bg-accent-soft text-accent-strong" : "text-ink hover:bg-line/60",
      )}
    >
      {t(item.id)}
    </Link>
  );
}
