import type { ReactNode } from "react";

// The document (html lang, body, providers) is rendered by app/[locale]/layout.tsx, which knows the locale;
// app/not-found.tsx renders its own for URLs outside any locale.
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
