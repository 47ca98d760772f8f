// Starts a worker thread on a TypeScript module (its file URL is the worker's last argv). A worker
// does not inherit the loader hooks its parent registered — bin/waymark.js's, tsx's CLI's, or
// vitest's — so it registers tsx itself, as bin/waymark.js does.
import { register } from 'tsx/esm/api';

register();
await import(process.argv.at(-1));
