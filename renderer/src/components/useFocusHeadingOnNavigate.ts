import { useEffect, useRef, type RefObject } from 'react';
import type { Route } from '../store/route';

/** A tab of the reviews screen or a new search query is the same screen: focus stays on the control. */
function screenOf(route: Route): string {
  return route.name === 'lesson' ||
    route.name === 'report' ||
    route.name === 'community' ||
    route.name === 'collection' ||
    route.name === 'rubric'
    ? `${route.name}/${route.id}`
    : route.name;
}

/**
 * After a move to another screen, focus goes to that screen's main heading, so a keyboard or screen
 * reader user starts at the top of what they opened instead of on the header button or the page body.
 * A screen that loads first shows its heading later, hence the wait for it. The first screen of a
 * launch is left alone: the page's own start is the right place there.
 */
export function useFocusHeadingOnNavigate(route: Route, main: RefObject<HTMLElement | null>) {
  const screen = screenOf(route);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const root = main.current;
    if (!root) return;
    const focusHeading = () => {
      const heading = root.querySelector<HTMLHeadingElement>('h1');
      if (!heading) return false;
      // Focus the person already moved into the new screen is theirs to keep.
      const active = document.activeElement;
      if (active && active !== document.body && root.contains(active) && active !== heading) return true;
      heading.tabIndex = -1;
      heading.focus();
      return true;
    };
    if (focusHeading()) return;
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [screen, main]);
}
