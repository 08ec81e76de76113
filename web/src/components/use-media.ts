import { useSyncExternalStore } from 'react';

function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}

/** Phone layout below antd's `md` breakpoint (768 px). */
export const useIsPhone = () => useMediaQuery('(max-width: 767.98px)');

/** Side menu as a fixed column from antd's `lg` breakpoint (992 px); a drawer below it. */
export const useIsDesktop = () => useMediaQuery('(min-width: 992px)');

/** The system asks for less motion (an accessibility setting): antd's animations are then turned off. */
export const usePrefersReducedMotion = () => useMediaQuery('(prefers-reduced-motion: reduce)');
