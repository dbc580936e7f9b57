/**
 * The doctor's pure mappers: the form to a DoctorRequest, and a DoctorResponse to what the page shows
 * (verdict, component rows with the differing part marked, causes with their confidence). No React.
 */
import { demoPartnerOf } from '../../../core/constants.ts';
import type {
  DemoKey,
  DemoKeyInfo,
  DoctorRequest,
  DoctorResponse,
  Environment,
  PartnerDemoKey,
  RequestDraft,
} from '../../../core/contract.ts';
import { schemeOf, type SchemeId } from '../../../core/schemes.ts';
import { pathFromUrl } from '../../lib/qredo-url.ts';

export type CaptureMode = 'paste' | 'fields';

export interface DoctorFormValues {
  /** Which API signed the capture: v1 (HMAC, checked with the secret) or the Partner API (RSA, the public key). */
  scheme: SchemeId;
  mode: CaptureMode;
  /** A cURL command or a raw HTTP request. */
  captured: string;
  timestamp: string;
  method: string;
  url: string;
  body: string;
  signature: string;
  keyId: string;
  environment: Environment;
  /** '' = the demo key whose key id the capture carries (else the full one). */
  demoKey: DemoKey | '';
  /** Partner API, mock: '' = the demo partner whose key pair made the signature. */
  partnerKey: PartnerDemoKey | '';
  /** Partner API, fields: which header carried the signed value (x-timestamp or x-nonce). */
  freshness: 'timestamp' | 'nonce';
}

export function defaultDoctorValues(): DoctorFormValues {
  return {
    scheme: 'v1',
    mode: 'paste',
    captured: '',
    timestamp: '',
    method: 'GET',
    url: '',
    body: '',
    signature: '',
    keyId: '',
    environment: 'mock',
    demoKey: '',
    partnerKey: '',
    freshness: 'timestamp',
  };
}

/** The request for POST /api/doctor. Pasted text goes as it is; fields are taken exactly as typed. */
export function doctorRequestFromForm(values: DoctorFormValues): DoctorRequest {
  let capture: DoctorRequest['capture'];
  if (values.mode === 'paste') {
    capture = /^\s*curl(\.exe)?\b/i.test(values.captured) ? { curl: values.captured } : { raw: values.captured };
  } else {
    capture = {
      timestamp: values.timestamp,
      method: values.method,
      url: values.url,
      body: values.body === '' ? null : values.body,
      signature: values.signature,
    };
    if (values.keyId !== '') capture.keyId = values.keyId;
    if (values.scheme === 'partner' && values.freshness === 'nonce') capture.freshness = 'nonce';
  }
  const request: DoctorRequest = { environment: values.environment, capture };
  if (values.scheme === 'partner') {
    request.scheme = 'partner';
    if (values.environment === 'mock' && values.partnerKey !== '') request.partnerKey = values.partnerKey;
  } else if (values.environment === 'mock' && values.demoKey !== '') request.demoKey = values.demoKey;
  return request;
}

/** Two texts split around their first and last difference, so the differing middle can be marked. */
export interface TextDiff {
  prefix: string;
  left: string;
  right: string;
  suffix: string;
}

export function diffText(left: string, right: string): TextDiff {
  let start = 0;
  const max = Math.min(left.length, right.length);
  while (start < max && left[start] === right[start]) start++;
  let end = 0;
  while (end < max - start && left[left.length - 1 - end] === right[right.length - 1 - end]) end++;
  return {
    prefix: left.slice(0, start),
    left: left.slice(start, left.length - end),
    right: right.slice(start, right.length - end),
    suffix: left.slice(left.length - end),
  };
}

export const COMPONENT_LABEL: Record<DoctorResponse['components'][number]['name'], string> = {
  timestamp: 'Timestamp',
  method: 'Method',
  url: 'URL',
  body: 'Body',
  signature: 'Signature',
};

export interface ComponentRow {
  name: DoctorResponse['components'][number]['name'];
  label: string;
  same: boolean;
  captured: string;
  /** What it is compared with: the expected signature, or what the sender evidently signed. */
  other: { label: string; value: string; diff: TextDiff } | null;
}

export interface CauseRow {
  id: string;
  title: string;
  detail: string;
  confidence: 'certain' | 'likely';
  rank: number;
}

export interface DoctorView {
  valid: boolean;
  verdict: string;
  summary: string;
  captured: string;
  expected: string;
  signatureMatches: boolean;
  components: ComponentRow[];
  causes: CauseRow[];
  notes: string[];
  keyLine: string;
}

function shown(text: string): string {
  return text === '' ? '(empty)' : text;
}

export function doctorView(d: DoctorResponse): DoctorView {
  const components: ComponentRow[] = d.components.map((c) => {
    let other: ComponentRow['other'] = null;
    if (c.name === 'signature' && c.expected !== undefined && c.expected !== c.captured) {
      other = { label: 'Expected', value: c.expected, diff: diffText(c.captured, c.expected) };
    } else if (c.signed !== undefined && c.signed !== c.captured) {
      other = { label: 'Signed instead', value: c.signed, diff: diffText(c.captured, c.signed) };
    }
    return { name: c.name, label: COMPONENT_LABEL[c.name], same: c.same, captured: shown(c.captured), other };
  });
  return {
    valid: d.valid,
    verdict: d.valid
      ? 'Valid: the signature is right'
      : d.signatureMatches
        ? 'Not valid (the signature itself is right)'
        : 'Not valid: the signature does not match',
    summary: d.summary,
    captured: d.capture.signature,
    expected: d.expected,
    signatureMatches: d.signatureMatches,
    components,
    causes: d.causes.map((c, i) => ({
      id: c.id,
      title: c.title,
      detail: c.detail,
      confidence: c.certain ? 'certain' : 'likely',
      rank: i + 1,
    })),
    notes: d.notes,
    keyLine:
      d.scheme === 'partner'
        ? `Checked with the public key of ${d.keyId} (${d.environment})` +
          (d.keyPairMatches === false
            ? '; the signature was made with another key pair'
            : d.keyPairMatches
              ? '; made with this key pair'
              : '') +
          `; ${d.variantsTried} mistake variants replayed.`
        : `Checked with ${d.environment} key ${d.keyId}` +
          (d.keyIdMatches === false
            ? ' (the capture carries another key id)'
            : d.keyIdMatches
              ? ' (the capture’s key id)'
              : '') +
          `; ${d.variantsTried} mistake variants replayed.`,
  };
}

/** The form for a request given to the doctor from elsewhere (a history or bundle entry's "Diagnose"). */
export function valuesFromDoctorRequest(request: DoctorRequest): DoctorFormValues {
  const base: DoctorFormValues = {
    ...defaultDoctorValues(),
    environment: request.environment,
    demoKey: request.demoKey ?? '',
    scheme: request.scheme ?? 'v1',
    partnerKey: request.partnerKey ?? '',
  };
  const c = request.capture;
  if ('curl' in c) return { ...base, mode: 'paste', captured: c.curl };
  if ('raw' in c) return { ...base, mode: 'paste', captured: c.raw };
  return {
    ...base,
    mode: 'fields',
    timestamp: c.timestamp,
    method: c.method,
    url: c.url,
    body: c.body ?? '',
    signature: c.signature,
    keyId: c.keyId ?? '',
    freshness: c.freshness ?? 'timestamp',
  };
}

/** The request the composer should send instead: what the capture meant, signed again by the playground. */
export interface CorrectedRequest {
  scheme: SchemeId;
  environment: Environment;
  method: string;
  /** The full URL as captured; the page takes the path relative to an environment's base. */
  url: string;
  body: string | null;
}

/**
 * "Open in composer": the captured method (upper-cased when its case was the mistake), URL and exact
 * body. The playground signs it again with its own key and a fresh timestamp, which corrects the
 * secret, encoding, padding and timestamp causes; the URL and body stay as they were sent.
 */
export function correctedRequest(d: DoctorResponse): CorrectedRequest {
  const methodCase = d.causes.some((c) => c.id === 'method-case');
  return {
    scheme: d.scheme ?? 'v1',
    environment: d.environment,
    method: methodCase ? d.capture.method.toUpperCase() : d.capture.method,
    url: d.capture.url,
    body: d.capture.body,
  };
}

export type CorrectedDraft = { ok: true; request: RequestDraft } | { ok: false; error: string };

/**
 * "New request from this" and "Save to collection…": the corrected request as a request to compose,
 * the path taken relative to the API's base (query included, exactly as captured). Only the method,
 * path, body and environment go in, with the demo key (or demo partner) the doctor checked it with
 * on the mock and the capture's timestamp unit; the capture carries no header values, so no header
 * and nothing signed (timestamp, signature, key) comes along.
 */
export function correctedDraft(
  d: DoctorResponse,
  bases: readonly string[],
  demoKeys: readonly Pick<DemoKeyInfo, 'id' | 'keyId'>[] = [],
): CorrectedDraft {
  const corrected = correctedRequest(d);
  const found = pathFromUrl(corrected.url, bases, schemeOf(corrected.scheme).basePath);
  if (!found.ok) return { ok: false, error: found.error };
  const request: RequestDraft = {
    environment: corrected.environment,
    method: corrected.method,
    path: found.path,
    body: corrected.body,
  };
  if (corrected.scheme === 'partner') {
    request.scheme = 'partner';
    const partnerKey = corrected.environment === 'mock' ? demoPartnerOf(d.keyId) : undefined;
    if (partnerKey) request.partnerKey = partnerKey;
    return { ok: true, request };
  }
  if (corrected.environment === 'mock') {
    const demo = demoKeys.find((k) => k.keyId === d.keyId)?.id;
    if (demo) request.demoKey = demo;
  }
  // A timestamp in the wrong unit was the mistake: the playground's default (seconds) corrects it.
  const wrongUnit = d.causes.some((c) => c.id === 'timestamp-unit');
  request.timestampUnit = !wrongUnit && /^\d{17,}$/.test(d.capture.timestamp) ? 'nanoseconds' : 'seconds';
  return { ok: true, request };
}
