import { create } from 'zustand';
import { isReviewTab, type ReviewTab } from '../review/tabs';

export type Route =
  | { name: 'library' }
  | { name: 'settings' }
  | { name: 'record' }
  | { name: 'lesson'; id: string; atMs?: number; clipId?: string }
  | { name: 'report'; id: string }
  | { name: 'reviews'; tab: ReviewTab }
  | { name: 'rubric'; id: string; communityId?: string }
  | { name: 'hub' }
  | { name: 'community'; id: string }
  | { name: 'search'; query: string }
  | { name: 'collections' }
  | { name: 'credentials' }
  | { name: 'collection'; id: string };

/** The route lives in the address hash, so a reload (or the browser's back button) keeps the person's place. */
function parse(hash: string): Route {
  const [, screen, id] = hash.replace(/^#/, '').split('/');
  if (screen === 'lesson' && id) {
    const params = new URLSearchParams(hash.split('?')[1] ?? '');
    const at = params.get('t');
    const clip = params.get('clip');
    return { name: 'lesson', id: id.split('?')[0]!, ...(at ? { atMs: Number(at) } : {}), ...(clip ? { clipId: clip } : {}) };
  }
  if (screen === 'report' && id) return { name: 'report', id };
  if (screen === 'community' && id) return { name: 'community', id };
  if (screen === 'hub') return { name: 'hub' };
  if (screen?.split('?')[0] === 'search') return { name: 'search', query: new URLSearchParams(hash.split('?')[1] ?? '').get('q') ?? '' };
  if (screen === 'collection' && id) return { name: 'collection', id };
  if (screen === 'collections') return { name: 'collections' };
  if (screen === 'credentials') return { name: 'credentials' };
  if (screen === 'reviews') return { name: 'reviews', tab: isReviewTab(id) ? id : 'inbox' };
  if (screen === 'rubric' && id) {
    const community = new URLSearchParams(hash.split('?')[1] ?? '').get('community');
    return { name: 'rubric', id: id.split('?')[0]!, ...(community ? { communityId: community } : {}) };
  }
  if (screen === 'settings') return { name: 'settings' };
  if (screen === 'record') return { name: 'record' };
  return { name: 'library' };
}

function format(route: Route): string {
  if (route.name === 'lesson') {
    const params = new URLSearchParams();
    if (route.atMs !== undefined) params.set('t', String(route.atMs));
    if (route.clipId) params.set('clip', route.clipId);
    const query = params.toString();
    return `#/lesson/${route.id}${query ? `?${query}` : ''}`;
  }
  if (route.name === 'report') return `#/report/${route.id}`;
  if (route.name === 'community') return `#/community/${route.id}`;
  if (route.name === 'search') return `#/search${route.query ? `?q=${encodeURIComponent(route.query)}` : ''}`;
  if (route.name === 'collection') return `#/collection/${route.id}`;
  if (route.name === 'reviews') return `#/reviews/${route.tab}`;
  if (route.name === 'rubric') return `#/rubric/${route.id}${route.communityId ? `?community=${route.communityId}` : ''}`;
  return `#/${route.name}`;
}

interface RouteState {
  route: Route;
  go(route: Route): void;
}

export const useRoute = create<RouteState>((set) => ({
  route: parse(window.location.hash),
  go(route) {
    window.location.hash = format(route);
    set({ route });
  },
}));

window.addEventListener('hashchange', () => useRoute.setState({ route: parse(window.location.hash) }));
