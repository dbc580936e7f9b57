/**
 * Why the workbench's stores refused something, without HTTP: the router turns each code into its
 * status, the CLI prints the message.
 */
export type WorkbenchErrorCode = 'not-found' | 'name-taken' | 'limit' | 'too-large' | 'invalid' | 'secret-refused';

export class WorkbenchError extends Error {
  constructor(
    readonly code: WorkbenchErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkbenchError';
  }
}

export const WORKBENCH_ERROR_STATUS: Readonly<Record<WorkbenchErrorCode, number>> = {
  'not-found': 404,
  'name-taken': 409,
  limit: 409,
  'too-large': 413,
  invalid: 400,
  'secret-refused': 400,
};
