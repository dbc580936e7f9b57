import { memo, useId, useMemo, useState } from 'react';
import type { StringToSignView as StringToSign } from '../../../../core/contract.ts';
import { describeUnexpectedBody, methodTakesNoBody } from '../../../../core/request-body.ts';
import { formatBytes, groupDigits } from '../../../lib/format.ts';
import { SEGMENT_LABEL, SEGMENT_SWATCH, SEGMENT_TEXT } from '../segment-style.ts';
import { createChunker, hexDump, VISIBLE_GLYPH } from '../visible-text.ts';
import { VisibleText } from './visible-text.tsx';

/** Characters of one segment shown as text; beyond this the hex view and byte counts still cover everything. */
const TEXT_CAP = 256 * 1024;
const HEX_CAP = 64 * 1024;
const encoder = new TextEncoder();
/**
 * The height a skipped block reserves until it is first laid out (then the browser remembers the
 * real one): 12.5 px × 1.6 line height per line, long lines wrapping at about 90 characters.
 */
function chunkHeight(chunk: string): number {
  let lines = 0;
  let from = 0;
  for (let lf = chunk.indexOf('\n'); ; lf = chunk.indexOf('\n', from)) {
    const end = lf === -1 ? chunk.length : lf;
    lines += Math.max(1, Math.ceil((end - from) / 90));
    if (lf === -1) break;
    from = lf + 1;
  }
  return lines * 20;
}

/** Keys for the blocks: the text itself (a block keeps its DOM while its text stays), numbered when repeated. */
function blockKeys(chunks: string[]): string[] {
  const seen = new Map<string, number>();
  return chunks.map((c) => {
    const n = seen.get(c) ?? 0;
    seen.set(c, n + 1);
    return n === 0 ? c : `${c}\u0000${n}`;
  });
}

/**
 * Where a {{variable}} expanded inside a segment (UTF-16 offsets of the segment's text): the signed
 * bytes are the expanded ones, and the view marks them, naming the variable and where its value came from.
 */
export interface SegmentMark {
  segment: StringToSign['segments'][number]['name'];
  start: number;
  end: number;
  name: string;
  value: string;
  from: string;
}

const NO_MARKS: readonly SegmentMark[] = [];

/** Text with the marks that fall in it (`offset` is where the text starts in its segment). */
function MarkedText({ text, marks, offset = 0 }: { text: string; marks: readonly SegmentMark[]; offset?: number }) {
  const mine = marks.filter((m) => m.end > offset && m.start < offset + text.length);
  if (mine.length === 0) return <VisibleText text={text} />;
  const pieces: React.ReactNode[] = [];
  let at = 0;
  mine.forEach((m, i) => {
    const start = Math.max(0, m.start - offset);
    const end = Math.min(text.length, m.end - offset);
    if (start > at) pieces.push(<VisibleText key={`t${i}`} text={text.slice(at, start)} />);
    const about = `{{${m.name}}} from ${m.from}`;
    pieces.push(
      <mark
        key={`m${i}`}
        tabIndex={0}
        aria-label={`${text.slice(start, end)}, expanded from ${about}`}
        title={about}
        className="rounded-[2px] bg-fuchsia-100 text-inherit underline decoration-fuchsia-600 decoration-2 underline-offset-2 outline-none focus-visible:ring-2 focus-visible:ring-fuchsia-500 dark:bg-fuchsia-500/20 dark:decoration-fuchsia-400"
      >
        <VisibleText text={text.slice(start, end)} />
      </mark>,
    );
    at = end;
  });
  if (at < text.length) pieces.push(<VisibleText key="rest" text={text.slice(at)} />);
  return <>{pieces}</>;
}

/** One piece of a long body, which the browser may skip laying out while it is scrolled away. */
const BodyBlock = memo(function BodyBlock({
  text,
  marks = NO_MARKS,
  offset = 0,
}: {
  text: string;
  marks?: readonly SegmentMark[];
  offset?: number;
}) {
  return (
    <div style={{ contentVisibility: 'auto', containIntrinsicSize: `auto ${chunkHeight(text)}px` }}>
      <span className={`rounded-[3px] ${SEGMENT_TEXT.body}`} data-segment="body">
        <MarkedText text={text} marks={marks} offset={offset} />
      </span>
    </div>
  );
});

/**
 * The coloured, whitespace-visible string-to-sign with its legend, byte counts and a hex view.
 * Memoised: a new signature for the same bytes (and the same marks) does not render it again.
 */
export const StringToSignView = memo(function StringToSignView({
  value,
  dimmed = false,
  marks = NO_MARKS,
}: {
  value: StringToSign;
  dimmed?: boolean;
  /** Where variables expanded, to be marked. */
  marks?: readonly SegmentMark[];
}) {
  const [hex, setHex] = useState(false);
  const contentId = useId();
  const dump = useMemo(
    () => (hex ? hexDump(encoder.encode(value.segments.map((s) => s.text).join('')), HEX_CAP) : null),
    [hex, value],
  );
  const bodySegment = value.segments.find((s) => s.name === 'body');
  const body = bodySegment ? { text: bodySegment.text, length: bodySegment.length } : null;
  // A body signed (and so sent) with a method that takes none: said where the body segment is.
  const method = value.segments.find((s) => s.name === 'method')?.text ?? '';
  const unexpected =
    body && body.length > 0 && methodTakesNoBody(method)
      ? describeUnexpectedBody({ method, bytes: body.length, whitespaceOnly: body.text.trim() === '' })
      : null;
  const bodyCut = body !== null && body.text.length > TEXT_CAP;
  const bodyText = body ? (bodyCut ? body.text.slice(0, TEXT_CAP) : body.text) : '';
  // Content-defined pieces: a keystroke changes one, and only that one is cut, rendered and laid out
  // again (a new answer with the same body text re-renders none).
  const [chunker] = useState(createChunker);
  const bodyChunks = useMemo(() => chunker(bodyText), [chunker, bodyText]);
  const bodyKeys = useMemo(() => blockKeys(bodyChunks), [bodyChunks]);
  const bodyMarks = useMemo(() => marks.filter((m) => m.segment === 'body'), [marks]);
  const chunkOffsets = useMemo(() => {
    const out: number[] = [];
    let at = 0;
    for (const c of bodyChunks) {
      out.push(at);
      at += c.length;
    }
    return out;
  }, [bodyChunks]);

  return (
    <div className="min-w-0">
      <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-[11px]">
        <ul className="flex flex-wrap gap-x-3 gap-y-1" aria-label="Segments">
          {value.segments.map((s) => (
            <li key={s.name} className="flex items-center gap-1.5 text-slate-600 dark:text-slate-300">
              <span aria-hidden="true" className={`size-2.5 rounded-sm ${SEGMENT_SWATCH[s.name]}`} />
              <span className="font-medium">{SEGMENT_LABEL[s.name]}</span>
              <span className="font-mono text-slate-500 tabular-nums dark:text-slate-400">
                {groupDigits(s.length)} B @ {groupDigits(s.offset)}
              </span>
              {s.name === 'body' && unexpected && (
                <span className="font-medium text-amber-800 dark:text-amber-300">(not expected with {method})</span>
              )}
            </li>
          ))}
        </ul>
        <span className="ml-auto flex items-center gap-2">
          <span className="font-mono text-slate-600 tabular-nums dark:text-slate-300">
            {groupDigits(value.byteLength)} bytes total
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
      {unexpected && (
        <p className="mb-2 flex items-center gap-1.5 rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-xs font-medium text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-200">
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 shrink-0" fill="currentColor">
            <path d="M8 1.5 15 14H1L8 1.5zm-.75 4.5v4h1.5V6h-1.5zm0 5v1.5h1.5V11h-1.5z" />
          </svg>
          Body segment: {unexpected}.
        </p>
      )}
      <div
        id={contentId}
        className={
          'max-h-80 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2.5 font-mono text-[12.5px] leading-[1.6] dark:border-slate-800 dark:bg-slate-950 ' +
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
                    <MarkedText
                      text={s.text}
                      marks={marks.length ? marks.filter((m) => m.segment === s.name) : NO_MARKS}
                    />
                  </span>
                ))}
              {body && bodyChunks[0] !== undefined && (
                <span className={`rounded-[3px] ${SEGMENT_TEXT.body}`} data-segment="body">
                  <MarkedText text={bodyChunks[0]} marks={bodyMarks} />
                </span>
              )}
              {body?.length === 0 && <span className="font-sans text-[11px] text-slate-400 italic"> (no body)</span>}
            </span>
            {/* The rest of a long body in blocks the browser may skip while they are scrolled away. */}
            {bodyChunks.slice(1).map((chunk, i) => (
              <BodyBlock
                key={bodyKeys[i + 1]}
                text={chunk}
                {...(bodyMarks.length ? { marks: bodyMarks, offset: chunkOffsets[i + 1] ?? 0 } : {})}
              />
            ))}
            {bodyCut && (
              <p className="font-sans text-xs text-slate-500">
                … {formatBytes(body.length)} in all; the rest is in the hex view and the byte counts.
              </p>
            )}
          </div>
        )}
      </div>
      {marks.length > 0 && !dump && (
        <ul
          aria-label="Variables expanded in the signed bytes"
          className="mt-1.5 space-y-0.5 text-[11px] text-slate-600 dark:text-slate-300"
        >
          {marks.map((m, i) => (
            <li key={i} className="flex min-w-0 gap-1.5">
              <span
                aria-hidden="true"
                className="shrink-0 self-center rounded-[2px] bg-fuchsia-100 px-1 font-mono text-fuchsia-900 underline decoration-fuchsia-600 decoration-2 dark:bg-fuchsia-500/20 dark:text-fuchsia-100"
              >
                {`{{${m.name}}}`}
              </span>
              <span
                className="min-w-0 truncate"
                title={`{{${m.name}}} in the ${SEGMENT_LABEL[m.segment].toLowerCase()}: ${m.value}, from ${m.from}`}
              >
                in the {SEGMENT_LABEL[m.segment].toLowerCase()}: <span className="font-mono">{m.value}</span>, from{' '}
                {m.from}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-1.5 text-[11px] text-slate-500 dark:text-slate-400">
        <span className="font-mono">{VISIBLE_GLYPH.space}</span> space ·{' '}
        <span className="font-mono">{VISIBLE_GLYPH.tab}</span> tab ·{' '}
        <span className="glyph-cr font-mono">{VISIBLE_GLYPH.cr}</span> CR ·{' '}
        <span className="glyph-lf font-mono">{VISIBLE_GLYPH.lf}</span> LF ·{' '}
        <span className="rounded-sm bg-yellow-200 px-0.5 text-slate-900 dark:bg-yellow-400/30 dark:text-yellow-100">
          é
        </span>{' '}
        non-ASCII (hover for bytes) · no separator between segments
      </p>
    </div>
  );
});
