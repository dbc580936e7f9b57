import { useId } from 'react';
import { useForm, useFormState } from '../../../lib/form-store.ts';
import type { CredentialsRequest, Environment } from '../../../../core/contract.ts';
import { Button } from '../../../components/button.tsx';
import { announce } from '../../../lib/announce.ts';
import { useSetCredentials } from '../api/session.ts';
import { ENVIRONMENT_LABEL } from '../environment-style.ts';

/** "Key ID" + "Secret" (write-only): the secret goes to the local server and is never shown again. */
export function CredentialsForm({ environment }: { environment: Environment }) {
  const keyIdId = useId();
  const secretId = useId();
  const mutation = useSetCredentials(environment);
  // Plain rules mirroring CredentialsRequest in core/contract.ts (the server checks it again), so that
  // zod stays off the first screen.
  const form = useForm<CredentialsRequest>({ keyId: '', secret: '' });
  const { errors } = useFormState(form.control);

  const onSubmit = form.handleSubmit((raw) => {
    const values: CredentialsRequest = { keyId: raw.keyId.trim(), secret: raw.secret };
    mutation.mutate(values, {
      onSuccess: (info) => {
        form.reset({ keyId: '', secret: '' });
        announce(`${ENVIRONMENT_LABEL[environment]} credentials saved for key ${info.keyId ?? values.keyId}.`);
      },
    });
  });

  const input =
    'h-8 w-full rounded-md border border-slate-300 bg-white px-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950 ' +
    'aria-[invalid=true]:border-env-production';

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={`${ENVIRONMENT_LABEL[environment]} credentials`}
      className="flex flex-wrap items-start gap-3"
    >
      <div className="w-56">
        <label htmlFor={keyIdId} className="mb-1 block text-xs font-medium">
          Key ID
        </label>
        <input
          id={keyIdId}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={!!errors.keyId}
          className={input}
          {...form.register('keyId', {
            validate: (v) =>
              v.trim() === ''
                ? 'The key id is empty.'
                : v.trim().length > 256
                  ? 'The key id is longer than 256 characters.'
                  : true,
          })}
        />
        {errors.keyId && <p className="mt-1 text-xs text-env-production">{errors.keyId.message}</p>}
      </div>
      <div className="w-72">
        <label htmlFor={secretId} className="mb-1 block text-xs font-medium">
          Secret
        </label>
        <input
          id={secretId}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          aria-invalid={!!errors.secret}
          className={input}
          {...form.register('secret', {
            validate: (v) =>
              v === '' ? 'The secret is empty.' : v.length > 4096 ? 'The secret is longer than 4096 characters.' : true,
          })}
        />
        {errors.secret ? (
          <p className="mt-1 text-xs text-env-production">{errors.secret.message}</p>
        ) : (
          <p className="mt-1 text-[11px] text-slate-500 dark:text-slate-400">
            Write-only: kept by the local server, never shown again.
          </p>
        )}
      </div>
      <div className="pt-5">
        <Button type="submit" variant="primary" size="sm" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Save credentials'}
        </Button>
      </div>
      {mutation.error && (
        <p role="alert" className="basis-full text-xs text-env-production">
          {mutation.error.message}
        </p>
      )}
    </form>
  );
}
