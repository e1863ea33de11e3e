/**
 * Architecture rules, checked by `npm test` (scripts/test.sh): any violation
 * fails the run. Layers, from the bottom:
 * - the state machine (src/submissions/statuses.ts, src/submissions/lifecycle.ts):
 *   imports no feature; it tells the read models through an interface that
 *   src/deps.ts wires;
 * - src/platform/ (infrastructure) and src/text/ (Vietnamese text processing):
 *   libraries that import no feature;
 * - features (src/<folder>/): may use all of the above, and one another through
 *   their public entry (index.ts) or records (model.ts); src/app.ts mounts them,
 *   src/deps.ts wires them.
 * Type-only imports count too: a cycle through types is still a cycle, except the
 * one back-edge every feature has to the composition root's `Deps` interface.
 */
const FEATURE = '^src/(?!platform/|text/)[^/]+/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No cycle of imports that stay in the compiled code.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-circular-types',
      severity: 'error',
      comment:
        'No cycle through types either, except through src/deps.ts: it builds the features, which take its `Deps` interface as a type.',
      from: {},
      to: { circular: true, viaOnly: { pathNot: '^src/deps\\.ts$' } },
    },
    {
      name: 'platform-imports-no-feature',
      severity: 'error',
      comment: 'src/platform/ is infrastructure: it imports no feature (nor deps, models, app).',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: '^src/(platform|text)/' },
    },
    {
      name: 'text-imports-no-feature',
      severity: 'error',
      comment: 'src/text/ is a library of pure functions: it imports nothing else of ours.',
      from: { path: '^src/text/' },
      to: { path: '^(src|config|workers)/', pathNot: '^src/text/' },
    },
    {
      name: 'statuses-import-nothing',
      severity: 'error',
      comment: 'The statuses and transition table import nothing of ours.',
      from: { path: '^src/submissions/statuses\\.ts$' },
      to: { path: '^(src|config|workers)/' },
    },
    {
      name: 'state-machine-imports-no-feature',
      severity: 'error',
      comment:
        'The state machine imports only the statuses, the submission model, the outbox event encoding and the platform; it tells the read models through an interface.',
      from: { path: '^src/submissions/lifecycle\\.ts$' },
      to: {
        path: `${FEATURE}|^src/(deps|models|app)\\.ts$`,
        pathNot: '^src/submissions/(statuses|model)\\.ts$|^src/dispatch/events\\.ts$',
      },
    },
    {
      name: 'features-through-public-entry',
      severity: 'error',
      comment:
        "A feature imports another only through its public entry (src/<feature>/index.ts) or its records (model.ts); the state machine's files (statuses, lifecycle, the outbox event catalogue) are the layer below every feature. The composition roots (src/app.ts, src/deps.ts, src/models.ts), workers, scripts and tests may reach inside. The imports that predate the rule are listed in .dependency-cruiser-known-violations.json (npm run arch ignores those, and only those).",
      from: { path: '^src/([^/]+)/', pathNot: '^src/(platform|text|web)/' },
      to: {
        path: '^src/[^/]+/',
        pathNot: [
          '^src/$1/',
          '^src/(platform|text|web)/',
          '^src/[^/]+/(index|model)\\.ts$',
          '^src/submissions/(statuses|lifecycle)\\.ts$',
          '^src/dispatch/events\\.ts$',
        ],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(src|workers|config|scripts|tests)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
