import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { createPortal, flushSync } from 'react-dom';
import type { HistorySummary } from '../../../../core/contract.ts';
import type { KeyName } from '../../../lib/key-label.ts';
import { HISTORY_PAGE_SIZE, useHistoryPages, type HistoryFilter } from '../api/history-api.ts';
import { pagesForRange } from '../relative-time.ts';
import { HistoryRow, PlaceholderRow, ROW_HEIGHT, type PathHint } from './history-row.tsx';

const OVERSCAN = 12;

/**
 * The scroll position and height of the list's scroller, followed as it scrolls and resizes. The
 * height is read when the browser has laid the page out anyway (ResizeObserver), never forced in the
 * middle of a render; until then the scroller is taken to be as tall as the window.
 */
function useViewport(scrollRef: RefObject<HTMLDivElement | null>): { top: number; height: number } {
  const [view, setView] = useState(() => ({ top: 0, height: typeof window === 'undefined' ? 0 : window.innerHeight }));
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const set = (top: number, height: number) =>
      setView((v) => (v.top === top && v.height === height ? v : { top, height }));
    // Rendered in the scroll event itself, so that rows (or their placeholders) never lag a frame behind.
    const onScroll = () => flushSync(() => set(el.scrollTop, el.clientHeight));
    el.addEventListener('scroll', onScroll, { passive: true });
    if (typeof ResizeObserver === 'undefined') {
      onScroll();
      return () => el.removeEventListener('scroll', onScroll);
    }
    const resize = new ResizeObserver(([entry]) => {
      if (entry) set(el.scrollTop, Math.round(entry.contentBoxSize[0]?.blockSize ?? entry.contentRect.height));
    });
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
    };
  }, [scrollRef]);
  return view;
}

/**
 * The virtualised list: only the rows on screen are in the DOM, and only the pages of 200 rows
 * that hold them are fetched. `total` comes from the first page. Every row has the same height, so
 * which rows are on screen is arithmetic on the scroll position: nothing is measured or kept per
 * row, whether the history holds a hundred entries or a hundred thousand.
 */
export function HistoryList(props: {
  filter: HistoryFilter;
  total: number;
  now: number;
  selectedId: number | null;
  onSelect: (id: number) => void;
  keyName: (keyId: string) => KeyName;
  onShowTiming?: (id: number) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [hint, setHint] = useState<PathHint | null>(null);
  const view = useViewport(scrollRef);
  // A scroll position past the end (the list just got shorter: a search) counts as the end.
  const top = Math.max(0, Math.min(view.top, props.total * ROW_HEIGHT - view.height));
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(props.total - 1, Math.ceil((top + view.height) / ROW_HEIGHT) + OVERSCAN);
  const indexes: number[] = [];
  for (let i = first; i <= last; i++) indexes.push(i);
  const pages = pagesForRange(first, last, HISTORY_PAGE_SIZE);
  const results = useHistoryPages(props.filter, pages);

  const rowAt = (index: number): HistorySummary | undefined => {
    const page = Math.floor(index / HISTORY_PAGE_SIZE);
    const k = pages.indexOf(page);
    return results[k]?.data?.entries[index - page * HISTORY_PAGE_SIZE];
  };
  const rowId = (index: number) => `history-row-${index}`;

  // A row reached with the keyboard gets focus (and is selected) once it is rendered and loaded,
  // which for a far jump (End in 10,000 rows) is a few frames after the key press.
  const pendingFocus = useRef<number | null>(null);
  const focusPending = () => {
    const index = pendingFocus.current;
    if (index === null) return;
    const row = document.getElementById(rowId(index));
    const entry = rowAt(index);
    if (!row || !entry) return;
    pendingFocus.current = null;
    row.focus();
    props.onSelect(entry.id);
  };
  useEffect(focusPending);

  /** Scrolls as little as needed to have row `index` fully in view. */
  const scrollToRow = (index: number) => {
    const el = scrollRef.current;
    if (!el) return;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  };

  // Arrow keys move between rows (and select), Home/End jump to the ends.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const match = /^history-row-(\d+)$/.exec(target.id);
    if (!match) return;
    const index = Number(match[1]);
    let next: number | null = null;
    if (e.key === 'ArrowDown') next = Math.min(index + 1, props.total - 1);
    else if (e.key === 'ArrowUp') next = Math.max(index - 1, 0);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = props.total - 1;
    if (next === null) return;
    e.preventDefault();
    pendingFocus.current = next;
    scrollToRow(next);
    focusPending();
  };

  return (
    <div
      ref={scrollRef}
      onKeyDown={onKeyDown}
      onScroll={() => setHint(null)}
      className="min-h-40 flex-1 overflow-y-auto overscroll-contain"
    >
      {hint &&
        createPortal(
          // The whole path over the row (its accessible name says it already, hence aria-hidden).
          <div
            aria-hidden="true"
            style={{ left: hint.rect.left, top: hint.rect.top - 4, maxWidth: Math.max(hint.rect.width, 320) }}
            className="pointer-events-none fixed z-50 -translate-y-full rounded-md bg-slate-900 px-2 py-1 font-mono text-[11px] break-all text-white shadow-lg dark:bg-slate-100 dark:text-slate-900"
          >
            {hint.text}
          </div>,
          document.body,
        )}
      <div
        role="list"
        aria-label="Sent requests"
        className="relative w-full"
        style={{ height: props.total * ROW_HEIGHT }}
      >
        {indexes.map((index) => {
          const entry = rowAt(index);
          const style = { height: ROW_HEIGHT, transform: `translateY(${index * ROW_HEIGHT}px)` };
          return entry ? (
            <HistoryRow
              key={index}
              id={rowId(index)}
              entry={entry}
              index={index}
              total={props.total}
              now={props.now}
              selected={entry.id === props.selectedId}
              onSelect={props.onSelect}
              keyName={props.keyName}
              onShowTiming={props.onShowTiming}
              onHint={setHint}
              style={style}
            />
          ) : (
            <PlaceholderRow key={index} style={style} />
          );
        })}
      </div>
    </div>
  );
}
