#!/usr/bin/env node
// The CLI entry point named by package.json "bin". TypeScript sources run through tsx,
// so a fresh `npm ci` needs no build step (CONTRACT.md: Install and run).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
