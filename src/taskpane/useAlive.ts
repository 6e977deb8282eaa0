import { useCallback, useEffect, useRef } from 'react';

/**
 * Whether the component is still mounted. React ignores a state update after unmount; this is for the side effects
 * of work that finishes later — a notice about a panel the user has closed is dropped, and so is a subscription
 * that arrives after it closed.
 */
export function useAlive(): () => boolean {
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return useCallback(() => mounted.current, []);
}
