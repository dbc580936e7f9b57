import { ExportQuery } from '../../core/contract.ts';
import { readQuery, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { exportFile } from '../workbench/files.ts';
import { workbenchId } from './workbench-params.ts';
import type { Handler } from './types.ts';

/** GET /api/collections/:id/export?format=http|postman|json: the collection as a file's text, with notes. */
export function createCollectionExportHandler(services: Services): Handler {
  return (ctx) => {
    const id = workbenchId(ctx, 'collection');
    const { format } = readQuery(ctx.url, ExportQuery, 'export');
    const file = exportFile(
      services.workbench().collections,
      id,
      format,
      services.config.baseUrls,
      services.config.partnerBaseUrls,
    );
    sendJson(ctx.res, services.redactor, 200, file);
  };
}
