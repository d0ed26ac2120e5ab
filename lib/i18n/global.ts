// Types next-intl from the English catalogue: a key missing from messages/en.json is a compile error.
import type messages from "../../messages/en.json";
import type { routing } from "./routing";

declare module "next-intl" {
  interface AppConfig {
    Locale: (typeof routing.locales)[number];
    Messages: typeof messages;
  }
}
