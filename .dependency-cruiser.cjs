/**
 * The layer rules of DESIGN.md section 2, checked on every `npm run lint`.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'common-is-pure',
      comment:
        'common/ runs anywhere: it imports nothing of ours but common/, no Node built-ins, no DOM-only packages. ' +
        'The Verifiable Credentials libraries (isomorphic, contexts bundled) are allowed in common/credentials/ only.',
      severity: 'error',
      from: { path: '^common/', pathNot: '^common/credentials/' },
      to: { pathNot: ['^common/', '^node_modules/zod/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'common-credentials-libraries',
      severity: 'error',
      from: { path: '^common/credentials/' },
      to: {
        pathNot: ['^common/', '^node_modules/zod/', '^node_modules/@digitalbazaar/', '^node_modules/@digitalcredentials/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'core-imports-common-only',
      comment: 'core/ is plain Node: it imports common/ (and npm packages), never electron, never a shell or the UI.',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: ['^(main|preload|renderer|web|hub)/', '^node_modules/electron/'] },
    },
    {
      name: 'shells-are-thin',
      comment: 'main/ and web/ import core/ and common/; never each other, the UI or the hub.',
      severity: 'error',
      from: { path: '^(main|web)/' },
      to: { path: ['^(renderer|preload|hub)/'] },
    },
    { name: 'main-not-web', severity: 'error', from: { path: '^main/' }, to: { path: '^web/' } },
    { name: 'web-not-main', severity: 'error', from: { path: '^web/' }, to: { path: ['^main/', '^node_modules/electron/'] } },
    {
      name: 'preload-imports-common-only',
      severity: 'error',
      from: { path: '^preload/' },
      to: { path: ['^(core|main|renderer|web|hub)/'] },
    },
    {
      name: 'renderer-imports-common-only',
      comment: 'The UI talks only to window.studio; it may use common/ types and schemas.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: ['^(core|main|preload|web|hub)/', '^node_modules/electron/'] },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'hub-imports-common-only',
      severity: 'error',
      from: { path: '^hub/' },
      to: { path: ['^(core|main|preload|renderer|web)/', '^node_modules/electron/'] },
    },
    {
      name: 'common-no-node-builtins',
      severity: 'error',
      from: { path: '^common/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-circular-across-layers',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    exclude: { path: ['^out/', '^node_modules/'] },
  },
};
