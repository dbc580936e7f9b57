import { useId, type FormEvent } from 'react';
import { Controller, useWatch, type UseFormReturn } from 'react-hook-form';
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
import { BodyEditor, WarningIcon } from './body-editor.tsx';
import { EndpointPicker } from './endpoint-picker.tsx';
import { TimestampOptions } from './timestamp-options.tsx';

export interface ComposerProps {
  form: UseFormReturn<ComposerValues>;
  onSend: () => void;
  sending: boolean;
  /** Production paints the Send button red. */
  danger?: boolean;
}

const field =
  'h-9 rounded-md border border-slate-300 bg-white px-2.5 text-sm dark:border-slate-700 dark:bg-slate-900 aria-[invalid=true]:border-env-production';

/** The request composer: endpoint, method, path, parameters, body and timestamp options. */
export function Composer({ form, onSend, sending, danger = false }: ComposerProps) {
  const methodId = useId();
  const customId = useId();
  const pathId = useId();
  const pathErrorId = useId();
  const sendNoteId = useId();
  const { control, register, setValue, getValues, reset, formState } = form;
  const operationId = useWatch({ control, name: 'operationId' });
  const method = useWatch({ control, name: 'method' });
  const operation = findOperation(operationId);
  const paramFields = operation?.params ?? [];

  const pickOperation = (id: string) => {
    const op = findOperation(id);
    if (!op) {
      setValue('operationId', '');
      return;
    }
    reset(applyOperation(getValues(), op), { keepDefaultValues: true });
  };

  // Method and path stay free to edit: once they no longer fit the picked operation, the Endpoint
  // picker follows them (the matching operation, or "Custom request").
  const followEdit = () => {
    const next = operationAfterEdit(getValues());
    if (!next) return;
    setValue('operationId', next.operationId);
    setValue('params', next.params);
  };

  const refreshPath = () => {
    if (!operation) return;
    setValue('path', fillPath(operation, getValues('params')), { shouldDirty: true, shouldValidate: true });
  };

  const applyFix = (fix: PathFix) => {
    if (fix.kind === 'param') {
      form.setFocus(`params.${fix.param}`);
      return;
    }
    setValue('path', fix.path, { shouldDirty: true, shouldValidate: true });
    followEdit();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSend();
  };

  const pathError = formState.errors.path;

  return (
    <form id="request-composer" onSubmit={submit} noValidate aria-label="Request composer" className="space-y-3">
      <Controller
        control={control}
        name="operationId"
        render={({ field: f }) => <EndpointPicker value={f.value} onChange={pickOperation} />}
      />

      <div className="grid grid-cols-[auto_minmax(0,1fr)_auto] items-end gap-x-2 gap-y-1.5">
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
            placeholder="/balance"
            aria-invalid={pathError ? true : undefined}
            aria-describedby={pathError ? pathErrorId : undefined}
            className={`${field} w-full font-mono`}
            {...register('path', {
              onChange: followEdit,
              validate: (_v, all) => pathProblem(all)?.message ?? true,
            })}
          />
        </div>
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
        {pathError && <PathNote form={form} id={pathErrorId} message={pathError.message ?? ''} onFix={applyFix} />}
        <SendBodyNote form={form} id={sendNoteId} />
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
            />
          ))}
        </fieldset>
      )}

      <BodyField form={form} />

      <div className="flex flex-wrap items-center justify-between gap-2">
        <TimestampOptions form={form} />
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
  form: UseFormReturn<ComposerValues>;
  name: string;
  description: string;
  values?: string[];
  inPath: boolean;
  onChanged: () => void;
}

function ParamField({ form, name, description, values, inPath, onChanged }: ParamFieldProps) {
  const id = useId();
  const errId = useId();
  const descId = useId();
  const error = form.formState.errors.params?.[name];
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
        className={`${field} h-8 w-full font-mono text-xs`}
        {...form.register(`params.${name}`, {
          onChange: onChanged,
          validate: (v, all) => (inPath ? validatePathParam(v, name, all.path) : true),
        })}
      />
      {error && (
        <p id={errId} className="mt-1 text-xs text-env-production">
          {error.message}
        </p>
      )}
    </div>
  );
}

/** The fields that decide whether the body is expected, watched together. */
function useBodyFacts(form: UseFormReturn<ComposerValues>) {
  const [method, customMethod, operationId, body, bodyAside] = useWatch({
    control: form.control,
    name: ['method', 'customMethod', 'operationId', 'body', 'bodyAside'],
  });
  return { unexpected: composerUnexpectedBody({ method, customMethod, operationId, body }), bodyAside };
}

/** The body editor, told when its text goes out with a request that takes no body, and about a body set aside. */
function BodyField({ form }: { form: UseFormReturn<ComposerValues> }) {
  const { unexpected, bodyAside } = useBodyFacts(form);
  const restore = () => {
    const next = restoreBodyAside(form.getValues());
    form.setValue('body', next.body, { shouldDirty: true });
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
          onBlur={f.onBlur}
          warning={unexpected ? describeUnexpectedBody(unexpected) : null}
          asideBytes={bodyAside === '' ? null : utf8ByteLength(bodyAside)}
          onRestoreAside={restore}
        />
      )}
    />
  );
}

/** Beside Send: the body that goes out with a request that takes none, and the one click that keeps it back. */
function SendBodyNote({ form, id }: { form: UseFormReturn<ComposerValues>; id: string }) {
  const { unexpected } = useBodyFacts(form);
  if (!unexpected) return null;
  const aside = () => {
    const next = setBodyAside(form.getValues());
    form.setValue('body', next.body, { shouldDirty: true });
    form.setValue('bodyAside', next.bodyAside);
  };
  return (
    <div className="col-span-3 flex flex-wrap items-center justify-end gap-x-2 gap-y-1 text-xs">
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
  form: UseFormReturn<ComposerValues>;
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
    <div className="col-span-2 col-start-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
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
