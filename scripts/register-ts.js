// Preloaded by the npm scripts (`node -r ./scripts/register-ts.js file.ts`) to run TypeScript without a build step.
// @swc-node/register reads compiler options (decorators, decorator metadata, paths) from ./tsconfig.json of the
// working directory; pin it to this repository's tsconfig so NestJS decorators work from any directory.
const path = require('node:path');

process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
