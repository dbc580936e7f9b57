/**
 * Files in and out of the workbench, for POST /api/import, GET /api/collections/:id/export and the
 * CLI's import and export: the server's part around core/workbench's readers and printers. It
 * picks the format, gives the readers the environments' base URLs (configuration) and every form of
 * the configured secrets, leaves out what holds a secret, and stores the result. Files are data:
 * nothing in them is evaluated, and the size limits are core/workbench's.
 *
 * Public API: detectFormat(text, fileName?), importFile(store, request, context),
 *   exportFile(store, id, format, bases, partnerBases?)
 */
import type { ExportResponse, FileFormat, ImportRequest, ImportResponse } from '../../core/contract.ts';
import { ImportError } from '../../core/import/types.ts';
import {
  COLLECTION_FORMAT,
  MAX_NAME_LENGTH,
  parseCollection,
  printCollection,
  savedRequests,
  type Collection,
  type CollectionItem,
} from '../../core/workbench/collection.ts';
import { importHttpFile, printHttpFile } from '../../core/workbench/http-file.ts';
import { importPostman, printPostman } from '../../core/workbench/postman.ts';
import type { Dropped, WorkbenchImport } from '../../core/workbench/result.ts';
import type { EnvironmentBases } from '../../core/workbench/url-mapping.ts';
import type { CollectionStore } from './collections.ts';
import type { SecretTest } from './secrets.ts';

export interface FileContext {
  bases: EnvironmentBases;
  /** The Partner API's bases: a URL under one is read as a Partner API request. */
  partnerBases?: EnvironmentBases;
  /** Every form of every configured secret (Redactor.secretForms), for the readers. */
  secretForms: readonly string[];
  isSecret: SecretTest;
}

const FORMAT_NAMES: Record<FileFormat, string> = {
  http: 'an HTTP request file (.http)',
  postman: 'a Postman v2.1 collection',
  json: 'a playground collection',
};

/**
 * The format of a file: `.http` and `.rest` by their extension; a JSON document by its content (the
 * playground's `format` field, or Postman's `info` and `item`); anything else that is not JSON is
 * read as a .http file.
 */
export function detectFormat(text: string, fileName?: string): FileFormat {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (ext === 'http' || ext === 'rest') return 'http';
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (!body.startsWith('{')) {
    if (ext === 'json') throw new ImportError('The file is named .json but is not a JSON object.');
    return 'http';
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    throw new ImportError(`The file looks like JSON but is not valid JSON: ${(e as Error).message}`);
  }
  const doc = json as { format?: unknown; info?: unknown; item?: unknown; requests?: unknown };
  if (doc.format === COLLECTION_FORMAT) return 'json';
  if ((doc.info && typeof doc.info === 'object') || Array.isArray(doc.item) || Array.isArray(doc.requests))
    return 'postman';
  throw new ImportError(
    'This JSON file is neither a playground collection ("format": "qredo-playground-collection") nor a Postman v2.1 collection ("info" and "item").',
  );
}

/** The collection's name from a file name: its base name without the extensions. */
function nameFromFile(fileName: string | undefined): string | undefined {
  const base = (fileName ?? '').split(/[\\/]/).pop() ?? '';
  const name = base
    .replace(/(\.postman_collection)?\.(json|http|rest)$/i, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim()
    .slice(0, MAX_NAME_LENGTH);
  return name === '' ? undefined : name;
}

/** Leaves out of an imported collection every part that holds a configured secret, saying what went. */
function withoutSecrets(collection: Collection, isSecret: SecretTest): { collection: Collection; dropped: Dropped[] } {
  const dropped: Dropped[] = [];
  const why = 'It contains a configured secret; the playground keeps no secret in a collection.';
  const variables = collection.variables.filter((v) => {
    if (!isSecret(v.value) && !isSecret(v.name)) return true;
    dropped.push({ what: `the variable ${v.name}`, why });
    return false;
  });
  const clean = (items: readonly CollectionItem[], folders: string[]): CollectionItem[] =>
    items.flatMap((item): CollectionItem[] => {
      const label = JSON.stringify([...folders, item.name].join(' / '));
      if (item.type === 'folder') {
        if (isSecret(item.name)) {
          dropped.push({ what: `folder ${label} with everything in it`, why });
          return [];
        }
        return [{ ...item, items: clean(item.items, [...folders, item.name]) }];
      }
      const parts = [item.name, item.path, item.body ?? '', ...item.captures.flatMap((c) => [c.variable, c.path])];
      if (parts.some(isSecret)) {
        dropped.push({ what: `request ${label}`, why });
        return [];
      }
      const headers = item.headers.filter((h) => {
        if (!isSecret(h.name) && !isSecret(h.value)) return true;
        dropped.push({ what: `header ${h.name} of request ${label}`, why });
        return false;
      });
      return [{ ...item, headers }];
    });
  return { collection: { ...collection, variables, items: clean(collection.items, []) }, dropped };
}

/** Reads a file with core/workbench and stores it: a new collection, or the end of the named one. */
export function importFile(store: CollectionStore, request: ImportRequest, ctx: FileContext): ImportResponse {
  const notes: string[] = [];
  const format = request.format ?? detectFormat(request.text, request.fileName);
  if (request.format === undefined) notes.push(`Read as ${FORMAT_NAMES[format]}.`);
  const name = request.collection ?? nameFromFile(request.fileName);
  const options = {
    bases: ctx.bases,
    ...(ctx.partnerBases ? { partnerBases: ctx.partnerBases } : {}),
    secrets: ctx.secretForms,
    ...(name !== undefined ? { name } : {}),
  };
  if (format !== 'http' && (request.envFile ?? request.privateEnvFile ?? request.envName) !== undefined)
    notes.push('Environment files belong to .http files; they were not read.');

  let read: WorkbenchImport;
  if (format === 'http')
    read = importHttpFile(request.text, {
      ...options,
      ...(request.envFile !== undefined ? { envFile: request.envFile } : {}),
      ...(request.privateEnvFile !== undefined ? { privateEnvFile: request.privateEnvFile } : {}),
      ...(request.envName !== undefined ? { envName: request.envName } : {}),
    });
  else if (format === 'postman') read = importPostman(request.text, options);
  else read = { collection: parseCollection(request.text), dropped: [], notes: [] };
  notes.push(...read.notes);

  const { collection, dropped } = withoutSecrets(read.collection, ctx.isSecret);
  let stored;
  if (request.collection !== undefined) {
    const existing = store.findByName(request.collection);
    stored = existing
      ? store.importCollection(collection, existing.id)
      : store.importCollection({ ...collection, name: request.collection });
    if (existing) notes.push(`Added at the end of the collection ${JSON.stringify(existing.name)}.`);
  } else {
    const free = store.freeName(collection.name);
    if (free !== collection.name)
      notes.push(
        `A collection named ${JSON.stringify(collection.name)} exists already; this one is ${JSON.stringify(free)}.`,
      );
    stored = store.importCollection({ ...collection, name: free });
  }
  notes.push(...stored.notes);
  return {
    collection: stored.summary,
    imported: savedRequests(collection).map(({ request: r }) => ({
      name: r.name,
      method: r.method,
      path: r.path,
      environment: r.environment,
    })),
    dropped: [...read.dropped, ...dropped],
    notes,
  };
}

/** A file name for a collection: its name with every character but letters, digits, ".", "_" and "-" as "-". */
function fileStem(name: string): string {
  const stem = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 100);
  return stem === '' ? 'collection' : stem;
}

/** A stored collection as a file of the format, with notes on what the format cannot carry. */
export function exportFile(
  store: CollectionStore,
  id: number,
  format: FileFormat,
  bases: EnvironmentBases,
  partnerBases?: EnvironmentBases,
): ExportResponse {
  const collection = store.toCollection(id);
  const stem = fileStem(collection.name);
  if (format === 'http') {
    const { text, notes } = printHttpFile(collection, bases, partnerBases);
    return { format, fileName: `${stem}.http`, mediaType: 'text/plain; charset=utf-8', text, notes };
  }
  if (format === 'postman') {
    const { text, notes } = printPostman(collection, bases, partnerBases);
    return { format, fileName: `${stem}.postman_collection.json`, mediaType: 'application/json', text, notes };
  }
  return {
    format,
    fileName: `${stem}.collection.json`,
    mediaType: 'application/json',
    text: printCollection(collection),
    notes: [],
  };
}
