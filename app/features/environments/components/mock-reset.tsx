import { useId, useState } from 'react';
import type { MockResetResponse } from '../../../../core/contract.ts';
import { Button } from '../../../components/button.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { announce } from '../../../lib/announce.ts';
import { useResetMock } from '../api/session.ts';

/** "Reset mock data", with a confirmation: the embedded mock forgets the transactions created through it. */
export function MockReset({ onReset }: { onReset?: (result: MockResetResponse) => void }) {
  const [asking, setAsking] = useState(false);
  const reset = useResetMock();
  const descId = useId();
  const confirm = () => {
    setAsking(false);
    reset.mutate(undefined, {
      onSuccess: (result) => {
        announce(`Mock data reset to its seeded state (seed ${result.seed}).`);
        onReset?.(result);
      },
      onError: (e) => announce(`Could not reset the mock: ${e.message}`),
    });
  };
  return (
    <span className="flex items-center gap-2">
      <Button size="sm" variant="ghost" disabled={reset.isPending} onClick={() => setAsking(true)}>
        {reset.isPending ? 'Resetting…' : 'Reset mock data'}
      </Button>
      {reset.isSuccess && (
        <span role="status" className="text-slate-600 dark:text-slate-300">
          Reset to seed {reset.data.seed}.
        </span>
      )}
      {reset.error && (
        <span role="alert" className="text-env-production">
          {reset.error.message}
        </span>
      )}
      <Dialog
        open={asking}
        onClose={() => setAsking(false)}
        describedBy={descId}
        initialFocus="[data-autofocus]"
        title="Reset the mock data?"
      >
        <div id={descId} className="space-y-2 text-sm">
          <p>
            The embedded Qredo API goes back to its seeded data: the transactions created through it are forgotten
            (balances, wallet history and ledgers with them), nonces start again at 43, and the fault keys count from
            zero. An open transaction feed stays open.
          </p>
          <p className="text-slate-600 dark:text-slate-400">
            History keeps what was sent and answered: it is a record, and stays true.
          </p>
        </div>
        <div className="mt-5 flex justify-end gap-2">
          <Button onClick={() => setAsking(false)} data-autofocus>
            Cancel
          </Button>
          <Button variant="primary" onClick={confirm}>
            Reset mock data
          </Button>
        </div>
      </Dialog>
    </span>
  );
}
