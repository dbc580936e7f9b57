/**
 * Design tokens for the playground: environment colours, string-to-sign segment colours and fonts.
 * Read by app/styles.css through `@config`; components use the resulting classes (bg-env-production, ...).
 */
export default {
  content: ['./index.html', './app/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        env: {
          mock: { DEFAULT: '#0d9488', soft: '#ccfbf1', ink: '#115e59', night: '#5eead4' },
          sandbox: { DEFAULT: '#d97706', soft: '#fef3c7', ink: '#92400e', night: '#fcd34d' },
          production: { DEFAULT: '#dc2626', soft: '#fee2e2', ink: '#991b1b', night: '#fca5a5' },
        },
        seg: {
          timestamp: { DEFAULT: '#7c3aed', soft: '#ede9fe', night: '#c4b5fd' },
          method: { DEFAULT: '#0284c7', soft: '#e0f2fe', night: '#7dd3fc' },
          url: { DEFAULT: '#059669', soft: '#d1fae5', night: '#6ee7b7' },
          body: { DEFAULT: '#c2410c', soft: '#ffedd5', night: '#fdba74' },
        },
      },
      fontFamily: {
        sans: ['Inter', 'ui-sans-serif', 'system-ui', '-apple-system', 'Segoe UI', 'Roboto', 'sans-serif'],
        /** For the visible-whitespace glyphs (␍ ␊ ␀ …), which many monospace fonts lack. */
        symbols: [
          'Menlo',
          'Segoe UI Symbol',
          'Apple Symbols',
          'Noto Sans Symbols 2',
          'Noto Sans Symbols',
          'DejaVu Sans Mono',
          'monospace',
        ],
        mono: ['JetBrains Mono', 'ui-monospace', 'SFMono-Regular', 'Menlo', 'Consolas', 'Liberation Mono', 'monospace'],
      },
    },
  },
};
