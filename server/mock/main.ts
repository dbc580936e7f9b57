/**
 * `npm run mock`: runs the embedded Qredo API v1 on its own.
 *
 *   tsx server/mock/main.ts [--port N] [--host H] [--seed N]   serve until SIGINT / SIGTERM (port: MOCK_PORT or 8002)
 *   tsx server/mock/main.ts --reset [--port N] [--host H]       reset the mock running there, then exit
 *   tsx server/mock/main.ts --list-keys                         print the demo keys as JSON and exit
 *
 * Exit code 2 for bad arguments, 1 when the server cannot start or the reset fails.
 */
import { request } from 'node:http';
import { RESET_PATH } from './admin.ts';
import { type CliCommand, USAGE, listKeysJson, parseArgs } from './cli-args.ts';
import { startMockServer } from './server.ts';

/** POST /__mock/reset to the running mock; resolves to the line to print, rejects with the reason. */
function resetRunningMock(host: string, port: number): Promise<string> {
  const shown = host.includes(':') ? `[${host}]` : host;
  return new Promise((resolve, reject) => {
    const req = request({ host, port, method: 'POST', path: RESET_PATH, headers: { 'content-length': '0' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let body: { seed?: number; detail?: { reason?: string } } = {};
        try {
          body = JSON.parse(text) as typeof body;
        } catch {
          // Not the mock's JSON: reported below with the status.
        }
        if (res.statusCode === 200)
          resolve(`Reset the mock at http://${shown}:${port} to its seeded state (seed ${body.seed})`);
        else
          reject(
            new Error(
              `http://${shown}:${port} answered ${res.statusCode}: ${body.detail?.reason ?? 'not the embedded mock'}`,
            ),
          );
      });
    });
    req.on('error', (e) => reject(new Error(`no mock answers at http://${shown}:${port} (${e.message})`)));
    req.end();
  });
}

async function main(): Promise<void> {
  let command: CliCommand;
  try {
    command = parseArgs(process.argv.slice(2), process.env);
  } catch (e) {
    process.stderr.write(`mock: ${(e as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command.kind === 'list-keys') {
    process.stdout.write(`${listKeysJson()}\n`);
    return;
  }
  if (command.kind === 'reset') {
    try {
      process.stdout.write(`${await resetRunningMock(command.host, command.port)}\n`);
    } catch (e) {
      process.stderr.write(`mock: ${(e as Error).message}\n`);
      process.exit(1);
    }
    return;
  }
  let server;
  try {
    server = await startMockServer({ port: command.port, host: command.host, seed: command.seed });
  } catch (e) {
    process.stderr.write(`mock: cannot listen on ${command.host}:${command.port}: ${(e as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`Qredo API v1 mock listening at ${server.baseUrl} (seed ${server.seed})\n`);
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
