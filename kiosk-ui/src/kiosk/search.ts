import type { Agency, Service } from '@antre/server/contract';

/** Lower-case, accents and punctuation gone: "KTP-el" and "ktp el" must meet. */
export function normalize(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface SearchHits {
  agencies: Agency[];
  services: Service[];
}

/**
 * Finds what a visitor typed on the on-screen keyboard: every word must start a word of a name
 * (either language) or appear inside it, so "ktp" finds "KTP-el baru" and "paj" finds "Pajak".
 */
export function search(query: string, agencies: Agency[], services: Service[]): SearchHits {
  const words = normalize(query).split(' ').filter(Boolean);
  if (!words.length) return { agencies: [], services: [] };
  const agencyText = new Map(agencies.map((a) => [a.id, normalize([a.shortName, a.name, a.nameEn ?? ''].join(' '))]));
  const matches = (text: string) => words.every((w) => text.includes(w));
  const rank = (text: string) => words.reduce((n, w) => n + (` ${text}`.includes(` ${w}`) ? 0 : 1), 0);
  const foundAgencies = agencies.filter((a) => matches(agencyText.get(a.id) ?? ''));
  const serviceText = (s: Service) => normalize([s.name, s.nameEn ?? ''].join(' '));
  // A service matches by its own name or its office's; its own name ranks first.
  const score = (s: Service) => (matches(serviceText(s)) ? 0 : 10) + rank(serviceText(s));
  const foundServices = services.filter((s) => matches(`${serviceText(s)} ${agencyText.get(s.agencyId) ?? ''}`)).sort((x, y) => score(x) - score(y));
  return { agencies: foundAgencies, services: foundServices };
}
