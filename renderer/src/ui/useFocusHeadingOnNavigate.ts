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
 * A screen that loads first shows its heading later, hence the wait for it; one that shows what it
 * had and then reloads (a lesson opened again) replaces its heading, which would drop the focus to
 * the page body, so a focused heading that vanishes is followed to its successor until the person
 * moves the focus themselves. The first screen of a launch is left alone: the page's own start is the
 * right place there.
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
    let placed: HTMLElement | null = null;
    const stop = () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocusIn);
    };
    const focusHeading = () => {
      const heading = root.querySelector<HTMLHeadingElement>('h1');
      if (!heading) return;
      const active = document.activeElement;
      const onBody = !active || active === document.body;
      if (placed) {
        if (placed.isConnected || !onBody) return;
      } else if (!onBody && root.contains(active) && active !== heading) {
        // Focus the person already moved into the new screen is theirs to keep.
        return stop();
      }
      heading.tabIndex = -1;
      placed = heading;
      heading.focus();
    };
    const onFocusIn = (e: FocusEvent) => {
      if (placed && e.target !== placed) stop();
    };
    const observer = new MutationObserver(focusHeading);
    observer.observe(root, { childList: true, subtree: true });
    document.addEventListener('focusin', onFocusIn);
    focusHeading();
    return stop;
  }, [screen, main]);
}
