// Stands in for the `server-only` package outside the React server bundler (vitest), where the real
// package throws on import by design.
export {};
