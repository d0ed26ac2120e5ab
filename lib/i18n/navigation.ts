// Locale-aware replacements for next/link and next/navigation; use these, not Next's own, inside the app.
import { createNavigation } from "next-intl/navigation";
import { routing } from "./routing";

export const { Link, redirect, usePathname, useRouter, getPathname } = createNavigation(routing);
