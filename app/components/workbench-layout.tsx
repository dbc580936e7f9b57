/**
 * The playground's panes, with named slots so that what fills them stays apart from how they are laid
 * out (request tabs, for one, slot in above the composer):
 *
 *   wide (≥ 1280 px)   history | composer | signing over response     resizable, remembered
 *   medium (≥ 768 px)  history | composer over signing | response      resizable, remembered
 *   narrow             one column (composer, signing, response); the history is a drawer
 *
 * The history collapses to a rail ("h", or its Hide button), and the sizes and the collapsed state
 * are kept in localStorage per layout. Every pane scrolls inside: the page itself never does.
 */
import {
  createContext,
  useCallback,
  useContext,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type Ref,
} from 'react';
import { useFocusTrap } from '../lib/use-focus-trap.ts';
import { useMediaQuery } from '../lib/use-media-query.ts';
import { useShortcut, useSuspendShortcuts } from '../lib/shortcuts.ts';
import { Kbd } from './button.tsx';
import { collapsedAtStart, SplitPanes, type SplitPanesHandle } from './split-panes.tsx';

export interface WorkbenchSlots {
  /** Above everything about the request (request tabs). */
  aboveComposer?: ReactNode;
  /** The environment bar: about the request being composed. */
  bar?: ReactNode;
  composer: ReactNode;
  /** The string to sign, the signature and the snippets. */
  signing: ReactNode;
  /** The response and what can be done with it. */
  response: ReactNode;
  history: ReactNode;
}

export interface WorkbenchLayoutHandle {
  /** A request was sent or picked: its response is brought into view (the drawer closes on a narrow screen). */
  revealResponse(): void;
  /** Something was loaded into the composer: it is brought into view. */
  revealComposer(): void;
}

export type WorkbenchMode = 'wide' | 'medium' | 'narrow';

interface WorkbenchState {
  mode: WorkbenchMode;
  historyShown: boolean;
  toggleHistory(): void;
}

const WorkbenchContext = createContext<WorkbenchState | null>(null);

/** The layout's mode and history toggle, for a button inside a slot (the history's own Hide button). */
export function useWorkbench(): WorkbenchState | null {
  return useContext(WorkbenchContext);
}

const RAIL_PX = 44;
const HISTORY_MIN_PX = 220;
const STORAGE_PREFIX = 'qredo-playground.panes.';

const pane = 'h-full min-h-0 overflow-y-auto overscroll-contain';
const separatorClass =
  'bg-slate-200 transition-colors outline-none hover:bg-sky-300 focus-visible:bg-sky-500 data-[active]:bg-sky-500 ' +
  'dark:bg-slate-800 dark:hover:bg-sky-700 dark:focus-visible:bg-sky-500 dark:data-[active]:bg-sky-500';

export function WorkbenchLayout({
  slots,
  active,
  ref,
}: {
  slots: WorkbenchSlots;
  /** False while another view is on screen: the layout's shortcut is off. */
  active: boolean;
  ref?: Ref<WorkbenchLayoutHandle>;
}) {
  const wide = useMediaQuery('(min-width: 1280px)');
  const medium = useMediaQuery('(min-width: 768px)');
  const mode: WorkbenchMode = wide ? 'wide' : medium ? 'medium' : 'narrow';
  return mode === 'narrow' ? (
    <NarrowLayout slots={slots} active={active} handle={ref} />
  ) : (
    <PanesLayout key={mode} mode={mode} slots={slots} active={active} handle={ref} />
  );
}

/**
 * Scrolls the pane so that `region` is in view when it is not yet: the pane only, never the page
 * (scrollIntoView would also scroll the page's own overflow-hidden frame).
 */
function bringIntoView(scroller: HTMLElement | null, region: HTMLElement | null): void {
  requestAnimationFrame(() => {
    if (!scroller || !region) return;
    const top = region.getBoundingClientRect().top;
    const frame = scroller.getBoundingClientRect();
    // jsdom, where the unit tests run, has no Element.scrollTo.
    const pane: { scrollTo?: (options: ScrollToOptions) => void } = scroller;
    if (top < frame.top || top > frame.bottom - 120)
      pane.scrollTo?.({ top: scroller.scrollTop + top - frame.top - 12, behavior: 'smooth' });
  });
}

function PanesLayout({
  mode,
  slots,
  active,
  handle,
}: {
  mode: 'wide' | 'medium';
  slots: WorkbenchSlots;
  active: boolean;
  handle: Ref<WorkbenchLayoutHandle> | undefined;
}) {
  const panes = useRef<SplitPanesHandle>(null);
  const outerKey = `${STORAGE_PREFIX}${mode}`;
  const [historyShown, setHistoryShown] = useState(() => !collapsedAtStart(outerKey, 'history'));
  const composerRef = useRef<HTMLDivElement>(null);

  const toggleHistory = useCallback(() => panes.current?.toggle('history'), []);
  useShortcut('h', 'Show or hide the history', toggleHistory, active);
  useImperativeHandle(
    handle,
    () => ({
      // The response has a pane of its own at these sizes; in the medium layout the signing panel
      // shares the composer's pane, so the composer may need scrolling back into view.
      revealResponse: () => undefined,
      revealComposer: () => bringIntoView(composerRef.current, composerRef.current?.firstElementChild as HTMLElement),
    }),
    [],
  );
  const state = useMemo(() => ({ mode, historyShown, toggleHistory }), [mode, historyShown, toggleHistory]);
  const response = (
    <div className={pane}>
      <div className="space-y-3 p-3">{slots.response}</div>
    </div>
  );

  return (
    <WorkbenchContext.Provider value={state}>
      <SplitPanes
        ref={panes}
        orientation="horizontal"
        storageKey={outerKey}
        separatorClassName={separatorClass}
        onCollapsedChange={(id, collapsed) => id === 'history' && setHistoryShown(!collapsed)}
        className="h-full min-h-0 w-full"
        panes={[
          {
            id: 'history',
            fixed: true,
            size: mode === 'wide' ? '21%' : 232,
            minPx: HISTORY_MIN_PX,
            maxPercent: 45,
            collapsedPx: RAIL_PX,
            separatorLabel: 'Resize the history',
            className: 'h-full min-h-0 bg-white dark:bg-slate-900',
            content: (collapsed) =>
              collapsed ? (
                <HistoryRail onShow={toggleHistory} />
              ) : (
                <div className="flex h-full min-h-0 flex-col">{slots.history}</div>
              ),
          },
          {
            id: 'compose',
            size: 1,
            minPx: 360,
            separatorLabel:
              mode === 'wide' ? 'Resize the composer and the signature' : 'Resize the composer and the response',
            className: 'h-full min-h-0',
            content: () => (
              <div ref={composerRef} className={pane}>
                <div className="space-y-3 p-3">
                  {slots.aboveComposer}
                  {slots.bar}
                  {slots.composer}
                  {mode === 'medium' && slots.signing}
                </div>
              </div>
            ),
          },
          {
            id: 'inspect',
            size: 1,
            minPx: 340,
            className: 'h-full min-h-0',
            content: () =>
              mode === 'wide' ? (
                <SplitPanes
                  orientation="vertical"
                  storageKey={`${outerKey}.inspect`}
                  separatorClassName={separatorClass}
                  className="h-full min-h-0"
                  panes={[
                    {
                      id: 'signing',
                      size: 60,
                      minPx: 160,
                      separatorLabel: 'Resize the signature and the response',
                      className: 'min-h-0',
                      content: () => (
                        <div className={pane}>
                          <div className="space-y-3 p-3">{slots.signing}</div>
                        </div>
                      ),
                    },
                    { id: 'response', size: 40, minPx: 180, className: 'min-h-0', content: () => response },
                  ]}
                />
              ) : (
                response
              ),
          },
        ]}
      />
    </WorkbenchContext.Provider>
  );
}

/** The collapsed history: a narrow rail with the one button that brings it back. */
function HistoryRail({ onShow }: { onShow: () => void }) {
  return (
    <div className="flex h-full flex-col items-center border-r border-slate-200 py-2 dark:border-slate-800">
      <button
        type="button"
        onClick={onShow}
        aria-label="Show history"
        aria-keyshortcuts="h"
        title="Show history (H)"
        className="flex flex-col items-center gap-2 rounded-md px-1.5 py-2 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
      >
        <span aria-hidden="true">»</span>
        <span aria-hidden="true" className="[writing-mode:vertical-rl]">
          History
        </span>
        <Kbd>H</Kbd>
      </button>
    </div>
  );
}

function NarrowLayout({
  slots,
  active,
  handle,
}: {
  slots: WorkbenchSlots;
  active: boolean;
  handle: Ref<WorkbenchLayoutHandle> | undefined;
}) {
  const [open, setOpen] = useState(false);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const responseRef = useRef<HTMLDivElement>(null);
  const composerRef = useRef<HTMLDivElement>(null);
  const toggleHistory = useCallback(() => setOpen((o) => !o), []);
  useShortcut('h', 'Show or hide the history', toggleHistory, active);
  useImperativeHandle(
    handle,
    () => ({
      revealResponse: () => {
        setOpen(false);
        bringIntoView(scrollerRef.current, responseRef.current);
      },
      revealComposer: () => {
        setOpen(false);
        bringIntoView(scrollerRef.current, composerRef.current);
      },
    }),
    [],
  );
  const state = useMemo(() => ({ mode: 'narrow' as const, historyShown: open, toggleHistory }), [open, toggleHistory]);
  return (
    <WorkbenchContext.Provider value={state}>
      <div ref={scrollerRef} className={`${pane} w-full`}>
        <div className="space-y-3 p-3">
          <button
            type="button"
            onClick={() => setOpen(true)}
            aria-haspopup="dialog"
            aria-keyshortcuts="h"
            className="inline-flex h-8 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 text-xs font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
          >
            <span aria-hidden="true">☰</span> History
          </button>
          <div ref={composerRef} className="space-y-3">
            {slots.aboveComposer}
            {slots.bar}
            {slots.composer}
          </div>
          {slots.signing}
          <div ref={responseRef} className="scroll-mt-3 space-y-3">
            {slots.response}
          </div>
        </div>
      </div>
      <HistoryDrawer open={open} onClose={() => setOpen(false)}>
        {slots.history}
      </HistoryDrawer>
    </WorkbenchContext.Provider>
  );
}

/** The history on a narrow screen: a modal drawer from the left; Escape or the backdrop closes it. */
function HistoryDrawer({ open, onClose, children }: { open: boolean; onClose: () => void; children: ReactNode }) {
  const panel = useRef<HTMLDivElement>(null);
  useSuspendShortcuts(open);
  useFocusTrap(panel, open, onClose, 'input[type="search"]');
  if (!open) return null;
  return (
    <div className="fixed inset-0 z-40 flex">
      <div className="absolute inset-0 bg-slate-950/50" aria-hidden="true" onClick={onClose} />
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-label="History drawer"
        className="relative flex h-full w-[min(22rem,88vw)] flex-col bg-white shadow-2xl dark:bg-slate-900"
      >
        {children}
      </div>
    </div>
  );
}

/** "Hide history" in the history's own header (a close button in the drawer). */
export function HistoryToggleButton() {
  const workbench = useWorkbench();
  if (!workbench) return null;
  const narrow = workbench.mode === 'narrow';
  return (
    <button
      type="button"
      onClick={workbench.toggleHistory}
      aria-label={narrow ? 'Close history' : 'Hide history'}
      aria-keyshortcuts="h"
      title={narrow ? 'Close history (Esc)' : 'Hide history (H)'}
      className="inline-flex h-7 w-7 shrink-0 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white"
    >
      <span aria-hidden="true">{narrow ? '✕' : '«'}</span>
    </button>
  );
}
