import { groupDigits } from '../../../lib/format.ts';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { Button } from '../../../components/button.tsx';
import {
  blocksAtDepth,
  findMatches,
  lineText,
  unfoldToReveal,
  visibleLines,
  type LineModel,
  type Match,
} from '../json-lines.ts';

/** Above this many visible lines only the lines on screen are in the DOM. */
export const VIRTUALISE_ABOVE = 800;
const ROW_HEIGHT = 20;
/** Indentation is drawn up to this depth; deeper lines show their depth as a number. */
const MAX_DRAWN_DEPTH = 16;
const MATCH_LIMIT = 10_000;
const EMPTY: ReadonlySet<number> = new Set();

interface LineViewerProps {
  model: LineModel;
  /** Lines that open objects or arrays get fold buttons. */
  foldable: boolean;
  searchable?: boolean;
  /** Accessible name of the scrolling text area. */
  label: string;
  /** Long lines wrap instead of scrolling sideways (the text itself is unchanged). */
  wrap?: boolean;
  /** Shown beside a line, never part of its text (amounts in whole units). */
  annotations?: ReadonlyMap<number, string>;
  /** Controls shown at the end of the toolbar (the wrap toggle). */
  tools?: ReactNode;
}

/** A read-only view of lines with search, folding and (for long texts) virtualisation. */
export function LineViewer({
  model,
  foldable,
  searchable = true,
  label,
  wrap = false,
  annotations,
  tools,
}: LineViewerProps) {
  const [foldState, setFoldState] = useState<{ model: LineModel; folded: ReadonlySet<number> }>({
    model,
    folded: EMPTY,
  });
  const folded = foldState.model === model ? foldState.folded : EMPTY;
  const setFolded = (next: ReadonlySet<number>) => setFoldState({ model, folded: next });

  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [current, setCurrent] = useState(0);
  useEffect(() => {
    const t = setTimeout(() => {
      setDebounced(query);
      setCurrent(0);
    }, 150);
    return () => clearTimeout(t);
  }, [query]);

  const hasQuery = debounced !== '';
  const haystack = useMemo(() => (hasQuery ? model.text.toLowerCase() : ''), [hasQuery, model]);
  const { matches, capped } = useMemo(
    () =>
      hasQuery
        ? findMatches(haystack, model.starts, model.lineCount, debounced, MATCH_LIMIT)
        : { matches: [], capped: false },
    [hasQuery, haystack, model, debounced],
  );

  const visible = useMemo(() => visibleLines(model, folded), [model, folded]);
  const count = visible ? visible.length : model.lineCount;
  const lineAtRow = (row: number) => (visible ? (visible[row] ?? 0) : row);
  const currentMatch = matches[current];

  const goTo = (index: number) => {
    if (matches.length === 0) return;
    const next = (index + matches.length) % matches.length;
    setCurrent(next);
    const m = matches[next];
    if (m && folded.size > 0) {
      const revealed = unfoldToReveal(model, folded, m.line);
      if (revealed.size !== folded.size) setFolded(revealed);
    }
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      // Enter searches at once, without waiting for the debounce.
      if (query !== debounced) {
        setDebounced(query);
        setCurrent(0);
        return;
      }
      goTo(current + (e.shiftKey ? -1 : 1));
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      setQuery('');
    }
  };

  const toggle = (line: number) => {
    const next = new Set(folded);
    if (next.has(line)) next.delete(line);
    else next.add(line);
    setFolded(next);
  };

  const hasBlocks = foldable && model.lineCount > 1 && (model.end[0] ?? -1) > 0;
  const matchLabel = !hasQuery
    ? ''
    : matches.length === 0
      ? 'No matches'
      : `${current + 1} of ${groupDigits(matches.length)}${capped ? '+' : ''}`;

  const renderRow = (row: number, style?: CSSProperties, measure?: (el: HTMLDivElement | null) => void) => {
    const line = lineAtRow(row);
    return (
      <LineRow
        key={line}
        model={model}
        line={line}
        foldable={foldable}
        folded={folded.has(line)}
        onToggle={toggle}
        matches={matches}
        currentMatch={currentMatch}
        style={style}
        wrap={wrap}
        annotation={annotations?.get(line)}
        measure={measure}
        index={row}
      />
    );
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      {(searchable || hasBlocks || tools) && (
        <div className="flex flex-wrap items-center gap-2">
          {searchable && (
            <>
              <input
                type="search"
                aria-label="Search response"
                placeholder="Search response"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                onKeyDown={onSearchKey}
                className="h-7 min-w-40 flex-1 basis-48 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 placeholder:text-slate-500 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
              />
              <span aria-live="polite" className="min-w-20 text-xs text-slate-600 tabular-nums dark:text-slate-400">
                {matchLabel}
              </span>
              <SmallButton onClick={() => goTo(current - 1)} disabled={matches.length === 0}>
                Previous match
              </SmallButton>
              <SmallButton onClick={() => goTo(current + 1)} disabled={matches.length === 0}>
                Next match
              </SmallButton>
            </>
          )}
          {hasBlocks && (
            <>
              <SmallButton onClick={() => setFolded(EMPTY)} disabled={folded.size === 0}>
                Expand all
              </SmallButton>
              <SmallButton onClick={() => setFolded(new Set(blocksAtDepth(model, 1)))}>Collapse all</SmallButton>
            </>
          )}
          {tools}
        </div>
      )}
      {count > VIRTUALISE_ABOVE ? (
        <VirtualLines
          count={count}
          label={label}
          wrap={wrap}
          renderRow={renderRow}
          scrollToRow={currentMatch ? rowOfLine(visible, currentMatch.line) : null}
          scrollKey={current}
        />
      ) : (
        <PlainLines
          count={count}
          label={label}
          wrap={wrap}
          renderRow={renderRow}
          scrollKey={currentMatch ? current : null}
        />
      )}
    </div>
  );
}

function rowOfLine(visible: Int32Array | null, line: number): number {
  if (!visible) return line;
  let lo = 0;
  let hi = visible.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((visible[mid] ?? 0) < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const scrollAreaClass =
  'min-h-40 max-h-[70vh] flex-1 overflow-auto rounded border border-slate-200 bg-slate-50 font-mono text-[13px] leading-5 text-slate-900 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none dark:border-slate-800 dark:bg-slate-950 dark:text-slate-100';

function PlainLines(props: {
  count: number;
  label: string;
  wrap: boolean;
  renderRow: (row: number) => ReactNode;
  scrollKey: number | null;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { scrollKey } = props;
  useEffect(() => {
    if (scrollKey === null) return;
    const mark = ref.current?.querySelector('mark[aria-current="true"]');
    if (mark && 'scrollIntoView' in mark && typeof mark.scrollIntoView === 'function')
      mark.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [scrollKey]);
  const rows: ReactNode[] = [];
  for (let r = 0; r < props.count; r++) rows.push(props.renderRow(r));
  return (
    <div ref={ref} role="region" aria-label={props.label} tabIndex={0} className={scrollAreaClass}>
      <div className={`${props.wrap ? 'w-full' : 'w-max min-w-full'} py-1`}>{rows}</div>
    </div>
  );
}

function VirtualLines(props: {
  count: number;
  label: string;
  wrap: boolean;
  renderRow: (row: number, style: CSSProperties, measure?: (el: HTMLDivElement | null) => void) => ReactNode;
  scrollToRow: number | null;
  scrollKey: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.count,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 30,
  });
  // Wrapped lines have their own heights: each rendered row is measured as it is drawn.
  const measure = props.wrap ? virtualizer.measureElement : undefined;
  const { scrollToRow, scrollKey } = props;
  useEffect(() => {
    if (scrollToRow !== null) virtualizer.scrollToIndex(scrollToRow, { align: 'center' });
  }, [scrollToRow, scrollKey, virtualizer]);
  return (
    <div ref={ref} role="region" aria-label={props.label} tabIndex={0} className={scrollAreaClass}>
      <div
        className={`relative ${props.wrap ? 'w-full' : 'w-max min-w-full'}`}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) =>
          props.renderRow(
            item.index,
            {
              position: 'absolute',
              top: 0,
              left: 0,
              transform: `translateY(${item.start}px)`,
              ...(props.wrap ? { width: '100%' } : {}),
            },
            measure,
          ),
        )}
      </div>
    </div>
  );
}

function lowerBound(matches: readonly Match[], line: number): number {
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((matches[mid]?.line ?? 0) < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface LineRowProps {
  model: LineModel;
  line: number;
  foldable: boolean;
  folded: boolean;
  onToggle: (line: number) => void;
  matches: readonly Match[];
  currentMatch: Match | undefined;
  style?: CSSProperties | undefined;
  wrap: boolean;
  annotation: string | undefined;
  /** For a virtualised, wrapped row: measured once drawn. */
  measure: ((el: HTMLDivElement | null) => void) | undefined;
  /** The row's index among those shown (for the measurement). */
  index: number;
}

function LineRow({
  model,
  line,
  foldable,
  folded,
  onToggle,
  matches,
  currentMatch,
  style,
  wrap,
  annotation,
  measure,
  index,
}: LineRowProps) {
  const text = lineText(model, line);
  const depth = model.depth[line] ?? 0;
  const end = model.end[line] ?? -1;
  const opens = foldable && end > line;

  // Cut the text at each match on this line.
  const parts: ReactNode[] = [];
  let pos = 0;
  for (let k = lowerBound(matches, line); k < matches.length; k++) {
    const m = matches[k];
    if (!m || m.line !== line) break;
    if (m.column > pos) parts.push(text.slice(pos, m.column));
    const isCurrent = m === currentMatch;
    parts.push(
      <mark
        key={m.column}
        aria-current={isCurrent ? 'true' : undefined}
        className={
          isCurrent
            ? 'rounded-sm bg-orange-400 text-slate-950 outline outline-orange-600'
            : 'rounded-sm bg-yellow-200 text-slate-950 dark:bg-yellow-600/60 dark:text-slate-50'
        }
      >
        {text.slice(m.column, m.column + m.length)}
      </mark>,
    );
    pos = m.column + m.length;
  }
  if (pos < text.length || parts.length === 0) parts.push(text.slice(pos));

  const drawn = Math.min(depth, MAX_DRAWN_DEPTH);
  return (
    <div
      ref={measure}
      data-index={measure ? index : undefined}
      className={
        wrap ? 'flex min-h-5 items-start leading-5 whitespace-pre-wrap' : 'flex h-5 items-center whitespace-pre'
      }
      style={style}
    >
      <span aria-hidden="true" className="w-14 shrink-0 pr-3 text-right text-slate-400 select-none dark:text-slate-600">
        {line + 1}
      </span>
      {foldable && (
        <span className="w-5 shrink-0">
          {opens && (
            <button
              type="button"
              aria-expanded={!folded}
              aria-label={`${folded ? 'Expand' : 'Collapse'} the block on line ${line + 1}`}
              onClick={() => onToggle(line)}
              className="flex h-4 w-4 items-center justify-center rounded text-[10px] text-slate-500 hover:bg-slate-200 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none dark:hover:bg-slate-800"
            >
              {folded ? '▶' : '▼'}
            </button>
          )}
        </span>
      )}
      <span style={{ paddingLeft: `${drawn * 2}ch` }} className={wrap ? 'min-w-0 flex-1 pr-4 break-all' : 'pr-4'}>
        {depth > MAX_DRAWN_DEPTH && (
          <span className="mr-1 rounded bg-slate-200 px-1 text-[11px] text-slate-600 dark:bg-slate-800 dark:text-slate-400">
            depth {depth}
          </span>
        )}
        {parts}
        {opens && folded && (
          <>
            <span className="mx-1 rounded bg-slate-200 px-1 text-[11px] text-slate-600 dark:bg-slate-800 dark:text-slate-400">
              {end - line - 1} {end - line - 1 === 1 ? 'line' : 'lines'}
            </span>
            {lineText(model, end)}
          </>
        )}
        {annotation && (
          <span
            className="ml-2 rounded bg-sky-50 px-1 font-sans text-[11px] text-sky-800 select-none dark:bg-sky-950 dark:text-sky-300"
            title="In whole units: the amount divided by the scale beside it. The body itself is unchanged."
          >
            {annotation}
          </span>
        )}
      </span>
    </div>
  );
}

export function SmallButton(props: { onClick: () => void; disabled?: boolean; children: ReactNode; label?: string }) {
  return (
    <Button size="sm" onClick={props.onClick} disabled={props.disabled} aria-label={props.label}>
      {props.children}
    </Button>
  );
}
