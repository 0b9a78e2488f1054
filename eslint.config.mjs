// ESLint's recommended rules over every JavaScript file of the project (`./build.sh test` runs `eslint .`).
// Each folder gets the globals of where it runs: the extension in browsers (with the WebExtension APIs),
// the simulated sites in www/ in browsers and their server in Node, the tools and tests in Node.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['node_modules/', 'dist/', 'target/', 'tests/e2e/.tmp/'] },
  js.configs.recommended,
  // A leading underscore names a parameter that is there for its position or its documentation.
  { rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_' }] } },
  {
    files: ['extension/**/*.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions } },
  },
  {
    // Classic scripts, not modules: they share the isolated world's globals (text.js and i18n.js first).
    files: ['extension/content/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { __CLAUDE_SITE__: 'readonly' } },
  },
  {
    files: ['extension/content/claude.js', 'extension/content/target.js'],
    languageOptions: { globals: { RerouteText: 'readonly', RerouteI18n: 'readonly' } },
  },
  {
    files: ['www/**/*.mjs'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['www/server.mjs', 'eslint.config.mjs', 'extension/**/*.test.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Node scripts that hand functions to a browser to run in a page or the extension (WebDriver, CDP).
    files: ['tools/**/*.mjs', 'tests/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.webextensions } },
  },
];
