import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { resolveLocale } from "@/lib/i18n/routing";
import { getSession } from "@/server/auth/session";
import { DEMO_ACCOUNTS_FILE } from "@/server/users/seed-demo-accounts";
import { getWebContext } from "@/server/web-context";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/[locale]/sign-in">): Promise<Metadata> {
  const t = await getTranslations({ locale: resolveLocale((await params).locale), namespace: "metadata" });
  return { title: t("signIn") };
}

export default async function SignInPage({ params, searchParams }: PageProps<"/[locale]/sign-in">) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  const query = await searchParams;
  const next = safeNextPath(query.next, `/${locale}`);
  if (await getSession()) redirect(next);
  const { config } = getWebContext();
  const t = await getTranslations("signIn");
  return (
    <div className="mx-auto flex w-full max-w-md flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("heading")}</h1>
        <p className="mt-1 text-ink-muted">{t("intro")}</p>
      </div>
      {query.signedOut ? (
        <p role="status" className="rounded-md border border-line bg-surface px-3 py-2 text-sm">
          {t("signedOut")}
        </p>
      ) : null}
      <SignInForm next={next} oidc={config.auth.oidc !== undefined} oidcFailed={query.error !== undefined} />
      {config.database.embedded ? (
        <p className="text-sm text-ink-muted">
          {t("demoHint", { file: `${displayDataDir(config.dataDir)}/${DEMO_ACCOUNTS_FILE}` })}
        </p>
      ) : null}
    </div>
  );
}

/** The data directory as the person who ran `npm start` named it: relative to the checkout when inside it. */
function displayDataDir(dataDir: string): string {
  const cwd = process.cwd();
  return dataDir.startsWith(`${cwd}/`) ? dataDir.slice(cwd.length + 1) : dataDir;
}
