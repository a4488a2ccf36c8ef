// `npm run analyze` writes packages/elements/custom-elements.json from the elements' JSDoc
// (@tag, @summary, @fires, @csspart, @cssprop, @slot) and their Lit properties.
export default {
  globs: ['packages/elements/src/components/**/*.ts'],
  exclude: ['packages/elements/src/**/*.styles.ts'],
  outdir: 'packages/elements',
  litelement: true,
  dependencies: false,
  packagejson: false,
};
