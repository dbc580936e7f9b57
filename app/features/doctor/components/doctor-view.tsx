import { useEffect, useId, useRef, useState } from 'react';
import { useForm, useWatch, type Registered } from '../../../lib/form-store.ts';
import type { BundleEntry } from '../../../../core/bundle/index.ts';
import { DEMO_KEYS, ENVIRONMENTS, PARTNER_DEMO_KEY_IDS } from '../../../../core/constants.ts';
import type { DoctorRequest, DoctorResponse, RelayResult, RequestDraft } from '../../../../core/contract.ts';
import { needsConfirmation } from '../../../../core/guardrails.ts';
import { Button } from '../../../components/button.tsx';
import { announce } from '../../../lib/announce.ts';
import { useSession } from '../../../lib/queries.ts';
import { useDoctorMutation } from '../api/doctor-api.ts';
import { downloadText } from '../../../lib/download.ts';
import { diagnosisBundle } from '../export-bundle.ts';
import {
  correctedDraft,
  defaultDoctorValues,
  doctorRequestFromForm,
  doctorView,
  valuesFromDoctorRequest,
  type DoctorFormValues,
} from '../view-model.ts';
import { DoctorResult } from './doctor-result.tsx';

const card = 'rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900';
const labelCls = 'mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300';
const input =
  'w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-sm dark:border-slate-700 dark:bg-slate-950 ' +
  'focus-visible:outline-2 focus-visible:outline-sky-500';

const ENV_LABEL = { mock: 'Mock', sandbox: 'Sandbox', production: 'Production' } as const;

const EXAMPLE = `curl 'https://api.qredo.network/qapi/v1/balance' \\
  -H 'qredo-api-key: …' \\
  -H 'qredo-api-ts: 1700000000' \\
  -H 'qredo-api-sig: …'`;

const PARTNER_EXAMPLE = `curl 'https://api.qredo.network/api/v1/p/assets' \\
  -H 'x-api-key: …' \\
  -H 'x-timestamp: 1700000000' \\
  -H 'x-sign: …'`;

/** A request handed to the doctor from elsewhere, and the entry it came from (for Export bundle). */
export interface DoctorPrefill {
  /** Mount the view anew (key it by `seq`) for each hand-over. */
  request: DoctorRequest;
  source: RelayResult | BundleEntry | null;
  /** Where it came from, said above the form ("history #12"). */
  label: string;
  /** Tells one hand-over from the next. */
  seq: number;
}

/** The signature doctor: a captured request in, a verdict, a comparison and the probable causes out. */
export function DoctorView({
  prefill = null,
  onPrefillTaken,
  onNewRequest,
  onSaveToCollection,
}: {
  prefill?: DoctorPrefill | null;
  /** The hand-over was read into the form (the page can forget it). */
  onPrefillTaken?: () => void;
  /** "New request from this": the corrected request opens in a new composer tab, signed again there. */
  onNewRequest?: (request: RequestDraft) => void;
  /** "Save to collection…": the corrected request is saved as a named request; `onSaved` once it is. */
  onSaveToCollection?: (request: RequestDraft, onSaved: (name: string) => void) => void;
} = {}) {
  const form = useForm<DoctorFormValues>(prefill ? valuesFromDoctorRequest(prefill.request) : defaultDoctorValues());
  const { register, handleSubmit, control } = form;
  const mode = useWatch({ control, name: 'mode' });
  const environment = useWatch({ control, name: 'environment' });
  const scheme = useWatch({ control, name: 'scheme' });
  const partner = scheme === 'partner';
  const doctor = useDoctorMutation();
  // The same cache entry as the environments feature (key ['session']): demo key labels.
  const session = useSession();
  // The entry the form was filled from, while the form still holds it.
  const [source, setSource] = useState<DoctorPrefill | null>(prefill);
  const [exportNote, setExportNote] = useState<{ text: string; error: boolean } | null>(null);
  // The corrected request handed on, or why it cannot be (a URL under no API base).
  const withCorrected = (d: DoctorResponse, handOn: (request: RequestDraft) => void) => {
    const bases =
      (d.scheme === 'partner' ? session.data?.partnerEnvironments : session.data?.environments)?.map(
        (e) => e.baseUrl,
      ) ?? [];
    const corrected = correctedDraft(d, bases, session.data?.demoKeys);
    if (corrected.ok) handOn(corrected.request);
    else setExportNote({ text: `Cannot make a request from it: ${corrected.error}`, error: true });
  };

  const run = (request: DoctorRequest) =>
    doctor.mutate(request, {
      onSuccess: (d) => announce(d.valid ? 'Diagnosis: the signature is valid.' : `Diagnosis: not valid. ${d.summary}`),
      onError: (e) => announce(`Could not diagnose: ${e.message}`),
    });

  const onSubmit = handleSubmit((values) => run(doctorRequestFromForm(values)));

  // A hand-over (the view is mounted anew for each) diagnoses at once, unless it is a production
  // mutation, whose expected signature is a capability: that one waits for the person's own Diagnose.
  const ranPrefill = useRef(false);
  useEffect(() => {
    if (!prefill || ranPrefill.current) return;
    ranPrefill.current = true;
    const c = prefill.request.capture;
    const method = prefill.source?.request.method ?? ('method' in c ? c.method : 'GET');
    if (!needsConfirmation(prefill.request.environment, method)) run(prefill.request);
    onPrefillTaken?.();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const exportBundle = async (d: DoctorResponse) => {
    try {
      const file = await diagnosisBundle(d, source?.source ?? null, session.data?.version ?? '0.0.0', Date.now());
      downloadText(file.name, file.text, 'application/json');
      const text = `Exported the ${source ? `request of ${source.label}` : 'captured request'} as a redacted bundle.`;
      setExportNote({ text, error: false });
      announce(text);
    } catch (e) {
      setExportNote({ text: (e as Error).message, error: true });
    }
  };

  return (
    <div className="mx-auto max-w-6xl space-y-4 p-4">
      <div>
        <h2 className="text-lg font-semibold">Signature doctor</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Paste a request that was refused (from a log, a support ticket or “copy as cURL”), or enter its parts. The
          doctor signs it again with the chosen environment’s key, compares every part, and replays the usual mistakes
          to name the one that reproduces the captured signature. The secret stays on the server.
        </p>
      </div>
      {source && (
        <p role="status" className="text-xs text-slate-600 dark:text-slate-400">
          Filled in from {source.label}.
        </p>
      )}
      <form
        onSubmit={onSubmit}
        onChange={() => source && setSource(null)}
        noValidate
        aria-label="Captured request to diagnose"
        className={`${card} space-y-4`}
      >
        <fieldset className="flex flex-wrap items-center gap-4">
          <legend className={labelCls}>Signed for</legend>
          <Radio label="Qredo API (HMAC)" value="v1" reg={register('scheme')} />
          <Radio label="Partner API (RSA)" value="partner" reg={register('scheme')} />
          {partner && (
            <span className="text-xs text-slate-500 dark:text-slate-400">
              Checked with the public key: payload = x-timestamp or x-nonce value + URL + body, no method.
            </span>
          )}
        </fieldset>
        <fieldset className="flex flex-wrap items-center gap-4">
          <legend className="sr-only">How the request is given</legend>
          <Radio label="Paste cURL or raw HTTP" value="paste" reg={register('mode')} />
          <Radio label="Enter fields" value="fields" reg={register('mode')} />
        </fieldset>

        {mode === 'paste' ? (
          <Field label="Captured request">
            {(id) => (
              <textarea
                id={id}
                rows={8}
                spellCheck={false}
                placeholder={partner ? PARTNER_EXAMPLE : EXAMPLE}
                className={`${input} resize-y`}
                {...register('captured')}
              />
            )}
          </Field>
        ) : (
          <div className="grid gap-3 md:grid-cols-[12rem_8rem_1fr]">
            <Field label={partner ? 'Signed value (x-timestamp or x-nonce)' : 'Timestamp'}>
              {(id) => <input id={id} className={input} spellCheck={false} {...register('timestamp')} />}
            </Field>
            <Field label="Method">
              {(id) => <input id={id} className={input} spellCheck={false} {...register('method')} />}
            </Field>
            <Field label="URL">
              {(id) => (
                <input
                  id={id}
                  className={input}
                  spellCheck={false}
                  placeholder={
                    partner ? 'https://api.qredo.network/api/v1/p/assets' : 'https://api.qredo.network/qapi/v1/balance'
                  }
                  {...register('url')}
                />
              )}
            </Field>
            <div className="md:col-span-3">
              <Field label="Body">
                {(id) => (
                  <textarea
                    id={id}
                    rows={4}
                    spellCheck={false}
                    placeholder="(none)"
                    className={`${input} resize-y`}
                    {...register('body')}
                  />
                )}
              </Field>
            </div>
            <div className="md:col-span-2">
              <Field label="Signature">
                {(id) => <input id={id} className={input} spellCheck={false} {...register('signature')} />}
              </Field>
            </div>
            {partner ? (
              <Field label="Value header">
                {(id) => (
                  <select id={id} className={`${input} h-9 font-sans`} {...register('freshness')}>
                    <option value="timestamp">x-timestamp</option>
                    <option value="nonce">x-nonce</option>
                  </select>
                )}
              </Field>
            ) : (
              <Field label="Key ID">
                {(id) => <input id={id} className={input} spellCheck={false} {...register('keyId')} />}
              </Field>
            )}
          </div>
        )}

        <div className="flex flex-wrap items-end gap-4">
          <fieldset>
            <legend className={labelCls}>Check against</legend>
            <div className="flex gap-3">
              {ENVIRONMENTS.map((e) => (
                <Radio key={e} label={ENV_LABEL[e]} value={e} reg={register('environment')} />
              ))}
            </div>
          </fieldset>
          {environment === 'mock' && partner && (
            <Field label="Demo partner">
              {(id) => (
                <select id={id} className={`${input} h-9 w-auto font-sans`} {...register('partnerKey')}>
                  <option value="">The one whose key pair signed it (else Northwind)</option>
                  {PARTNER_DEMO_KEY_IDS.map((k) => (
                    <option key={k} value={k}>
                      {session.data?.partnerDemoKeys.find((d) => d.id === k)?.label ?? k}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {environment === 'mock' && !partner && (
            <Field label="Demo key">
              {(id) => (
                <select id={id} className={`${input} h-9 w-auto font-sans`} {...register('demoKey')}>
                  <option value="">The capture’s key id (else full)</option>
                  {DEMO_KEYS.map((k) => (
                    <option key={k} value={k}>
                      {session.data?.demoKeys.find((d) => d.id === k)?.label ?? k}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <Button type="submit" variant="primary" disabled={doctor.isPending} className="ml-auto">
            {doctor.isPending ? 'Diagnosing…' : 'Diagnose'}
          </Button>
        </div>
      </form>

      {doctor.isError && (
        <p
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200"
        >
          {doctor.error.message}
        </p>
      )}
      {doctor.data && (
        <DoctorResult
          view={doctorView(doctor.data)}
          actions={
            <DiagnosisActions
              onNewRequest={onNewRequest ? () => withCorrected(doctor.data, onNewRequest) : undefined}
              onSaveToCollection={
                onSaveToCollection
                  ? () =>
                      withCorrected(doctor.data, (request) =>
                        onSaveToCollection(request, (name) =>
                          setExportNote({ text: `Saved the corrected request as “${name}”.`, error: false }),
                        ),
                      )
                  : undefined
              }
              onExport={() => void exportBundle(doctor.data)}
              note={exportNote}
            />
          }
        />
      )}
    </div>
  );
}

function Radio({ label, value, reg }: { label: string; value: string; reg: Registered }) {
  return (
    <label className="inline-flex items-center gap-1.5 text-sm">
      <input type="radio" value={value} className="accent-sky-600" {...reg} />
      {label}
    </label>
  );
}

function Field({ label, children }: { label: string; children: (id: string) => React.ReactNode }) {
  const id = useId();
  return (
    <div className="min-w-0">
      <label htmlFor={id} className={labelCls}>
        {label}
      </label>
      {children(id)}
    </div>
  );
}

/** What can be done with the corrected request: the same two actions as on a history entry, and Export bundle. */
function DiagnosisActions({
  onNewRequest,
  onSaveToCollection,
  onExport,
  note,
}: {
  onNewRequest: (() => void) | undefined;
  onSaveToCollection: (() => void) | undefined;
  onExport: () => void;
  note: { text: string; error: boolean } | null;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      {onNewRequest && (
        <Button size="sm" variant="primary" onClick={onNewRequest}>
          New request from this
        </Button>
      )}
      {onSaveToCollection && (
        <Button size="sm" onClick={onSaveToCollection}>
          Save to collection…
        </Button>
      )}
      <Button size="sm" onClick={onExport}>
        Export bundle
      </Button>
      <span className="text-xs text-slate-600 dark:text-slate-400">
        {onNewRequest || onSaveToCollection
          ? 'The corrected request, signed again in the composer with the playground’s key and a fresh timestamp.'
          : ''}
      </span>
      {note && (
        <p
          role={note.error ? 'alert' : 'status'}
          className={`basis-full text-xs ${note.error ? 'text-red-700 dark:text-red-400' : 'text-emerald-700 dark:text-emerald-400'}`}
        >
          {note.text}
        </p>
      )}
    </div>
  );
}
