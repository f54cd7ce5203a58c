import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import { importX } from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.tools/', 'lib/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly'
      }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
    }
  },
  {
    // Imports run one way (test/unit/import-cycles.test.ts proves the rule catches a cycle).
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Without '.ts' here the plugin would not read our modules and would see no cycle at all.
      'import-x/extensions': ['.ts'],
      'import-x/resolver-next': [createTypeScriptImportResolver()]
    },
    rules: { 'import-x/no-cycle': 'error' }
  }
)
