import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { HistorySummary } from '../../../../core/contract.ts';
import { HISTORY_PAGE_SIZE, useHistoryPages, type HistoryFilter } from '../api/history-api.ts';
import { pagesForRange } from '../relative-time.ts';
import { HistoryRow, PlaceholderRow, ROW_HEIGHT } from './history-row.tsx';

/**
 * The virtualised list: only the rows on screen are in the DOM, and only the pages of 200 rows
 * that hold them are fetched. `total` comes from the first page.
 */
export function HistoryList(props: {
  filter: HistoryFilter;
  total: number;
  now: number;
  selectedId: number | null;
  onSelect: (id: number) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
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
    virtualizer.scrollToIndex(next, { align: 'auto' });
    focusPending();
  };

  return (
    <div ref={scrollRef} onKeyDown={onKeyDown} className="min-h-40 flex-1 overflow-y-auto overscroll-contain">
      <div
        role="list"
        aria-label="Sent requests"
        className="relative w-full"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const entry = rowAt(item.index);
          const style = { height: item.size, transform: `translateY(${item.start}px)` };
          return entry ? (
            <HistoryRow
              key={item.key}
              id={rowId(item.index)}
              entry={entry}
              index={item.index}
              total={props.total}
              now={props.now}
              selected={entry.id === props.selectedId}
              onSelect={props.onSelect}
              style={style}
            />
          ) : (
            <PlaceholderRow key={item.key} style={style} />
          );
        })}
      </div>
    </div>
  );
}
