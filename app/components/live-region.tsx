import { useAnnouncement } from '../lib/announce.ts';

/** The page's polite live region; announce() writes to it. Visually hidden. */
export function LiveRegion() {
  const { message, seq } = useAnnouncement();
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-seq={seq}>
      {message}
    </div>
  );
}
