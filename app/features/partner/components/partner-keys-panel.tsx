import { useId, useState } from 'react';
import type { PartnerEnvironmentInfo } from '../../../../core/contract.ts';
import { Button } from '../../../components/button.tsx';
import { CopyButton } from '../../../components/copy-button.tsx';
import { announce } from '../../../lib/announce.ts';
import { ENVIRONMENT_LABEL } from '../../../lib/environment-style.ts';
import {
  useDeletePartnerCredentials,
  useGeneratePartnerKeyPair,
  useSetPartnerCredentials,
} from '../api/partner-keys.ts';
import { pastedKeyAdvice, pastedKeyKind } from '../key-format.ts';

const ENV_VARS = {
  sandbox: ['QREDO_PARTNER_SANDBOX_API_KEY', 'QREDO_PARTNER_SANDBOX_PRIVATE_KEY_FILE'],
  production: ['QREDO_PARTNER_PRODUCTION_API_KEY', 'QREDO_PARTNER_PRODUCTION_PRIVATE_KEY_FILE'],
} as const;

const input =
  'w-full rounded-md border border-slate-300 bg-white px-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950';
const heading = 'mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400';

/**
 * "Partner keys" for sandbox or production: make a key pair on the server (the private half never
 * comes to this page), copy its public PEM for the Qredo web app, or import a private key (a PKCS#8
 * one is converted to PKCS#1), and enter the X-API-KEY the web app gives. Nothing secret is shown again.
 */
export function PartnerKeysPanel({ info }: { info: PartnerEnvironmentInfo }) {
  const env = info.name === 'mock' ? 'sandbox' : info.name;
  const label = ENVIRONMENT_LABEL[info.name];
  const generate = useGeneratePartnerKeyPair(info.name);
  const set = useSetPartnerCredentials(info.name);
  const remove = useDeletePartnerCredentials(info.name);
  const [confirmReplace, setConfirmReplace] = useState(false);
  const [notes, setNotes] = useState<string[]>([]);
  const error = generate.error ?? set.error ?? remove.error;
  const busy = generate.isPending || set.isPending || remove.isPending;

  const makePair = () => {
    if (info.hasPrivateKey && !confirmReplace) {
      setConfirmReplace(true);
      return;
    }
    setConfirmReplace(false);
    generate.mutate(undefined, {
      onSuccess: (next) => {
        // What to do next is said under the public key itself.
        setNotes([]);
        announce(`A new ${next.keyBits}-bit key pair was made for ${label}; its public key is shown to copy.`);
      },
    });
  };

  return (
    <div className="mt-2 space-y-3 border-t border-black/5 pt-2 dark:border-white/10">
      <h2 className="text-xs font-semibold text-slate-800 dark:text-slate-100">Partner keys</h2>
      <p className="max-w-3xl leading-relaxed text-slate-700 dark:text-slate-300">
        {status(info, label)} The private key stays with the local server: it never comes to this page, history or a
        bundle. Scripts can set{' '}
        <code className="rounded bg-white/70 px-1 font-mono dark:bg-slate-900">{ENV_VARS[env][0]}</code> and{' '}
        <code className="rounded bg-white/70 px-1 font-mono dark:bg-slate-900">{ENV_VARS[env][1]}</code> instead.
      </p>

      <div className="grid gap-3 lg:grid-cols-2">
        <div className="min-w-0">
          <h3 className={heading}>Key pair</h3>
          <div className="flex flex-wrap items-center gap-2">
            <Button size="sm" variant={info.hasPrivateKey ? 'secondary' : 'primary'} disabled={busy} onClick={makePair}>
              {generate.isPending
                ? 'Generating…'
                : confirmReplace
                  ? 'Replace the key pair'
                  : info.hasPrivateKey
                    ? 'Generate a new key pair'
                    : 'Generate key pair'}
            </Button>
            {confirmReplace && (
              <>
                <span role="status" className="text-env-production dark:text-env-production-night">
                  This replaces the private key kept for {label}: the public key uploaded for it stops working.
                </span>
                <Button size="sm" variant="ghost" onClick={() => setConfirmReplace(false)}>
                  Cancel
                </Button>
              </>
            )}
            {info.hasPrivateKey && (
              <span className="text-slate-500 dark:text-slate-400">
                {info.keyBits}-bit RSA,{' '}
                {info.source === 'env' ? 'from environment variables' : 'kept in the data folder (0600)'}
              </span>
            )}
          </div>
          {info.publicKeyPem && <PublicKey pem={info.publicKeyPem} />}
        </div>
        <div className="min-w-0 space-y-3">
          <ImportKey
            busy={busy}
            onImport={(pem) =>
              set.mutate(
                { privateKeyPem: pem },
                {
                  onSuccess: (next) => {
                    setNotes(next.notes);
                    announce(`Private key imported for ${label}.`);
                  },
                },
              )
            }
          />
          <ApiKeyForm
            busy={busy}
            configured={info.hasApiKey}
            onSave={(apiKey) =>
              set.mutate(
                { apiKey },
                {
                  onSuccess: (next) => {
                    setNotes(next.notes);
                    announce(`X-API-KEY saved for ${label} (fingerprint ${next.apiKeyFingerprint}).`);
                  },
                },
              )
            }
          />
        </div>
      </div>
      {(notes.length > 0 || info.notes.length > 0) && (
        <ul role="status" className="space-y-1 text-slate-700 dark:text-slate-300">
          {[...new Set([...info.notes, ...notes])].map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="text-env-production dark:text-env-production-night">
          {error.message}
        </p>
      )}
      {info.source === 'file' && (
        <Button
          size="sm"
          variant="ghost"
          disabled={busy}
          onClick={() =>
            remove.mutate(undefined, {
              onSuccess: () => {
                setNotes([]);
                announce(`${label} Partner keys removed.`);
              },
            })
          }
        >
          Remove partner keys
        </Button>
      )}
    </div>
  );
}

/** Where the environment stands: what it signs with, or which half is still missing. */
function status(info: PartnerEnvironmentInfo, label: string): string {
  const from = info.source === 'env' ? ', from environment variables' : '';
  if (info.configured)
    return `${label} signs with a ${info.keyBits}-bit RSA key and the X-API-KEY with fingerprint ${info.apiKeyFingerprint}${from}.`;
  if (info.hasPrivateKey) return `${label} has its private key${from}; it still needs the X-API-KEY the web app gives.`;
  if (info.hasApiKey) return `${label} has its X-API-KEY${from}; it still needs a private key: generate or import one.`;
  return `${label} needs a private key and the X-API-KEY before it can sign.`;
}

/** The SPKI public key, to upload in the Qredo web app (Settings, Partner API, Upload Public Key). */
function PublicKey({ pem }: { pem: string }) {
  const id = useId();
  return (
    <div className="mt-2">
      <div className="mb-1 flex items-center gap-2">
        <label htmlFor={id} className="font-medium text-slate-700 dark:text-slate-200">
          Public key (PEM)
        </label>
        <CopyButton value={pem} label="public key" />
      </div>
      <textarea
        id={id}
        readOnly
        value={pem}
        rows={4}
        spellCheck={false}
        className={`${input} resize-y py-1 leading-snug`}
        onFocus={(e) => e.currentTarget.select()}
      />
      <p className="mt-1 text-[11px] text-slate-500 dark:text-slate-400">
        Upload it in the Qredo web app: Settings, Partner API, Upload Public Key. Then generate the API key there and
        paste it below as the X-API-KEY.
      </p>
    </div>
  );
}

function ImportKey({ busy, onImport }: { busy: boolean; onImport: (pem: string) => void }) {
  const id = useId();
  const noteId = useId();
  const [text, setText] = useState('');
  const advice = pastedKeyAdvice(pastedKeyKind(text));
  return (
    <form
      aria-label="Import a private key"
      onSubmit={(e) => {
        e.preventDefault();
        if (!advice.action) return;
        onImport(text);
        // The pasted key leaves the page's memory once handed over: nothing shows it again.
        setText('');
      }}
    >
      <label htmlFor={id} className={`${heading} block`}>
        Import a private key
      </label>
      <textarea
        id={id}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={3}
        spellCheck={false}
        autoComplete="off"
        placeholder="Paste a PKCS#1 (BEGIN RSA PRIVATE KEY) or PKCS#8 (BEGIN PRIVATE KEY) PEM"
        aria-describedby={noteId}
        className={`${input} resize-y py-1`}
      />
      <div className="mt-1 space-y-1.5">
        <p
          id={noteId}
          className={`${advice.tone === 'error' ? 'text-env-production dark:text-env-production-night' : advice.tone === 'warning' ? 'text-amber-800 dark:text-amber-300' : 'text-slate-500 dark:text-slate-400'}`}
        >
          {advice.note ?? 'Qredo’s Go tools read PKCS#1 only; a PKCS#8 key is converted to PKCS#1 on import.'}
        </p>
        <div className="flex justify-end">
          <Button type="submit" size="sm" disabled={busy || !advice.action}>
            {advice.action ?? 'Import key'}
          </Button>
        </div>
      </div>
    </form>
  );
}

function ApiKeyForm({
  busy,
  configured,
  onSave,
}: {
  busy: boolean;
  configured: boolean;
  onSave: (key: string) => void;
}) {
  const id = useId();
  const [value, setValue] = useState('');
  const trimmed = value.trim();
  const bad = trimmed !== '' && !/^[\x21-\x7e]+$/.test(trimmed);
  return (
    <form
      aria-label="X-API-KEY"
      onSubmit={(e) => {
        e.preventDefault();
        if (trimmed === '' || bad) return;
        onSave(trimmed);
        setValue('');
      }}
      className="flex flex-wrap items-end gap-2"
    >
      <div className="min-w-48 flex-1">
        <label htmlFor={id} className={`${heading} block`}>
          X-API-KEY
        </label>
        <input
          id={id}
          type="password"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoComplete="new-password"
          spellCheck={false}
          placeholder={configured ? 'saved: paste a new one to replace it' : 'from the Qredo web app'}
          aria-invalid={bad || undefined}
          className={`${input} h-7`}
        />
      </div>
      <Button type="submit" size="sm" disabled={busy || trimmed === '' || bad}>
        Save X-API-KEY
      </Button>
      {bad && <p className="basis-full text-env-production">The X-API-KEY is one line of visible ASCII.</p>}
    </form>
  );
}
