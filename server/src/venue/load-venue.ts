import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { venueSchema, type Venue } from '../contract/venue.js';

/** The built-in demo venue: MPP Simpurusiang, Belopa. */
export const DEFAULT_VENUE_PATH = fileURLToPath(new URL('../../venues/mpp-simpurusiang.json', import.meta.url));

/** A venue file Antre cannot run on; the message names the field and what is wrong. */
export class VenueError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Venue file ${source} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Turns zod issues into lines like `services[3].prefix: prefix "A" is already used`. */
export function describeIssues(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((i) => {
    const path = i.path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
    return `${path || '(top level)'}: ${i.message}`;
  });
}

/** Validates a parsed venue document. */
export function parseVenue(data: unknown, source: string): Venue {
  const r = venueSchema.safeParse(data);
  if (!r.success) throw new VenueError(source, describeIssues(r.error.issues));
  return r.data;
}

/** Reads and validates a venue file. */
export function loadVenueFile(path: string): Venue {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new VenueError(path, [`cannot read the file: ${(err as Error).message}`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new VenueError(path, [`not valid JSON: ${(err as Error).message}`]);
  }
  return parseVenue(data, path);
}
