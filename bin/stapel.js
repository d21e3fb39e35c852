#!/usr/bin/env node
// Stapel runs its TypeScript sources directly through tsx's loader: one code base, no build step for
// the server, the CLI or the tests.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
