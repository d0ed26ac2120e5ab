// Accessibility check of the page on screen: axe-core's WCAG 2.0/2.1 A and AA rules, no violation allowed.
// Needs the devDependency `@axe-core/playwright` (not installed yet: this helper loads it by name at run time
// so the type check passes without it, and fails the test with that sentence when it is missing).
import { expect, type Page } from "@playwright/test";

interface AxeResults {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
}
interface AxeBuilderLike {
  withTags(tags: string[]): AxeBuilderLike;
  analyze(): Promise<AxeResults>;
}
type AxeBuilderClass = new (options: { page: Page }) => AxeBuilderLike;

const AXE_MODULE = "@axe-core/playwright";

async function loadAxeBuilder(): Promise<AxeBuilderClass> {
  try {
    const mod = (await import(AXE_MODULE)) as { default: AxeBuilderClass };
    return mod.default;
  } catch {
    throw new Error(`${AXE_MODULE} is not installed: add it as a devDependency to run the axe checks`);
  }
}

/** Fails with the list of violations (rule, impact, help, where) when the page breaks WCAG 2.1 AA. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const AxeBuilder = await loadAxeBuilder();
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const found = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? "?"}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`,
  );
  expect(found).toEqual([]);
}
