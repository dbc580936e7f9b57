/**
 * Each environment's variables (mock, sandbox, production), in order, in SQLite (./schema.ts). A
 * list is replaced whole. Names follow core/workbench's VARIABLE_NAME_PATTERN (checked by the
 * contract at the edge and again here, since the CLI and imports write too); no value holds a
 * configured secret.
 *
 * Public API: openVariableStore({ db, isSecret }): VariableStore
 */
import type Database from 'better-sqlite3';
import { ENVIRONMENTS } from '../../core/constants.ts';
import type { Environment, EnvironmentVariables } from '../../core/contract.ts';
import { Variables, type Variable } from '../../core/workbench/collection.ts';
import { describeIssues } from '../../core/contract.ts';
import { WorkbenchError } from './errors.ts';
import { refuseSecrets, type SecretTest } from './secrets.ts';

export interface VariableStore {
  all(): EnvironmentVariables;
  get(environment: Environment): Variable[];
  /** Replaces the environment's list; answers it as stored. */
  set(environment: Environment, variables: Variable[]): Variable[];
}

export function openVariableStore(opts: { db: Database.Database; isSecret: SecretTest }): VariableStore {
  const { db, isSecret } = opts;
  const select = db.prepare('SELECT name, value FROM environment_variables WHERE environment = ? ORDER BY position');
  const clear = db.prepare('DELETE FROM environment_variables WHERE environment = ?');
  const insert = db.prepare(
    'INSERT INTO environment_variables (environment, position, name, value) VALUES (?, ?, ?, ?)',
  );
  const get = (environment: Environment) => select.all(environment) as Variable[];
  const replace = db.transaction((environment: Environment, variables: Variable[]) => {
    clear.run(environment);
    variables.forEach((v, i) => insert.run(environment, i, v.name, v.value));
  });
  return {
    all() {
      const out = {} as EnvironmentVariables;
      for (const env of ENVIRONMENTS) out[env] = get(env);
      return out;
    },
    get,
    set(environment, variables) {
      const parsed = Variables.safeParse(variables);
      if (!parsed.success)
        throw new WorkbenchError('invalid', `The variables are not valid: ${describeIssues(parsed.error).join('; ')}`);
      refuseSecrets(parsed.data, isSecret, `The variables of ${environment}`);
      replace.immediate(environment, parsed.data);
      return get(environment);
    },
  };
}
