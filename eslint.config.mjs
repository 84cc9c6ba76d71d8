// ESLint for the blocks' and the dashboard's ES modules (run by `make quality` and tox -e quality).
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: ["node_modules/**", ".venv/**", ".tox/**", "docs/_build/**", "**/vendor/**", ".services/**", "dist/**", "build/**"],
  },
  js.configs.recommended,
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser },
    },
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["tests/js/**/*.mjs"],
    languageOptions: { globals: { ...globals.node } },
  },
];
