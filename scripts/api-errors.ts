/** Writes the README's list of error codes from server/src/contract/errors.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withErrorCodes } from '../server/src/http/error-table.js';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const before = readFileSync(readme, 'utf8');
const after = withErrorCodes(before);
if (after !== before) writeFileSync(readme, after);
console.log(after === before ? 'README error codes already current' : 'README error codes written');
