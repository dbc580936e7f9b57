/**
 * Resizable panes in a row or a column, with a separator between each pair.
 *
 * A pane is either fixed (a size in pixels or a percentage of the group, kept as the window resizes)
 * or flexible (a weight: the flexible panes share what the fixed ones leave). Minimum and maximum sizes
 * are CSS limits, so the browser holds them at any window size. A separator is dragged with the pointer
 * or moved with the keyboard (the arrows by 16 px, with Shift by 80 px, Home and End to the limits;
 * Enter collapses a collapsible pane before it and brings it back), and says its pane's share of the
 * group as its value. Sizes and the collapsed state are remembered in localStorage under `storageKey`.
 */
import {
  Fragment,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent as ReactPointerEvent,
  type ReactNode,
  type Ref,
} from 'react';

export interface PaneSpec {
  id: string;
  /** Fixed panes: pixels or a percentage of the group. Flexible panes: a weight. */
  size: number | `${number}%`;
  fixed?: boolean;
  minPx: number;
  /** A percentage of the group. */
  maxPercent?: number;
  /** When set, the pane can shrink to this many pixels (and `content` is told it is collapsed). */
  collapsedPx?: number;
  content: (collapsed: boolean) => ReactNode;
  className?: string;
  /** The accessible name of the separator after this pane. */
  separatorLabel?: string;
}

export interface SplitPanesHandle {
  toggle(id: string): void;
  isCollapsed(id: string): boolean;
}

interface Saved {
  sizes: Record<string, number | `${number}%`>;
  collapsed: Record<string, boolean>;
}

const STEP_PX = 16;
const BIG_STEP_PX = 80;

function load(key: string): Saved | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { sizes, collapsed } = value as Partial<Saved>;
    const out: Saved = { sizes: {}, collapsed: {} };
    for (const [id, size] of Object.entries(sizes ?? {}))
      if ((typeof size === 'number' && Number.isFinite(size) && size > 0) || /^\d+(\.\d+)?%$/.test(String(size)))
        out.sizes[id] = size;
    for (const [id, c] of Object.entries(collapsed ?? {})) if (c === true) out.collapsed[id] = true;
    return out;
  } catch {
    return null;
  }
}

/** Whether the pane was left collapsed in the layout remembered under `key`. */
export function collapsedAtStart(key: string, id: string): boolean {
  return load(key)?.collapsed[id] === true;
}

function save(key: string, saved: Saved): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(saved));
  } catch {
    // A full or blocked storage only means the sizes are not remembered.
  }
}

function extent(element: Element | null | undefined, horizontal: boolean): number {
  const rect = element?.getBoundingClientRect();
  return rect ? (horizontal ? rect.width : rect.height) : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

export function SplitPanes({
  panes,
  orientation,
  storageKey,
  className = '',
  separatorClassName = '',
  onCollapsedChange,
  ref,
}: {
  panes: PaneSpec[];
  orientation: 'horizontal' | 'vertical';
  storageKey: string;
  className?: string;
  separatorClassName?: string;
  onCollapsedChange?: (id: string, collapsed: boolean) => void;
  ref?: Ref<SplitPanesHandle>;
}) {
  const horizontal = orientation === 'horizontal';
  const group = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<Saved>(() => {
    const saved = load(storageKey);
    const sizes: Saved['sizes'] = {};
    for (const p of panes) sizes[p.id] = saved?.sizes[p.id] ?? p.size;
    return { sizes, collapsed: saved?.collapsed ?? {} };
  });
  const stateRef = useRef(state);
  const onCollapsedRef = useRef(onCollapsedChange);
  useLayoutEffect(() => {
    stateRef.current = state;
    onCollapsedRef.current = onCollapsedChange;
  });

  const commit = (next: Saved) => {
    stateRef.current = next;
    setState(next);
    save(storageKey, next);
  };

  const setCollapsed = (id: string, collapsed: boolean) => {
    const current = stateRef.current;
    if (Boolean(current.collapsed[id]) === collapsed) return;
    commit({ ...current, collapsed: { ...current.collapsed, [id]: collapsed } });
    onCollapsedRef.current?.(id, collapsed);
  };

  useImperativeHandle(ref, () => ({
    toggle: (id) => setCollapsed(id, !stateRef.current.collapsed[id]),
    isCollapsed: (id) => Boolean(stateRef.current.collapsed[id]),
  }));

  const paneElements = useRef(new Map<string, HTMLElement>());
  const measure = (id: string) => extent(paneElements.current.get(id), horizontal);
  const groupPx = () => extent(group.current, horizontal);

  /** Moves the boundary after pane `index` to make that pane `target` pixels (within both panes' limits). */
  const resize = (index: number, target: number) => {
    const before = panes[index];
    const after = panes[index + 1];
    if (!before || !after) return;
    const total = groupPx();
    const a = measure(before.id);
    const b = measure(after.id);
    const max = Math.min(
      before.maxPercent === undefined ? Infinity : (before.maxPercent / 100) * total,
      a + b - after.minPx,
    );
    const next = clamp(target, before.minPx, max);
    const sizes = { ...stateRef.current.sizes };
    if (before.fixed) sizes[before.id] = Math.round(next);
    if (after.fixed) sizes[after.id] = Math.round(a + b - next);
    if (!before.fixed || !after.fixed) {
      // Flexible panes get weights in pixels, so that the two beside the separator split what they had.
      for (const p of panes) if (!p.fixed) sizes[p.id] = measure(p.id);
      if (!before.fixed) sizes[before.id] = next;
      if (!after.fixed) sizes[after.id] = a + b - next;
    }
    const wasCollapsed = Boolean(stateRef.current.collapsed[before.id]);
    commit({ ...stateRef.current, sizes, collapsed: { ...stateRef.current.collapsed, [before.id]: false } });
    if (wasCollapsed) onCollapsedRef.current?.(before.id, false);
  };

  const [dragging, setDragging] = useState<number | null>(null);

  const startDrag = (index: number, e: ReactPointerEvent<HTMLDivElement>) => {
    const pane = panes[index];
    if (!pane || e.button !== 0) return;
    e.preventDefault();
    const separator = e.currentTarget;
    separator.setPointerCapture(e.pointerId);
    separator.focus();
    const origin = horizontal ? e.clientX : e.clientY;
    const start = measure(pane.id);
    setDragging(index);
    const onMove = (m: PointerEvent) => {
      const delta = (horizontal ? m.clientX : m.clientY) - origin;
      if (pane.collapsedPx !== undefined && start + delta < pane.minPx / 2) setCollapsed(pane.id, true);
      else resize(index, start + delta);
    };
    const onUp = () => {
      separator.removeEventListener('pointermove', onMove);
      separator.removeEventListener('pointerup', onUp);
      separator.removeEventListener('pointercancel', onUp);
      setDragging(null);
    };
    separator.addEventListener('pointermove', onMove);
    separator.addEventListener('pointerup', onUp);
    separator.addEventListener('pointercancel', onUp);
  };

  const onKey = (index: number, e: KeyboardEvent<HTMLDivElement>) => {
    const pane = panes[index];
    if (!pane) return;
    const less = horizontal ? 'ArrowLeft' : 'ArrowUp';
    const more = horizontal ? 'ArrowRight' : 'ArrowDown';
    const step = e.shiftKey ? BIG_STEP_PX : STEP_PX;
    const current = measure(pane.id);
    if (e.key === less) resize(index, current - step);
    else if (e.key === more) resize(index, current + step);
    else if (e.key === 'Home') resize(index, pane.minPx);
    else if (e.key === 'End') resize(index, Infinity);
    else if (e.key === 'Enter' && pane.collapsedPx !== undefined)
      setCollapsed(pane.id, !stateRef.current.collapsed[pane.id]);
    else return;
    e.preventDefault();
  };

  // The separators' values: each pane's share of the group, read after layout.
  const [shares, setShares] = useState<Record<string, number>>({});
  const paneIds = panes.map((p) => p.id).join(' ');
  useLayoutEffect(() => {
    const ids = paneIds.split(' ');
    const update = () => {
      const total = extent(group.current, horizontal);
      if (!total) return;
      const next: Record<string, number> = {};
      for (const id of ids) next[id] = Math.round((extent(paneElements.current.get(id), horizontal) / total) * 100);
      setShares((old) => (ids.every((id) => old[id] === next[id]) ? old : next));
    };
    update();
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(update);
    if (group.current) observer?.observe(group.current);
    for (const el of paneElements.current.values()) observer?.observe(el);
    return () => observer?.disconnect();
  }, [paneIds, horizontal]);

  const dimension = horizontal ? 'width' : 'height';
  const minDimension = horizontal ? 'minWidth' : 'minHeight';
  const maxDimension = horizontal ? 'maxWidth' : 'maxHeight';

  return (
    <div
      ref={group}
      data-panes={orientation}
      className={`flex ${horizontal ? 'flex-row' : 'flex-col'} ${dragging === null ? '' : horizontal ? 'cursor-col-resize select-none' : 'cursor-row-resize select-none'} ${className}`}
    >
      {panes.map((pane, index) => {
        const collapsed = pane.collapsedPx !== undefined && Boolean(state.collapsed[pane.id]);
        const size = state.sizes[pane.id] ?? pane.size;
        const style: CSSProperties = collapsed
          ? { flex: `0 0 ${pane.collapsedPx}px` }
          : pane.fixed
            ? {
                flex: `0 0 ${typeof size === 'number' ? `${size}px` : size}`,
                [minDimension]: pane.minPx,
                [maxDimension]: pane.maxPercent === undefined ? undefined : `${pane.maxPercent}%`,
              }
            : { flex: `${typeof size === 'number' ? size : 1} 1 0px`, [minDimension]: pane.minPx };
        const separator = index < panes.length - 1 && (
          <div
            role="separator"
            tabIndex={0}
            aria-label={pane.separatorLabel}
            aria-orientation={horizontal ? 'vertical' : 'horizontal'}
            aria-controls={`pane-${pane.id}`}
            aria-valuenow={shares[pane.id] ?? 0}
            aria-valuemin={0}
            aria-valuemax={100}
            data-active={dragging === index ? '' : undefined}
            onPointerDown={(e) => startDrag(index, e)}
            onKeyDown={(e) => onKey(index, e)}
            onDoubleClick={() => pane.collapsedPx !== undefined && setCollapsed(pane.id, !collapsed)}
            className={`relative shrink-0 touch-none ${horizontal ? 'w-1 cursor-col-resize before:absolute before:-inset-x-1 before:inset-y-0' : 'h-1 cursor-row-resize before:absolute before:inset-x-0 before:-inset-y-1'} before:content-[''] ${separatorClassName}`}
          />
        );
        return (
          <Fragment key={pane.id}>
            <div
              id={`pane-${pane.id}`}
              data-pane={pane.id}
              ref={(el) => {
                if (el) paneElements.current.set(pane.id, el);
                else paneElements.current.delete(pane.id);
              }}
              style={{ ...style, [dimension === 'width' ? 'minHeight' : 'minWidth']: 0 }}
              className={`overflow-hidden ${pane.className ?? ''}`}
            >
              {pane.content(collapsed)}
            </div>
            {separator}
          </Fragment>
        );
      })}
    </div>
  );
}
