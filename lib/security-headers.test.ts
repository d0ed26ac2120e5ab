import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { NON_PAGE_CSP, pageContentSecurityPolicy, STATIC_SECURITY_HEADERS } from "./security-headers";

function directives(csp: string): Map<string, string> {
  return new Map(csp.split(";").map((d) => d.trim().split(/\s+(.*)/s) as [string, string]));
}

describe("page Content-Security-Policy", () => {
  const csp = directives(pageContentSecurityPolicy("abc123"));

  it("runs only scripts carrying the request's nonce (and what they load): no unsafe-inline, no unsafe-eval", () => {
    expect(csp.get("script-src")).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(pageContentSecurityPolicy("abc123")).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
  });

  it("forbids framing, plugins and base-tag tricks", () => {
    expect(csp.get("frame-ancestors")).toBe("'none'");
    expect(csp.get("object-src")).toBe("'none'");
    expect(csp.get("base-uri")).toBe("'none'");
    expect(csp.get("form-action")).toBe("'self'");
  });

  it("allows eval only in development", () => {
    expect(pageContentSecurityPolicy("n", true)).toContain("'unsafe-eval'");
  });
});

describe("next.config headers", () => {
  it("sends nosniff, a referrer policy and no-framing on every response, and a deny-all CSP on the API", async () => {
    const rules = (await nextConfig.headers?.()) ?? [];
    const all = rules.find((r) => r.source === "/:path*")?.headers ?? [];
    expect(Object.fromEntries(all.map((h) => [h.key, h.value]))).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
    });
    expect(all).toEqual([...STATIC_SECURITY_HEADERS]);
    expect(rules.find((r) => r.source === "/api/:path*")?.headers).toEqual([
      { key: "Content-Security-Policy", value: NON_PAGE_CSP },
    ]);
    expect(NON_PAGE_CSP).toContain("frame-ancestors 'none'");
  });
});
