import { memo, useMemo } from 'react';
import { visibleHtml } from '../visible-text.ts';

/**
 * Text with whitespace and non-ASCII made visible. The markup is built as one escaped string
 * (see visibleHtml): reconciling thousands of sibling nodes in React is quadratic on insertion,
 * which froze the page for seconds on a 100 KB body.
 */
export const VisibleText = memo(function VisibleText({ text }: { text: string }) {
  const html = useMemo(() => visibleHtml(text), [text]);
  return <span dangerouslySetInnerHTML={{ __html: html }} />;
});
