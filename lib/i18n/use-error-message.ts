// Turns an error code from the server ({ code, message, params } on the API, AppError codes elsewhere)
// into a sentence in the reader's language. The codes are a runtime set owned by lib/errors and translated
// under `errors.<CODE>` in both catalogues; an unknown or missing code falls back to a generic message,
// never to the server's English text.
import { createTranslator, type TranslationValues, useLocale, useMessages, useTranslations } from "next-intl";

export interface ErrorLike {
  code?: string;
  params?: Record<string, unknown>;
}

function lookupErrorTemplate(messages: unknown, code: string): string | undefined {
  if (typeof messages !== "object" || messages === null || !("errors" in messages)) return undefined;
  const errors: unknown = messages.errors;
  if (typeof errors !== "object" || errors === null || !Object.hasOwn(errors, code)) return undefined;
  const template: unknown = (errors as Record<string, unknown>)[code];
  return typeof template === "string" ? template : undefined;
}

// Only strings and numbers fill an ICU placeholder; anything else is dropped, not printed as [object Object].
function toTranslationValues(params: Record<string, unknown> | undefined): TranslationValues {
  const values: TranslationValues = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (typeof value === "string" || typeof value === "number") {
      values[name] = value;
    }
  }
  return values;
}

/** Returns a function that renders `errors.<code>` with the error's params, or a generic message. */
export function useErrorMessage(): (error: ErrorLike | null | undefined) => string {
  const locale = useLocale();
  const messages = useMessages();
  const t = useTranslations("apiError");
  return (error) => {
    const template = error?.code ? lookupErrorTemplate(messages, error.code) : undefined;
    if (template === undefined) return t("generic");
    const translate = createTranslator({
      locale,
      messages: { message: template },
      // A template whose params the server did not send reads as the generic message, not as a key.
      onError: () => {},
      getMessageFallback: () => t("generic"),
    });
    return translate("message", toTranslationValues(error?.params));
  };
}
