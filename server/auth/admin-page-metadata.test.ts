// Every admin page's <title> comes from adminPageMetadata, so a non-admin sees "Page not found" there too:
// proven by reading every page under app/[locale]/admin, and the reading on sources that break the rule.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { adminPageMetadataProblem, scanAdminPages } from "./testing/admin-page-scan";

const ROOT = path.join(import.meta.dirname, "../..");

describe("pages under app/[locale]/admin", () => {
  const scan = scanAdminPages(ROOT);

  it("are all found", () => {
    expect(scan.pages).toEqual(
      expect.arrayContaining([
        "app/[locale]/admin/adoptions/page.tsx",
        "app/[locale]/admin/clusters/[id]/page.tsx",
        "app/[locale]/admin/clusters/page.tsx",
        "app/[locale]/admin/users/page.tsx",
      ]),
    );
  });

  it("each take their title from adminPageMetadata", () => {
    expect(scan.problems).toEqual([]);
  });
});

describe("adminPageMetadataProblem", () => {
  const page = "export default async function Page() { return null; }\n";

  it.each([
    [
      "an async function returning it",
      `export async function generateMetadata({ params }: P): Promise<Metadata> {
         return adminPageMetadata(resolveLocale((await params).locale), "adminUsers");
       }`,
    ],
    [
      "an arrow function with an expression body",
      `export const generateMetadata = async ({ params }: P) => adminPageMetadata("en", "adminUsers");`,
    ],
    [
      "every return awaiting it",
      `export async function generateMetadata({ params }: P) {
         const { locale } = await params;
         if (locale === "zh-CN") return await adminPageMetadata("zh-CN", "adminUsers");
         return adminPageMetadata("en", "adminUsers");
       }`,
    ],
  ])("keeps the rule: %s", (_name, source) => {
    expect(adminPageMetadataProblem(`${source}\n${page}`)).toBeUndefined();
  });

  it.each([
    ["no generateMetadata", page, "has no exported generateMetadata"],
    [
      "generateMetadata only in a comment",
      `// export async function generateMetadata() { return adminPageMetadata("en", "x"); }\n${page}`,
      "has no exported generateMetadata",
    ],
    [
      "a static metadata object",
      `export const metadata = { title: "Users" };\n${page}`,
      "exports a static metadata object",
    ],
    [
      "a title of its own",
      `export async function generateMetadata(): Promise<Metadata> {
         return { title: "Users" };
       }\n${page}`,
      "generateMetadata does not return adminPageMetadata(...) on every path",
    ],
    [
      "one path that bypasses it",
      `export async function generateMetadata({ params }: P) {
         if (!params) return { title: "Users" };
         return adminPageMetadata("en", "adminUsers");
       }\n${page}`,
      "generateMetadata does not return adminPageMetadata(...) on every path",
    ],
    [
      "its result changed before returning",
      `export async function generateMetadata() {
         const m = await adminPageMetadata("en", "adminUsers");
         // return adminPageMetadata("en", "adminUsers");
         return { ...m, title: "Users" };
       }\n${page}`,
      "generateMetadata does not return adminPageMetadata(...) on every path",
    ],
    [
      "an arrow function returning another title",
      `export const generateMetadata = async () => ({ title: "Users" });\n${page}`,
      "generateMetadata does not return adminPageMetadata(...)",
    ],
  ])("breaks the rule: %s", (_name, source, problem) => {
    expect(adminPageMetadataProblem(source)).toBe(problem);
  });
});
