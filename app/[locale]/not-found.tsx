import { useTranslations } from "next-intl";
import { EmptyState } from "@/components/ui/empty-state";
import { Link } from "@/lib/i18n/navigation";

export default function NotFoundPage() {
  const t = useTranslations("notFound");
  return (
    <EmptyState
      headingLevel={1}
      title={t("heading")}
      description={t("description")}
      action={
        <Link href="/" className="text-sm font-medium text-accent hover:text-accent-strong hover:underline">
          {t("backHome")}
        </Link>
      }
    />
  );
}
