/**
 * Kubeconfigs travel to `/api/v1/admin/clusters…` as base64 of the file's UTF-8 text (SPEC §21). `btoa` alone
 * takes Latin-1 only, and a kubeconfig may carry non-ASCII names or comments.
 */
export function encodeKubeconfig(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  // Chunked: String.fromCharCode(...bytes) overflows the call stack on a large file.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
