import { describe, expect, it } from "vitest";
import { pageRange, paginationOf, totalPages } from "./pagination";

describe("totalPages", () => {
  it.each([
    [0, 25, 1],
    [25, 25, 1],
    [26, 25, 2],
    [10_000, 100, 100],
  ])("%i items at %i per page → %i pages", (items, per, pages) => {
    expect(totalPages(items, per)).toBe(pages);
  });
});

describe("paginationOf", () => {
  it.each([
    { page: 1, per: 25, total: 0, pages: 1, next: false, prev: false },
    { page: 1, per: 25, total: 25, pages: 1, next: false, prev: false },
    { page: 1, per: 2, total: 6, pages: 3, next: true, prev: false },
    { page: 2, per: 2, total: 6, pages: 3, next: true, prev: true },
    { page: 3, per: 2, total: 6, pages: 3, next: false, prev: true },
    // Past the end (items deleted since the link was made): no next, a way back.
    { page: 9, per: 2, total: 6, pages: 3, next: false, prev: true },
  ])("page $page at $per per page of $total items", ({ page, per, total, pages, next, prev }) => {
    expect(paginationOf(page, per, total)).toEqual({
      page,
      per_page: per,
      total_items: total,
      total_pages: pages,
      has_next: next,
      has_prev: prev,
    });
  });
});

describe("pageRange", () => {
  it.each([
    [1, 25, 60, 1, 25],
    [3, 25, 60, 51, 60],
    [1, 25, 0, 0, 0],
    [1, 25, 1, 1, 1],
  ])("page %i at %i per page of %i items → %i–%i", (page, per, total, from, to) => {
    expect(pageRange(paginationOf(page, per, total))).toEqual({ from, to });
  });
});
