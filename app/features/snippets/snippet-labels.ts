/** The snippet languages' tab labels. */
export const SNIPPET_TAB_LABEL = { curl: 'cURL', python: 'Python', node: 'Node', go: 'Go' } as const;
