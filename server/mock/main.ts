/**
 * `npm run mock`: runs the embedded Qredo API v1 on its own.
 *
 *   tsx server/mock/main.ts [--port N] [--host H] [--seed N]   serve until SIGINT / SIGTERM (port: MOCK_PORT or 8002)
 *   tsx server/mock/main.ts --reset [--port N] [--host H]       reset the mock running there, then exit
 *   tsx server/mock/main.ts --list-keys                         print the demo keys as JSON and exit
 *
 * Exit code 2 for bad arguments, 1 when the server cannot start or the reset fails.
 */
import { type CliCommand, USAGE, listKeysJson, parseArgs } from './cli-args.ts';
import { resetRunningMock } from './reset-client.ts';
import { startMockServer } from './server.ts';

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
      const { address, seed } = await resetRunningMock(command.host, command.port);
      process.stdout.write(`Reset the mock at ${address} to its seeded state (seed ${seed})\n`);
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
