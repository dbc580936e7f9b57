// The doctor's worker thread starts here: TypeScript is loaded through tsx (a dependency of the
// project's scripts already), then the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
