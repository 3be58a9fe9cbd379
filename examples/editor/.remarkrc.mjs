// remark's settings for a proposals repository: the front matter of every
// proposal is validated against grantctl's schema, in the editor (VS Code's
// unifiedjs.vscode-remark) and on the command line (`npx remark proposals/`).
// Write the schema beside this file with `grantctl schema > proposal.schema.json`.
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

export default {
  plugins: [
    remarkFrontmatter,
    [
      remarkLintFrontmatterSchema,
      { schemas: { './proposal.schema.json': ['./proposals/**/*.md'] } },
    ],
  ],
};
