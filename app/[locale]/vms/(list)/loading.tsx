// In the (list) route group so this boundary does not wrap /vms/[id]: streaming a fallback first would turn
// that page's out-of-scope answer into a 200 instead of a real 404.
import { useTranslations } from "next-intl";
import { Spinner } from "@/components/ui/spinner";

export default function Loading() {
  const t = useTranslations("loading");
  return <Spinner label={t("label")} />;
}
