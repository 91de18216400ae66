#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so that `npx baton` works from any directory.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
