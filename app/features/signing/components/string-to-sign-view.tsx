import { useId, useMemo, useState } from 'react';
import type { StringToSignView as StringToSign } from '../../../../core/contract.ts';
import { formatBytes } from '../../../lib/format.ts';
import { SEGMENT_LABEL, SEGMENT_SWATCH, SEGMENT_TEXT } from '../segment-style.ts';
import { hexDump, splitIntoChunks, VISIBLE_GLYPH } from '../visible-text.ts';
import { VisibleText } from './visible-text.tsx';

/** Characters of one segment shown as text; beyond this the hex view and byte counts still cover everything. */
const TEXT_CAP = 256 * 1024;
const HEX_CAP = 64 * 1024;
const encoder = new TextEncoder();
/** 12.5 px × 1.6 line height, for the size a skipped block reserves. */
const chunkHeight = (chunk: string) => Math.max(1, chunk.split('\n').length - 1) * 20;

/** The coloured, whitespace-visible string-to-sign with its legend, byte counts and a hex view. */
export function StringToSignView({ value, dimmed = false }: { value: StringToSign; dimmed?: boolean }) {
  const [hex, setHex] = useState(false);
  const contentId = useId();
  const full = useMemo(() => value.segments.map((s) => s.text).join(''), [value]);
  const dump = useMemo(() => (hex ? hexDump(encoder.encode(full), HEX_CAP) : null), [hex, full]);
  const bodySegment = value.segments.find((s) => s.name === 'body');
  const body = bodySegment ? { text: bodySegment.text, length: bodySegment.length } : null;
  const bodyCut = body !== null && body.text.length > TEXT_CAP;
  const bodyText = body ? (bodyCut ? body.text.slice(0, TEXT_CAP) : body.text) : '';
  const bodyChunks = useMemo(() => splitIntoChunks(bodyText), [bodyText]);

  return (
    <div className="min-w-0">
      <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-[11px]">
        <ul className="flex flex-wrap gap-x-3 gap-y-1" aria-label="Segments">
          {value.segments.map((s) => (
            <li key={s.name} className="flex items-center gap-1.5 text-slate-600 dark:text-slate-300">
              <span aria-hidden="true" className={`size-2.5 rounded-sm ${SEGMENT_SWATCH[s.name]}`} />
              <span className="font-medium">{SEGMENT_LABEL[s.name]}</span>
              <span className="font-mono text-slate-500 tabular-nums dark:text-slate-400">
                {s.length.toLocaleString('en')} B @ {s.offset.toLocaleString('en')}
              </span>
            </li>
          ))}
        </ul>
        <span className="ml-auto flex items-center gap-2">
          <span className="font-mono text-slate-600 tabular-nums dark:text-slate-300">
            {value.byteLength.toLocaleString('en')} bytes total
          </span>
          <button
            type="button"
            aria-pressed={hex}
            aria-controls={contentId}
            onClick={() => setHex((h) => !h)}
            className="h-6 rounded border border-slate-300 px-2 font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 aria-pressed:border-slate-800 aria-pressed:bg-slate-800 aria-pressed:text-white dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800 dark:aria-pressed:border-slate-200 dark:aria-pressed:bg-slate-200 dark:aria-pressed:text-slate-900"
          >
            Hex
          </button>
        </span>
      </div>
      <div
        id={contentId}
        className={
          'max-h-80 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2.5 font-mono text-[12.5px] leading-[1.6] transition-opacity dark:border-slate-800 dark:bg-slate-950 ' +
          (dimmed ? 'opacity-60' : '')
        }
      >
        {dump ? (
          <>
            <pre className="text-[11px] leading-[1.55] whitespace-pre text-slate-700 dark:text-slate-300">
              {dump.text}
            </pre>
            {dump.truncated && (
              <p className="mt-2 font-sans text-xs text-slate-500">
                Showing the first {formatBytes(HEX_CAP)} of {formatBytes(value.byteLength)}.
              </p>
            )}
          </>
        ) : (
          <div className="break-all whitespace-pre-wrap">
            <span>
              {value.segments
                .filter((s) => s.name !== 'body')
                .map((s) => (
                  <span key={s.name} className={`rounded-[3px] ${SEGMENT_TEXT[s.name]}`} data-segment={s.name}>
                    <VisibleText text={s.text} />
                  </span>
                ))}
              {body && bodyChunks[0] !== undefined && (
                <span className={`rounded-[3px] ${SEGMENT_TEXT.body}`} data-segment="body">
                  <VisibleText text={bodyChunks[0]} />
                </span>
              )}
              {body?.length === 0 && <span className="font-sans text-[11px] text-slate-400 italic"> (no body)</span>}
            </span>
            {/* The rest of a long body in blocks the browser may skip while they are scrolled away. */}
            {bodyChunks.slice(1).map((chunk, i) => (
              <div key={i} style={{ contentVisibility: 'auto', containIntrinsicSize: `auto ${chunkHeight(chunk)}px` }}>
                <span className={`rounded-[3px] ${SEGMENT_TEXT.body}`} data-segment="body">
                  <VisibleText text={chunk} />
                </span>
              </div>
            ))}
            {bodyCut && (
              <p className="font-sans text-xs text-slate-500">
                … {formatBytes(body?.length ?? 0)} in all; the rest is in the hex view and the byte counts.
              </p>
            )}
          </div>
        )}
      </div>
      <p className="mt-1.5 text-[11px] text-slate-500 dark:text-slate-400">
        <span className="font-mono">{VISIBLE_GLYPH.space}</span> space ·{' '}
        <span className="font-mono">{VISIBLE_GLYPH.tab}</span> tab ·{' '}
        <span className="glyph-cr font-mono">{VISIBLE_GLYPH.cr}</span> CR ·{' '}
        <span className="glyph-lf font-mono">{VISIBLE_GLYPH.lf}</span> LF ·{' '}
        <span className="rounded-sm bg-yellow-200 px-0.5 text-slate-900 dark:bg-yellow-400/30 dark:text-yellow-100">
          é
        </span>{' '}
        non-ASCII (hover for bytes). Segments are joined with nothing in between.
      </p>
    </div>
  );
}
