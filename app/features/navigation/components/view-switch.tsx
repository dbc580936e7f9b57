import { VIEW_HASH, type View } from '../route.ts';

const LINKS: Array<{ view: View; label: string }> = [
  { view: 'playground', label: 'Playground' },
  { view: 'doctor', label: 'Doctor' },
  { view: 'walkthrough', label: 'Walkthrough' },
  { view: 'feed', label: 'Feed' },
];

/** The header's view switch: plain links to hash routes, the current one marked with aria-current. */
export function ViewSwitch({ current, showBundle }: { current: View; showBundle: boolean }) {
  const links = showBundle || current === 'bundle' ? [...LINKS, { view: 'bundle' as const, label: 'Bundle' }] : LINKS;
  return (
    <nav aria-label="Views" className="flex items-center gap-0.5 rounded-md bg-slate-100 p-0.5 dark:bg-slate-800">
      {links.map(({ view, label }) => {
        const active = view === current;
        return (
          <a
            key={view}
            href={VIEW_HASH[view]}
            aria-current={active ? 'page' : undefined}
            className={
              'rounded px-2.5 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-sky-500 ' +
              (active
                ? 'bg-white text-slate-900 shadow-sm dark:bg-slate-950 dark:text-white'
                : 'text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white')
            }
          >
            {label}
          </a>
        );
      })}
    </nav>
  );
}
