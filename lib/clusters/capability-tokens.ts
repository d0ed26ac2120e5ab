/**
 * The declared-capabilities editor's text → requirement tokens (SPEC §14.4 spelling: "gpu",
 * "gpu:nvidia.com/a100", "sriov", "hugepages:1Gi", gate names). Commas or line breaks separate tokens; the
 * server validates each one and is the authority.
 */
export function parseCapabilityTokens(text: string): string[] {
  const tokens = text
    .split(/[\n,]/)
    .map((t) => t.trim())
    .filter((t) => t !== "");
  return [...new Set(tokens)];
}

export function formatCapabilityTokens(tokens: readonly string[]): string {
  return tokens.join("\n");
}
