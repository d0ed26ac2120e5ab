"use client";

// Invalidates a query-key prefix on each live notice without ever cancelling a fetch in flight: under a
// steady stream of notices (a crash-looping VM changes every few hundred ms) cancel-and-restart would keep a
// newly keyed query pending forever. A notice that arrives during a fetch is owed one more refetch after it.
import { type QueryKey, useIsFetching, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";

export function useCoalescedInvalidation(queryKey: QueryKey): () => void {
  const queryClient = useQueryClient();
  const key = useRef(queryKey);
  key.current = queryKey;
  const fetching = useIsFetching({ queryKey }) > 0;
  const owed = useRef(false);

  const invalidate = useCallback(() => {
    if (queryClient.isFetching({ queryKey: key.current }) > 0) {
      owed.current = true;
      return;
    }
    void queryClient.invalidateQueries({ queryKey: key.current });
  }, [queryClient]);

  useEffect(() => {
    if (fetching || !owed.current) return;
    owed.current = false;
    void queryClient.invalidateQueries({ queryKey: key.current });
  }, [fetching, queryClient]);

  return invalidate;
}
