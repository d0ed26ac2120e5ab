/**
 * The page shape of every list the API returns (SPEC §21): computed here once, so the VM list, the clusters
 * list and the adoption inbox agree on what "page 3 of 3" and "has next" mean.
 */

export interface PaginationView {
  page: number;
  per_page: number;
  total_items: number;
  /** At least 1, so "page 1 of 1" reads right for an empty list. */
  total_pages: number;
  has_next: boolean;
  has_prev: boolean;
}

export function totalPages(totalItems: number, perPage: number): number {
  return Math.max(1, Math.ceil(totalItems / perPage));
}

export function paginationOf(page: number, perPage: number, totalItems: number): PaginationView {
  const pages = totalPages(totalItems, perPage);
  return {
    page,
    per_page: perPage,
    total_items: totalItems,
    total_pages: pages,
    has_next: page < pages,
    has_prev: page > 1,
  };
}

/** The 1-based positions of the first and last item on the page ("26–50 of 60"); 0–0 for an empty list. */
export function pageRange(p: PaginationView): { from: number; to: number } {
  const to = Math.min(p.total_items, p.page * p.per_page);
  const from = Math.min(to, (p.page - 1) * p.per_page + 1);
  return { from, to };
}
