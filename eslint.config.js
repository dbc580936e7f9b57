// ESLint flat config: recommended rules, the React/TanStack/Playwright plugins where they apply, and the
// architecture's boundaries (ARCHITECTURE.md) written as rules so a wrong import fails `npm run lint`.
import { builtinModules } from 'node:module';
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import pluginQuery from '@tanstack/eslint-plugin-query';
import playwright from 'eslint-plugin-playwright';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

// ---- boundaries between folders, by resolved path -------------------------------------------------
// Resolving the import against the importing file avoids the ambiguity of glob patterns on relative
// specifiers ("../signing/x" is another feature from one folder and a sub-folder from another).

/** The repository-relative, '/'-separated path an import specifier points at, or null for packages. */
function resolveSpecifier(filename, specifier) {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return null;
  const absolute = path.resolve(path.dirname(filename), specifier);
  return path.relative(root, absolute).split(path.sep).join('/');
}

function ownerOf(relativePath) {
  const feature = /^app\/features\/([^/]+)(?:\/|$)/.exec(relativePath);
  if (feature) return { layer: 'app', feature: feature[1] };
  const top = relativePath.split('/')[0];
  return { layer: top, feature: null };
}

const PRODUCTION_LAYERS = new Set(['app', 'core', 'server', 'scripts']);
const isTestFile = (relativePath) => /\.test\.tsx?$/.test(relativePath);

/** Why an import from `from` to `to` (both repository-relative) crosses a boundary, or null. */
function boundaryViolation(from, to) {
  const a = ownerOf(from);
  const b = ownerOf(to);
  if (b.layer === 'test-support' && PRODUCTION_LAYERS.has(a.layer) && !isTestFile(from)) {
    return `Production code never imports test support (${to}); only tests, bench/ and e2e/ do.`;
  }
  if (a.layer === 'core' && (b.layer === 'app' || b.layer === 'server')) {
    return `core/ is shared by the page and the server and imports neither: ${to} is in ${b.layer}/.`;
  }
  if (a.layer === 'app' && b.layer === 'server') {
    return `The page reaches the server only through app/lib/api-client.ts, never by importing ${to}.`;
  }
  if (a.feature && b.feature && a.feature !== b.feature) {
    return `Feature "${a.feature}" may not import feature "${b.feature}" (${to}); compose them in app/app.tsx or move shared code to app/lib or app/components.`;
  }
  return null;
}

const boundariesRule = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Keeps core/, app/, server/ and the feature folders apart, and test-support/ out of production code (ARCHITECTURE.md).',
    },
    schema: [],
    messages: { crossed: '{{reason}}' },
  },
  create(context) {
    const from = path.relative(root, context.filename).split(path.sep).join('/');
    function check(node, source) {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const to = resolveSpecifier(context.filename, source.value);
      if (to === null) return;
      const reason = boundaryViolation(from, to);
      if (reason) context.report({ node: source, messageId: 'crossed', data: { reason } });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      // vi.mock('../../server/x.ts') and friends count too.
      'CallExpression[callee.object.name="vi"][callee.property.name=/^(mock|doMock|importActual)$/]': (node) =>
        check(node, node.arguments[0]),
    };
  },
};

const local = { rules: { boundaries: boundariesRule } };

// ---- restricted syntax ----------------------------------------------------------------------------
// no-restricted-syntax is replaced, not merged, by a later block: every block lists all it needs.

const headerLiterals = [
  {
    selector: 'Literal[value=/^qredo-api-(key|ts|sig)$/i]',
    message:
      'Use HEADER_KEY / HEADER_TIMESTAMP / HEADER_SIGNATURE from core/signing instead of writing the header name.',
  },
];

const pureCore = [
  {
    selector: 'CallExpression[callee.object.name="Date"][callee.property.name="now"]',
    message: 'core/ has no clock: take the time as a parameter.',
  },
  {
    selector: 'NewExpression[callee.name="Date"][arguments.length=0]',
    message: 'core/ has no clock: take the time as a parameter.',
  },
  {
    selector: 'MemberExpression[object.name="performance"][property.name="now"]',
    message: 'core/ has no clock: take the time as a parameter.',
  },
  {
    selector: 'CallExpression[callee.object.name="Math"][callee.property.name="random"]',
    message: 'core/ has no randomness: take random values as parameters.',
  },
  {
    selector: 'MemberExpression[property.name=/^(getRandomValues|randomUUID|subtle)$/]',
    message: 'core/ does no crypto I/O or randomness: the HMAC function is a parameter.',
  },
];

const coreImports = {
  paths: builtinModules
    .filter((name) => !name.startsWith('_'))
    .map((name) => ({ name, message: 'core/ is isomorphic: no Node built-ins (pass what you need as a parameter).' })),
  patterns: [
    { group: ['node:*'], message: 'core/ is isomorphic: no Node built-ins (pass what you need as a parameter).' },
    { group: ['react', 'react/*', 'react-dom', 'react-dom/*'], message: 'core/ has no React.' },
  ],
};

const coreTestImports = {
  patterns: [{ group: ['react', 'react/*', 'react-dom', 'react-dom/*'], message: 'core/ has no React.' }],
};

const noFetchGlobals = [
  { name: 'fetch', message: 'Call the server through app/lib/api-client.ts, the only place that uses fetch.' },
  { name: 'XMLHttpRequest', message: 'Call the server through app/lib/api-client.ts.' },
];
const noFetchProperties = ['window', 'globalThis', 'self'].map((object) => ({
  object,
  property: 'fetch',
  message: 'Call the server through app/lib/api-client.ts, the only place that uses fetch.',
}));

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'e2e/screenshots/**',
      'bench/results/**',
      'core/fixtures/**',
      '.playground-data/**',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,
  ...tseslint.configs.recommended,

  {
    files: ['**/*.{js,mjs,cjs,ts,tsx,mts,cts}'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: { ...globals.node } },
    plugins: { local },
    rules: {
      'local/boundaries': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      'no-restricted-syntax': ['error', ...headerLiterals],
    },
  },

  // ---- type-aware rules: promises that are dropped or passed where a void callback is expected,
  // conditions the types say are always true or false, non-null assertions ----
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unnecessary-condition': 'warn',
      '@typescript-eslint/no-non-null-assertion': 'warn',
    },
  },

  // ---- the page ----
  {
    ...reactHooks.configs.flat.recommended,
    files: ['app/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...pluginQuery.configs['flat/recommended'].map((config) => ({ ...config, files: ['app/**/*.{ts,tsx}'] })),
  {
    files: ['app/**/*.{ts,tsx}'],
    // The API client, and the worker that makes its fetches off the main thread.
    ignores: ['app/lib/api-client.ts', 'app/lib/api-client.test.ts', 'app/lib/fetch-worker.ts'],
    rules: {
      'no-restricted-globals': ['error', ...noFetchGlobals],
      'no-restricted-properties': ['error', ...noFetchProperties],
    },
  },

  // ---- core: pure and isomorphic ----
  {
    files: ['core/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': ['error', coreImports],
      'no-restricted-globals': [
        'error',
        ...noFetchGlobals.map((g) => ({ ...g, message: 'core/ does no I/O.' })),
        { name: 'process', message: 'core/ is isomorphic: no process.' },
        { name: 'Buffer', message: 'core/ is isomorphic: use Uint8Array.' },
      ],
      'no-restricted-syntax': ['error', ...headerLiterals, ...pureCore],
    },
  },
  {
    // core tests run in Node and may use node:crypto to check the WebCrypto path against it.
    files: TESTS.map((glob) => `core/${glob}`),
    rules: { 'no-restricted-imports': ['error', coreTestImports] },
  },
  {
    // The one place the header names are spelt out.
    files: ['core/signing/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-syntax': ['error', ...pureCore] },
  },

  // ---- tests may spell the headers to check them independently (including misspelt ones) ----
  {
    files: TESTS,
    rules: { 'no-restricted-syntax': 'off' },
  },
  // ---- Node-side tests share a module registry per worker (vite.config.ts, isolate: false) ----
  {
    files: ['core/**/*.test.ts', 'server/**/*.test.ts', 'bench/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['mock', 'doMock', 'stubGlobal', 'stubEnv'].map((property) => ({
          object: 'vi',
          property,
          message:
            'These test files share their modules and globals with the next file in the worker (isolate: false): pass the dependency in instead.',
        })),
      ],
    },
  },
  // ---- a non-null assertion that is wrong in a test throws, and the test fails: what it is for ----
  {
    files: [...TESTS, 'e2e/**/*.ts', 'test-support/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },

  // ---- end-to-end tests ----
  {
    ...playwright.configs['flat/recommended'],
    files: ['e2e/**/*.ts'],
    rules: {
      ...playwright.configs['flat/recommended'].rules,
      'playwright/no-conditional-in-test': 'error',
      'playwright/no-element-handle': 'error',
      'playwright/no-eval': 'error',
      'playwright/no-page-pause': 'error',
      'playwright/no-focused-test': 'error',
      'playwright/no-wait-for-timeout': 'error',
      'playwright/prefer-web-first-assertions': 'error',
      // Every spec gets its own playground through the fixture's `test`.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@playwright/test',
              importNames: ['test'],
              message:
                "Import { test, expect } from './fixtures/playground.ts': each spec file gets a playground of its own.",
            },
          ],
        },
      ],
      // Screenshots and perimeter checks assert through helpers in e2e/pages.
      'playwright/expect-expect': [
        'error',
        { assertFunctionNames: ['expectRegions', 'expectColorScheme', 'expectRefused', 'expectHostRefused'] },
      ],
    },
  },
  {
    // The fixture that makes the `test` every spec uses.
    files: ['e2e/fixtures/playground.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
