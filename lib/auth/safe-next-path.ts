// Where to go after signing in: only a path on this site (`/en/admin/users?x=1`), never another origin
// (`//evil.example`, `https://…`, `/\evil`), which would make the sign-in page an open redirect.
export function safeNextPath(candidate: string | string[] | undefined, fallback: string): string {
  if (typeof candidate !== "string") return fallback;
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.includes("\\")) return fallback;
  try {
    const url = new URL(candidate, "http://shepherd.invalid");
    if (url.origin !== "http://shepherd.invalid") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
