/** The page's views, addressed by the URL hash so that each one can be linked to. No React here. */
export type View = 'playground' | 'doctor' | 'walkthrough' | 'feed' | 'bundle';

export const VIEW_HASH: Record<View, string> = {
  playground: '#/',
  doctor: '#/doctor',
  walkthrough: '#/walkthrough',
  feed: '#/feed',
  bundle: '#/bundle',
};

/** The view a hash names; a `#bundle=…` link opens the imported bundle; anything else is the playground. */
export function viewFromHash(hash: string): View {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (h.startsWith('bundle=') || /(^|&)bundle=/.test(h)) return 'bundle';
  const path = (h.replace(/^\/+/, '').split(/[?&]/, 1)[0] ?? '').replace(/\/+$/, '').toLowerCase();
  if (path === 'doctor') return 'doctor';
  if (path === 'walkthrough') return 'walkthrough';
  if (path === 'feed') return 'feed';
  if (path === 'bundle') return 'bundle';
  return 'playground';
}
