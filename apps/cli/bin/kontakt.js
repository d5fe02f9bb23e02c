#!/usr/bin/env node
// `npx kontakt ...` inside this repository (root package.json: "kontakt-cli": "file:apps/cli"). It runs the TypeScript
// source without a build step, as the npm scripts do; node resolves the symlink npm makes, so these paths hold.
require('../../../scripts/register-ts.js');
require('../src/main.ts');
