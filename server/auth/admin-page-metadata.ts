// The <title> of an admin page: its own for an admin, "Page not found" for anyone else. Next resolves a
// page's metadata beside its layouts, so the admin layout's 404 alone would still name the page in the title.
// Every admin page's generateMetadata returns this; admin-page-metadata.test.ts reads every page and fails
// otherwise.
import "server-only";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { hasPermission } from "@/lib/auth/permissions";
import type { AppLocale } from "@/lib/i18n/routing";
import type en from "@/messages/en.json";
import { getSession } from "./session";

export async function adminPageMetadata(
  locale: AppLocale,
  titleKey: keyof (typeof en)["metadata"],
): Promise<Metadata> {
  const [t, user] = await Promise.all([getTranslations({ locale, namespace: "metadata" }), getSession()]);
  return { title: t(user && hasPermission(user.role, "admin.access") ? titleKey : "notFound") };
}
