/**
 * Which of the files picked for an import is the request file and which are the .http environment
 * files (http-client.env.json, http-client.private.env.json), by name. Pure.
 */
export interface PickedFile {
  name: string;
  text: string;
}

export interface ImportPlan {
  main: PickedFile | null;
  envFile?: string;
  privateEnvFile?: string;
  /** Why the pick cannot be imported, when it cannot. */
  problem?: string;
}

const isPrivateEnv = (n: string) => /\.private\.env\.json$/i.test(n);
const isEnv = (n: string) => /(^|[\\/.-])(http-client\.)?env\.json$/i.test(n) && !isPrivateEnv(n);

export function planImport(files: readonly PickedFile[]): ImportPlan {
  const env = files.find((f) => isEnv(f.name));
  const priv = files.find((f) => isPrivateEnv(f.name));
  const rest = files.filter((f) => f !== env && f !== priv);
  if (rest.length === 0)
    return {
      main: null,
      problem: 'Pick the request file too (.http, a Postman collection or a playground collection).',
    };
  if (rest.length > 1)
    return { main: null, problem: `Pick one request file at a time (${rest.map((f) => f.name).join(', ')}).` };
  const [main] = rest;
  if (!main)
    return {
      main: null,
      problem: 'Pick the request file too (.http, a Postman collection or a playground collection).',
    };
  if ((env || priv) && !/\.(http|rest)$/i.test(main.name))
    return { main: null, problem: 'Environment files go with a .http file only.' };
  return { main, ...(env ? { envFile: env.text } : {}), ...(priv ? { privateEnvFile: priv.text } : {}) };
}
