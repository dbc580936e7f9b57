import { useId, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { Controller, useFormState, useWatch, type FormStore } from '../../../lib/form-store.ts';
import type { ParamSuggestion } from '../param-suggestions.ts';
import { fillPath } from '../../../../core/catalogue.ts';
import { describeUnexpectedBody } from '../../../../core/request-body.ts';
import { Button, Kbd } from '../../../components/button.tsx';
import { MOD_LABEL } from '../../../lib/keyboard.ts';
import { utf8ByteLength } from '../../../lib/utf8.ts';
import {
  applyOperation,
  composerUnexpectedBody,
  findOperation,
  operationAfterEdit,
  OTHER_METHOD,
  pathProblem,
  restoreBodyAside,
  setBodyAside,
  STANDARD_METHODS,
  validatePathParam,
  type ComposerValues,
  type PathFix,
} from '../form.ts';
import { rowsOfPath, setQueryParam, splitPathQuery } from '../query-rows.ts';
import { BodyEditor, WarningIcon } from './body-editor.tsx';
import { EndpointPicker } from './endpoint-picker.tsx';
import { HeadersEditor } from './headers-editor.tsx';
import { QueryEditor } from './query-editor.tsx';
import { TimestampOptions } from './timestamp-options.tsx';

export interface ComposerProps {
  form: FormStore<ComposerValues>;
  onSend: () => void;
  sending: boolean;
  /** Production paints the Send button red. */
  danger?: boolean;
  /** The three computed headers with their current values, shown read-only in the Headers tab. */
  computedHeaders?: ReactNode;
  /** "Copy as cURL" beside Send: the draft signed now, copied; and what came of the last copy. */
  copyCurl?: { onCopy: () => void; pending: boolean; note: { text: string; error: boolean } | null };
  /** The scheme's own signing options beside the timestamp's (the Partner API: x-timestamp or x-nonce). */
  schemeOptions?: ReactNode;
  /** Offered in the path parameter fields: {{variables}} of the environment, with their values. */
  /** What a path-parameter field offers, by the parameter's name (recent response IDs, variables). */
  paramSuggestions?: (param: string) => readonly ParamSuggestion[];
}

const field =
  'h-9 rounded-md border border-slate-300 bg-white px-2.5 text-sm dark:border-slate-700 dark:bg-slate-900 aria-[invalid=true]:border-env-production';

/** The request composer: endpoint, method, path, parameters, body and timestamp options. */
export function Composer({
  form,
  onSend,
  sending,
  danger = false,
  computedHeaders,
  copyCurl,
  schemeOptions,
  paramSuggestions,
}: ComposerProps) {
  const methodId = useId();
  const customId = useId();
  const pathId = useId();
  const pathErrorId = useId();
  const sendNoteId = useId();
  const { control, register, setValue, getValues, reset } = form;
  const formState = useFormState(control);
  const operationId = useWatch({ control, name: 'operationId' });
  const method = useWatch({ control, name: 'method' });
  const [scheme, freshness] = useWatch({ control, name: ['scheme', 'freshness'] });
  // A nonce takes the timestamp's place in the Partner API's payload: no timestamp to set then.
  const usesNonce = scheme === 'partner' && freshness === 'nonce';
  const operation = findOperation(operationId);
  const paramFields = operation?.params ?? [];

  const pickOperation = (id: string) => {
    const op = findOperation(id);
    if (!op) {
      setValue('operationId', '');
      return;
    }
    reset(applyOperation(getValues(), op));
  };

  // Method and path stay free to edit: once they no longer fit the picked operation, the Endpoint
  // picker follows them (the matching operation, or "Custom request").
  const followEdit = () => {
    const next = operationAfterEdit(getValues());
    if (!next) return;
    setValue('operationId', next.operationId);
    setValue('params', next.params);
  };

  // A parameter field changed: the path follows the operation's template, and the query keeps every
  // row the person added, with the operation's own query parameters set (or removed) in place.
  const refreshPath = () => {
    if (!operation) return;
    const params = getValues('params');
    const { query } = splitPathQuery(getValues('path'));
    let path = splitPathQuery(fillPath(operation, params)).base + (query === null ? '' : `?${query}`);
    // An empty value removes the parameter from the query.
    for (const p of operation.params) if (p.in === 'query') path = setQueryParam(path, p.name, params[p.name] || null);
    setValue('path', path, { shouldValidate: true });
  };

  const applyFix = (fix: PathFix) => {
    if (fix.kind === 'param') {
      form.setFocus(`params.${fix.param}`);
      return;
    }
    setValue('path', fix.path, { shouldValidate: true });
    followEdit();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSend();
  };

  const pathError = formState.errors.path;

  return (
    <form
      id="request-composer"
      onSubmit={submit}
      noValidate
      aria-label="Request composer"
      className="@container space-y-3"
    >
      <Controller
        control={control}
        name="operationId"
        render={({ field: f }) => <EndpointPicker value={f.value} onChange={pickOperation} scheme={scheme} />}
      />

      {/* Method, Path, Send and Copy as cURL on one line where the pane is wide enough; Send and Copy
          wrap below the path in a narrow pane (a container query: the pane, not the window, decides). */}
      <div className="grid grid-cols-[auto_minmax(0,1fr)] items-end gap-x-2 gap-y-1.5 @[44rem]:grid-cols-[auto_minmax(0,1fr)_auto]">
        <div className="flex gap-2">
          <div className="shrink-0">
            <label htmlFor={methodId} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
              Method
            </label>
            <select
              id={methodId}
              className={`${field} w-28 font-mono font-semibold`}
              {...register('method', { onChange: followEdit })}
            >
              {STANDARD_METHODS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
              <option value={OTHER_METHOD}>Other…</option>
            </select>
          </div>
          {method === OTHER_METHOD && (
            <div className="shrink-0">
              <label htmlFor={customId} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
                Custom method
              </label>
              <input
                id={customId}
                spellCheck={false}
                autoComplete="off"
                placeholder="e.g. PROPFIND"
                className={`${field} w-32 font-mono`}
                {...register('customMethod', { onChange: followEdit })}
              />
            </div>
          )}
        </div>
        <div className="min-w-0">
          <label htmlFor={pathId} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
            Path
          </label>
          <input
            id={pathId}
            type="text"
            spellCheck={false}
            autoComplete="off"
            placeholder={scheme === 'partner' ? '/assets' : '/balance'}
            aria-invalid={pathError ? true : undefined}
            aria-describedby={pathError ? pathErrorId : undefined}
            className={`${field} w-full font-mono`}
            {...register('path', {
              onChange: followEdit,
              validate: (_v, all) => pathProblem(all)?.message ?? true,
            })}
          />
        </div>
        <div className="col-span-2 flex justify-end gap-2 @[44rem]:col-span-1">
          <button
            type="submit"
            disabled={sending}
            title={`Send (${MOD_LABEL}+Enter)`}
            aria-describedby={sendNoteId}
            className={
              'inline-flex h-9 shrink-0 items-center gap-2 rounded-md px-4 text-sm font-semibold text-white shadow-sm transition-colors ' +
              'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-60 ' +
              (danger
                ? 'bg-env-production hover:bg-red-700'
                : 'bg-sky-600 hover:bg-sky-700 dark:bg-sky-500 dark:text-slate-950 dark:hover:bg-sky-400')
            }
          >
            {sending ? 'Sending…' : 'Send'}
            <span aria-hidden="true" className="hidden text-[11px] font-normal opacity-75 lg:inline">
              {MOD_LABEL}↵
            </span>
          </button>
          {copyCurl && (
            <Button
              disabled={copyCurl.pending}
              title="Signs the request now and copies it as a cURL command"
              onClick={copyCurl.onCopy}
            >
              {copyCurl.pending ? 'Copying…' : 'Copy as cURL'}
            </Button>
          )}
        </div>
        {pathError && <PathNote form={form} id={pathErrorId} message={pathError.message ?? ''} onFix={applyFix} />}
        <SendBodyNote form={form} id={sendNoteId} />
        {copyCurl?.note && (
          <p
            role={copyCurl.note.error ? 'alert' : 'status'}
            className={`col-span-2 text-right text-xs @[44rem]:col-span-3 ${copyCurl.note.error ? 'text-env-production dark:text-env-production-night' : 'text-slate-600 dark:text-slate-300'}`}
          >
            {copyCurl.note.text}
          </p>
        )}
      </div>

      {paramFields.length > 0 && (
        <fieldset className="flex flex-wrap gap-x-4 gap-y-2">
          <legend className="sr-only">Parameters</legend>
          {paramFields.map((p) => (
            <ParamField
              key={`${operationId}-${p.name}`}
              form={form}
              name={p.name}
              description={p.description}
              values={p.values}
              inPath={p.in === 'path'}
              onChanged={refreshPath}
              {...(p.in === 'path' && paramSuggestions ? { suggestions: paramSuggestions(p.name) } : {})}
            />
          ))}
        </fieldset>
      )}

      <RequestParts form={form} computedHeaders={computedHeaders} onPathChanged={followEdit} />

      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          {schemeOptions}
          {!usesNonce && <TimestampOptions form={form} />}
        </div>
        <span className="hidden items-center gap-1 text-[11px] text-slate-500 xl:flex dark:text-slate-400">
          <Kbd>{MOD_LABEL}</Kbd>
          <Kbd>Enter</Kbd> sends from anywhere
        </span>
      </div>
      {formState.errors.params && (
        <p role="alert" className="sr-only">
          Some parameters need attention before sending.
        </p>
      )}
    </form>
  );
}

interface ParamFieldProps {
  form: FormStore<ComposerValues>;
  name: string;
  description: string;
  values?: string[];
  inPath: boolean;
  onChanged: () => void;
  suggestions?: readonly ParamSuggestion[];
}

function ParamField({ form, name, description, values, inPath, onChanged, suggestions }: ParamFieldProps) {
  const id = useId();
  const listId = useId();
  const errId = useId();
  const descId = useId();
  const error = useFormState(form.control).errors.params?.[name];
  const labelCls = 'mb-1 flex items-baseline gap-2 text-xs font-medium text-slate-600 dark:text-slate-300';
  if (values) {
    return (
      <div>
        <div className={labelCls}>
          <label htmlFor={id} className="font-mono">
            {name}
          </label>
          <span id={descId} className="font-normal text-slate-400">
            {description}
          </span>
        </div>
        <select
          id={id}
          aria-describedby={descId}
          className={`${field} h-8 w-40 font-mono text-xs`}
          {...form.register(`params.${name}`, { onChange: onChanged })}
        >
          <option value="">(not sent)</option>
          {values.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </div>
    );
  }
  return (
    <div className="min-w-64 flex-1">
      <div className={labelCls}>
        <label htmlFor={id} className="font-mono">
          {name}
        </label>
        <span id={descId} className="font-normal text-slate-400">
          {description}
          {inPath ? ' · required' : ''}
        </span>
      </div>
      <input
        id={id}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={!!error}
        aria-describedby={error ? `${descId} ${errId}` : descId}
        list={suggestions?.length ? listId : undefined}
        className={`${field} h-8 w-full font-mono text-xs`}
        {...form.register(`params.${name}`, {
          onChange: onChanged,
          validate: (v, all) => (inPath ? validatePathParam(v, name, all.path) : true),
        })}
      />
      {suggestions && suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s.value} value={s.value} label={s.label} />
          ))}
        </datalist>
      )}
      {error && (
        <p id={errId} className="mt-1 text-xs text-env-production">
          {error.message}
        </p>
      )}
    </div>
  );
}

type PartId = 'body' | 'query' | 'headers';
const PARTS: PartId[] = ['body', 'query', 'headers'];

/** How many rows the Query and Headers tabs hold, for their labels (the path and the headers only, never the body). */
function usePartCounts(form: FormStore<ComposerValues>): Record<PartId, number | null> {
  const [path, headers] = useWatch({ control: form.control, name: ['path', 'headers'] });
  return {
    body: null,
    query: rowsOfPath(path).length,
    headers: headers.filter((h) => h.name !== '' || h.value !== '').length,
  };
}

/**
 * Body, Query and Headers as tabs, so that the composer keeps its height whatever is open. Every
 * panel stays mounted (the body editor keeps its state); the computed headers, which read the
 * signature preview, are drawn only while the Headers tab is open.
 */
function RequestParts({
  form,
  computedHeaders,
  onPathChanged,
}: {
  form: FormStore<ComposerValues>;
  computedHeaders: ReactNode;
  onPathChanged: () => void;
}) {
  const base = useId();
  const [part, setPart] = useState<PartId>('body');
  const counts = usePartCounts(form);
  const formState = useFormState(form.control);
  const headerErrors = formState.errors.headers !== undefined;
  // A send refused for a header's sake opens the Headers tab, where the reason is said.
  const submits = formState.submitCount;
  const [seenSubmits, setSeenSubmits] = useState(submits);
  if (submits !== seenSubmits) {
    setSeenSubmits(submits);
    if (headerErrors && part !== 'headers') setPart('headers');
  }
  const label = (p: PartId) => {
    const name = p === 'body' ? 'Body' : p === 'query' ? 'Query' : 'Headers';
    const n = counts[p];
    return n ? `${name} (${n})` : name;
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = PARTS.indexOf(part);
    const next =
      e.key === 'ArrowRight'
        ? PARTS[(i + 1) % PARTS.length]
        : e.key === 'ArrowLeft'
          ? PARTS[(i + PARTS.length - 1) % PARTS.length]
          : e.key === 'Home'
            ? PARTS[0]
            : e.key === 'End'
              ? PARTS[PARTS.length - 1]
              : undefined;
    if (!next) return;
    e.preventDefault();
    setPart(next);
    document.getElementById(`${base}-${next}-tab`)?.focus();
  };
  return (
    <div>
      <div
        role="tablist"
        aria-label="Request parts"
        onKeyDown={onKey}
        className="mb-2 flex gap-1 border-b border-slate-200 text-xs dark:border-slate-800"
      >
        {PARTS.map((p) => (
          <button
            key={p}
            id={`${base}-${p}-tab`}
            type="button"
            role="tab"
            aria-selected={part === p}
            aria-controls={`${base}-${p}-panel`}
            tabIndex={part === p ? 0 : -1}
            onClick={() => setPart(p)}
            className={
              '-mb-px border-b-2 px-2.5 py-1 font-medium focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none ' +
              (part === p
                ? 'border-sky-600 text-slate-900 dark:border-sky-400 dark:text-slate-50'
                : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100')
            }
          >
            {label(p)}
            {p === 'headers' && headerErrors && (
              <span className="ml-1 text-env-production dark:text-env-production-night">
                <span aria-hidden="true">!</span>
                <span className="sr-only">, needs attention</span>
              </span>
            )}
          </button>
        ))}
      </div>
      <div id={`${base}-body-panel`} role="tabpanel" aria-label="Request body" hidden={part !== 'body'}>
        <BodyField form={form} />
      </div>
      <div id={`${base}-query-panel`} role="tabpanel" aria-label="Query parameters" hidden={part !== 'query'}>
        <QueryEditor form={form} onPathChanged={onPathChanged} />
      </div>
      <div id={`${base}-headers-panel`} role="tabpanel" aria-label="Request headers" hidden={part !== 'headers'}>
        <HeadersEditor form={form} computed={part === 'headers' ? computedHeaders : null} />
      </div>
    </div>
  );
}

/** The fields that decide whether the body is expected, watched together. */
function useBodyFacts(form: FormStore<ComposerValues>) {
  const [method, customMethod, operationId, body, bodyAside] = useWatch({
    control: form.control,
    name: ['method', 'customMethod', 'operationId', 'body', 'bodyAside'],
  });
  return { unexpected: composerUnexpectedBody({ method, customMethod, operationId, body }), bodyAside };
}

/** The body editor, told when its text goes out with a request that takes no body, and about a body set aside. */
function BodyField({ form }: { form: FormStore<ComposerValues> }) {
  const { unexpected, bodyAside } = useBodyFacts(form);
  const restore = () => {
    const next = restoreBodyAside(form.getValues());
    form.setValue('body', next.body);
    form.setValue('bodyAside', next.bodyAside);
  };
  return (
    <Controller
      control={form.control}
      name="body"
      render={({ field: f }) => (
        <BodyEditor
          value={f.value}
          onChange={f.onChange}
          warning={unexpected ? describeUnexpectedBody(unexpected) : null}
          asideBytes={bodyAside === '' ? null : utf8ByteLength(bodyAside)}
          onRestoreAside={restore}
        />
      )}
    />
  );
}

/** Beside Send: the body that goes out with a request that takes none, and the one click that keeps it back. */
function SendBodyNote({ form, id }: { form: FormStore<ComposerValues>; id: string }) {
  const { unexpected } = useBodyFacts(form);
  if (!unexpected) return null;
  const aside = () => {
    const next = setBodyAside(form.getValues());
    form.setValue('body', next.body);
    form.setValue('bodyAside', next.bodyAside);
  };
  return (
    <div className="col-span-2 flex flex-wrap items-center justify-end gap-x-2 gap-y-1 text-xs @[44rem]:col-span-3">
      <p id={id} className="flex items-center gap-1.5 font-medium text-amber-800 dark:text-amber-300">
        <WarningIcon />
        {describeUnexpectedBody(unexpected)}.
      </p>
      <Button size="sm" onClick={aside}>
        Set body aside
      </Button>
    </div>
  );
}

/** Under the Path field: what is wrong with it, and the one-click fix when there is one (read live from the path). */
function PathNote(props: {
  form: FormStore<ComposerValues>;
  id: string;
  message: string;
  onFix: (fix: PathFix) => void;
}) {
  const [path, params, operationId] = useWatch({
    control: props.form.control,
    name: ['path', 'params', 'operationId'],
  });
  const fix = pathProblem({ path, params, operationId })?.fix ?? null;
  return (
    <div className="col-span-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs @[44rem]:col-span-2 @[44rem]:col-start-2">
      <p id={props.id} className="min-w-0 text-env-production dark:text-env-production-night">
        {props.message}
      </p>
      {fix && (
        <Button size="sm" onClick={() => props.onFix(fix)}>
          {fix.label}
        </Button>
      )}
    </div>
  );
}
