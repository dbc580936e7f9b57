import type { Segment } from '../../../core/contract.ts';

type SegmentName = Segment['name'];

export const SEGMENT_LABEL: Record<SegmentName, string> = {
  timestamp: 'Timestamp',
  nonce: 'Nonce',
  method: 'Method',
  url: 'URL',
  body: 'Body',
};

/** The segment's tint in the string-to-sign. */
export const SEGMENT_TEXT: Record<SegmentName, string> = {
  timestamp: 'bg-seg-timestamp-soft text-seg-timestamp dark:bg-seg-timestamp/20 dark:text-seg-timestamp-night',
  // The nonce stands where the timestamp would: the same colour.
  nonce: 'bg-seg-timestamp-soft text-seg-timestamp dark:bg-seg-timestamp/20 dark:text-seg-timestamp-night',
  method: 'bg-seg-method-soft text-seg-method dark:bg-seg-method/20 dark:text-seg-method-night',
  url: 'bg-seg-url-soft text-seg-url dark:bg-seg-url/20 dark:text-seg-url-night',
  body: 'bg-seg-body-soft/60 text-slate-800 dark:bg-seg-body/10 dark:text-slate-200',
};

export const SEGMENT_SWATCH: Record<SegmentName, string> = {
  timestamp: 'bg-seg-timestamp',
  nonce: 'bg-seg-timestamp',
  method: 'bg-seg-method',
  url: 'bg-seg-url',
  body: 'bg-seg-body',
};
