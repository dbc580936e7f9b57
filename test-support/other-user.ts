/**
 * A process of another user of the machine, for the perimeter tests that are about other users:
 * run as root, `setpriv` starts Node as `nobody`. Elsewhere (not root, no setpriv, no kernel socket
 * table to check against) those tests are skipped.
 */
import { existsSync } from 'node:fs';

export const NOBODY = 65534;

export const canRunAsOtherUser =
  process.getuid?.() === 0 && existsSync('/usr/bin/setpriv') && existsSync('/proc/net/tcp');

/** The command, arguments and options that run `node -e script` as nobody (from /, which nobody may enter). */
export function nodeAsOtherUser(script: string): [string, string[], { cwd: string }] {
  return [
    '/usr/bin/setpriv',
    [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, '-e', script],
    { cwd: '/' },
  ];
}
