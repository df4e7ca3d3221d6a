import { ERRORS, type ErrorCode } from '../contract/errors.js';

/** Where the README's list of error codes sits; `npm run docs:errors` rewrites what is between. */
export const README_ERRORS_START = '<!-- error-codes:start (npm run docs:errors writes this list from server/src/contract/errors.ts) -->';
export const README_ERRORS_END = '<!-- error-codes:end -->';

/** Every error code as a Markdown table: status, code, Bahasa Indonesia, English. */
export function errorCodesMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const rows = (Object.keys(ERRORS) as ErrorCode[]).map(
    (code) => `| ${ERRORS[code].status} | \`${code}\` | ${cell(ERRORS[code].id)} | ${cell(ERRORS[code].en)} |`,
  );
  return ['| status | code | id | en |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The README with its error list replaced by the current one. */
export function withErrorCodes(readme: string): string {
  const a = readme.indexOf(README_ERRORS_START);
  const b = readme.indexOf(README_ERRORS_END);
  if (a < 0 || b < a) throw new Error('README has no error-codes markers');
  return `${readme.slice(0, a + README_ERRORS_START.length)}\n${errorCodesMarkdown()}\n${readme.slice(b)}`;
}
