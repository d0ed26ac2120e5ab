// Per-request i18n config for server components. The locale comes from the URL segment; anything
// unknown falls back to the default instead of being used to build an import path.
import { getRequestConfig } from "next-intl/server";
import { resolveLocale } from "./routing";

// One explicit zone so server-rendered and hydrated timestamps agree; the UI labels times as UTC.
export const DISPLAY_TIME_ZONE = "UTC";

export default getRequestConfig(async ({ requestLocale }) => {
  const locale = resolveLocale(await requestLocale);
  return {
    locale,
    timeZone: DISPLAY_TIME_ZONE,
    messages: (await import(`../../messages/${locale}.json`)).default,
  };
});
