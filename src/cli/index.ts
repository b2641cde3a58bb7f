#!/usr/bin/env node
import { run } from './main';

// The keychain's D-Bus connection does not hold the process open (the app must be able to quit): this does,
// until the command is done.
const holdOpen = setInterval(() => undefined, 60_000);
const code = await run(process.argv.slice(2));
clearInterval(holdOpen);
// Native keychain handles could still keep it alive: exit once what was printed is written.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
