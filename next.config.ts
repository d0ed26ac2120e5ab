import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Security headers (CSP, HSTS, frame-ancestors …) arrive with their own issue: add `async headers()` here.
};

export default withNextIntl(nextConfig);
