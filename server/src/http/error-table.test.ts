import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../contract/errors.js';
import { errorCodesMarkdown, withErrorCodes } from './error-table.js';

const README = new URL('../../../README.md', import.meta.url);

describe("the README's error codes", () => {
  it('are the ones in contract/errors.ts, with status and both languages (run npm run docs:errors after changing them)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(withErrorCodes(readme)).toBe(readme);
    for (const [code, e] of Object.entries(ERRORS)) expect(readme).toContain(`| ${e.status} | \`${code}\` |`);
  });

  it('a changed message makes the list out of date', () => {
    const readme = withErrorCodes(readFileSync(README, 'utf8'));
    const stale = readme.replace(errorCodesMarkdown(), errorCodesMarkdown().replace(ERRORS.QUOTA_FULL.en, 'Quota reached.'));
    expect(stale).not.toBe(readme);
    expect(withErrorCodes(stale)).toBe(readme);
  });
});
