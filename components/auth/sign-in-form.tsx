"use client";

// Posts to the auth library's own endpoints (JSON), so its origin check and rate limiter apply. Every
// refusal of the credentials reads the same, whatever the reason (no account enumeration).
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/lib/i18n/use-error-message";

type Failure = { kind: "credentials" } | { kind: "rateLimited"; seconds: number } | { kind: "other" };

export function SignInForm({ next, oidc, oidcFailed }: { next: string; oidc: boolean; oidcFailed: boolean }) {
  const t = useTranslations("signIn");
  const errorMessage = useErrorMessage();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  // Until React has attached the submit handler the button stays disabled: a native submit would post the
  // form to the page instead of to the auth endpoint.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const identifier = String(form.get("identifier") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const byEmail = identifier.includes("@");
    setPending(true);
    setFailure(null);
    try {
      const res = await fetch(`/api/auth/sign-in/${byEmail ? "email" : "username"}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(byEmail ? { email: identifier, password } : { username: identifier, password }),
      });
      if (res.ok) {
        window.location.assign(next);
        return;
      }
      if (res.status === 429) {
        setFailure({ kind: "rateLimited", seconds: Number(res.headers.get("X-Retry-After")) || 60 });
      } else if (res.status === 401 || res.status === 400 || res.status === 422) {
        // 422: a user name the library would never store; still "wrong credentials" to the reader.
        setFailure({ kind: "credentials" });
      } else {
        setFailure({ kind: "other" });
      }
    } catch {
      setFailure({ kind: "other" });
    }
    setPending(false);
  }

  async function signInWithOidc() {
    setPending(true);
    const res = await fetch("/api/auth/sign-in/social", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ provider: "oidc", callbackURL: next }),
    }).catch(() => undefined);
    const body: unknown = res?.ok ? await res.json() : undefined;
    if (typeof body === "object" && body !== null && "url" in body && typeof body.url === "string") {
      window.location.assign(body.url);
      return;
    }
    setFailure({ kind: "other" });
    setPending(false);
  }

  const message =
    failure?.kind === "credentials"
      ? errorMessage({ code: "INVALID_CREDENTIALS" })
      : failure?.kind === "rateLimited"
        ? t("rateLimited", { seconds: failure.seconds })
        : failure?.kind === "other"
          ? errorMessage(null)
          : oidcFailed
            ? t("oidcFailed")
            : undefined;

  return (
    <div className="flex flex-col gap-4 rounded-lg border border-line bg-surface p-5 shadow-xs">
      <form method="post" onSubmit={submit} className="flex flex-col gap-4">
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("identifier")}
          <input
            name="identifier"
            autoComplete="username"
            required
            className="rounded-md border border-line-strong bg-canvas px-3 py-2 font-normal"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("password")}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="rounded-md border border-line-strong bg-canvas px-3 py-2 font-normal"
          />
        </label>
        {message ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {message}
          </p>
        ) : null}
        <Button type="submit" variant="primary" disabled={pending || !hydrated}>
          {pending ? t("submitting") : t("submit")}
        </Button>
      </form>
      {oidc ? (
        <>
          <p className="text-center text-xs uppercase tracking-wide text-ink-faint">{t("or")}</p>
          <Button onClick={signInWithOidc} disabled={pending || !hydrated}>
            {t("oidc")}
          </Button>
        </>
      ) : null}
    </div>
  );
}
