import { Button } from '../../../components/button.tsx';
import type { DraftProblem } from '../expansion.ts';

const FIELD_LABEL = (field: string) =>
  field === 'path'
    ? 'Path'
    : field === 'body'
      ? 'Body'
      : field.startsWith('headers.')
        ? `Header ${Number(field.slice(8)) + 1}`
        : field;

/** Why Send was refused: each {{variable}} that could not be expanded, by field. */
export function VariableProblems({
  problems,
  onDismiss,
}: {
  problems: readonly DraftProblem[];
  onDismiss: () => void;
}) {
  if (problems.length === 0) return null;
  return (
    <div
      role="alert"
      className="mt-3 rounded-md border border-env-production/40 bg-env-production-soft/40 px-3 py-2 text-xs text-env-production-ink dark:bg-env-production/10 dark:text-env-production-night"
    >
      <div className="flex items-start gap-2">
        <p className="font-semibold">Not sent: a variable could not be expanded.</p>
        <Button size="sm" variant="ghost" className="ml-auto" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
      <ul className="mt-1 list-disc space-y-0.5 pl-4">
        {problems.map((p, i) => (
          <li key={i}>
            <span className="font-medium">{FIELD_LABEL(p.field)}:</span> {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
