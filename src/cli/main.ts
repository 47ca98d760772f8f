/** Entry point of the `waymark` command (bin/waymark.js loads this file). */
import { main } from './program.ts';

process.exitCode = await main(process.argv.slice(2));
