import { useMemo, useState, type ReactNode } from 'react';
import type { RelayResponse } from '../../../../core/contract.ts';
import { Button } from '../../../components/button.tsx';
import { amountAnnotations } from '../amounts.ts';
import { decodeBase64, hexDump } from '../binary.ts';
import { formatBytes } from '../format.ts';
import { looksLikeJson, textLineModel } from '../json-lines.ts';
import { useJsonModel } from '../use-json-model.ts';
import { LineViewer, SmallButton } from './line-viewer.tsx';

/** Bodies larger than this are shown as raw text until the person asks for formatting. */
export const LARGE_BODY_BYTES = 2 * 1024 * 1024;
const HEX_PREVIEW_BYTES = 512;

/** Lines wrap or scroll sideways: one choice for the Body and Raw tabs. */
export interface WrapChoice {
  wrap: boolean;
  onWrapChange: (wrap: boolean) => void;
}

function WrapToggle({ wrap, onWrapChange }: WrapChoice) {
  return (
    <Button
      size="sm"
      aria-pressed={wrap}
      onClick={() => onWrapChange(!wrap)}
      className="aria-pressed:bg-slate-200 dark:aria-pressed:bg-slate-700"
    >
      Wrap lines
    </Button>
  );
}

/** Above this many lines, amounts are not annotated (the pass over the lines is not worth it). */
const ANNOTATE_MAX_LINES = 200_000;

/** The Body tab: JSON pretty-printed (for display only), text as text, binary as hex. */
export function BodyView({ response, ...wrap }: { response: RelayResponse } & WrapChoice) {
  if (response.bodyEncoding === 'base64') return <BinaryBody response={response} />;
  if (response.body === '') return <Notice>The response has no body.</Notice>;
  return <TextBody response={response} {...wrap} />;
}

function TextBody({ response, wrap, onWrapChange }: { response: RelayResponse } & WrapChoice) {
  const contentType = response.headers['content-type'];
  const body = response.body;
  const bytes = Math.max(response.size, body.length);
  const large = bytes > LARGE_BODY_BYTES;
  const json = looksLikeJson(body, contentType);
  const html = /html/i.test(contentType ?? '');
  const [forced, setForced] = useState(false);
  const formatted = useJsonModel(body, json && (!large || forced));
  const failed = formatted.state === 'done' && !formatted.result.ok ? formatted.result : null;
  const showText = formatted.state !== 'done' || failed !== null;
  const textModel = useMemo(() => (showText ? textLineModel(body) : null), [showText, body]);
  const formattedModel = formatted.state === 'done' && formatted.result.ok ? formatted.result.model : null;
  const annotations = useMemo(
    () =>
      formattedModel && formattedModel.lineCount <= ANNOTATE_MAX_LINES ? amountAnnotations(formattedModel) : undefined,
    [formattedModel],
  );
  const tools = <WrapToggle wrap={wrap} onWrapChange={onWrapChange} />;

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      {response.truncated && (
        <Notice tone="warn">
          The body was cut at {formatBytes(response.size)}: the relay stops reading there. What you see is incomplete.
        </Notice>
      )}
      {html && <Notice>This is HTML. It is shown as text and never rendered.</Notice>}
      {large && json && !forced && (
        <Notice tone="warn">
          <span>
            This body is {formatBytes(bytes)}. Bodies over {formatBytes(LARGE_BODY_BYTES)} are shown as raw text until
            you ask for formatting.
          </span>
          <SmallButton onClick={() => setForced(true)}>Show formatted anyway</SmallButton>
        </Notice>
      )}
      {formatted.state === 'formatting' && (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          Formatting {formatBytes(bytes)} in the background…
        </p>
      )}
      {failed && json && (
        <Notice tone="warn">
          This body is not valid JSON ({failed.message.replace(/\.$/, '')}). It is shown as text.
        </Notice>
      )}
      {annotations && annotations.size > 0 && (
        <p className="text-[11px] text-slate-500 dark:text-slate-400">
          Notes in blue: amounts in whole units (÷ <span className="font-mono">scale</span>); the body is as received.
        </p>
      )}
      {formattedModel ? (
        <LineViewer
          model={formattedModel}
          foldable
          label="Response body, formatted"
          wrap={wrap}
          annotations={annotations}
          tools={tools}
        />
      ) : textModel ? (
        <LineViewer model={textModel} foldable={false} label="Response body" wrap={wrap} tools={tools} />
      ) : null}
    </div>
  );
}

function BinaryBody({ response }: { response: RelayResponse }) {
  const lines = useMemo(() => {
    try {
      return hexDump(decodeBase64(response.body, HEX_PREVIEW_BYTES));
    } catch {
      return null;
    }
  }, [response.body]);
  return (
    <div className="flex flex-col gap-2">
      <Notice>
        A binary body ({formatBytes(response.size)}
        {response.headers['content-type'] ? `, ${response.headers['content-type']}` : ''}). It is not interpreted; here
        are its first {Math.min(HEX_PREVIEW_BYTES, response.size)} bytes in hex. Download it to keep the bytes.
      </Notice>
      {lines ? (
        <pre
          aria-label="Hex preview"
          tabIndex={0}
          className="max-h-[60vh] overflow-auto rounded border border-slate-200 bg-slate-50 p-2 font-mono text-[12px] leading-5 text-slate-900 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-100"
        >
          {lines.join('\n')}
        </pre>
      ) : (
        <Notice tone="warn">The body could not be decoded from base64.</Notice>
      )}
    </div>
  );
}

/** The Raw tab: the body exactly as received (binary stays base64, as carried). */
export function RawView({ response, wrap, onWrapChange }: { response: RelayResponse } & WrapChoice) {
  const model = useMemo(() => textLineModel(response.body), [response.body]);
  if (response.body === '') return <Notice>The response has no body.</Notice>;
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      {response.bodyEncoding === 'base64' && (
        <Notice>The body is binary; this is its base64 text as the relay carried it.</Notice>
      )}
      {response.truncated && <Notice tone="warn">The body was cut at {formatBytes(response.size)}.</Notice>}
      <LineViewer
        model={model}
        foldable={false}
        searchable={false}
        label="Raw response body"
        wrap={wrap}
        tools={<WrapToggle wrap={wrap} onWrapChange={onWrapChange} />}
      />
    </div>
  );
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'warn' }) {
  return (
    <div
      className={
        tone === 'warn'
          ? 'flex flex-wrap items-center gap-2 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100'
          : 'flex flex-wrap items-center gap-2 rounded border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-800 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-200'
      }
    >
      {children}
    </div>
  );
}
