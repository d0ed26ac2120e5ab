// Locale routing shared by the proxy, navigation helpers and request config.
// Every URL carries its locale (`/en/…`, `/zh-CN/…`): links are shareable and caches never mix languages.
import { hasLocale } from "next-intl";
import { defineRouting } from "next-intl/routing";

export const routing = defineRouting({
  locales: ["en", "zh-CN"],
  defaultLocale: "en",
  localePrefix: "always",
});

export type AppLocale = (typeof routing.locales)[number];

/** The locale for a URL segment or cookie value; anything unknown becomes the default, never an import path. */
export function resolveLocale(candidate: string | undefined): AppLocale {
  return hasLocale(routing.locales, candidate) ? candidate : routing.defaultLocale;
}
