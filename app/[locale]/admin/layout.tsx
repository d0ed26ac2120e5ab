// Every admin page, today's and those still to come, passes requireAdminPage before it renders (a real 404
// or redirect status), and takes its <title> from adminPageMetadata (so the title does not name it either).
import { resolveLocale } from "@/lib/i18n/routing";
import { requireAdminPage } from "@/server/auth/require-admin-page";

export default async function AdminLayout({ children, params }: LayoutProps<"/[locale]/admin">) {
  await requireAdminPage(resolveLocale((await params).locale));
  return children;
}
