import { describe, expect, it } from 'vitest';
import type { Agency, Service } from '@antre/server/contract';
import { normalize, search } from './search';

const agency = (id: string, shortName: string, name: string, nameEn?: string): Agency => ({
  id,
  shortName,
  name,
  nameEn,
  floor: 1,
  icon: 'building',
  color: '#000000',
  toConfirm: [],
  serveThroughBreaks: false,
  ticketsDuringBreaks: true,
});
const service = (id: string, agencyId: string, name: string, nameEn?: string): Service => ({
  id,
  agencyId,
  name,
  nameEn,
  prefix: 'A',
  dailyQuota: null,
  requirements: [],
  fee: 'Gratis',
  targetMinutes: 10,
  targetWaitMinutes: 30,
  toConfirm: [],
});

const AGENCIES = [
  agency('dukcapil', 'Dukcapil', 'Dinas Kependudukan dan Pencatatan Sipil'),
  agency('kpp', 'KPP Pratama', 'Kantor Pelayanan Pajak', 'Tax office'),
  agency('polres', 'Polres', 'Kepolisian Resor'),
];
const SERVICES = [
  service('ktp', 'dukcapil', 'KTP-el baru', 'New electronic ID card (KTP-el)'),
  service('faskes', 'dukcapil', 'Pindah faskes', 'Change health facility (FKTP)'),
  service('npwp', 'kpp', 'Pendaftaran NPWP'),
  service('skck', 'polres', 'SKCK'),
];

describe('kiosk search', () => {
  it('ignores case, accents and punctuation', () => {
    expect(normalize('KTP-el  Baru!')).toBe('ktp el baru');
    expect(normalize('Café')).toBe('cafe');
  });
  it('finds a service by a word of its name and ranks its own name first', () => {
    const hits = search('ktp', AGENCIES, SERVICES);
    expect(hits.services.map((s) => s.id)).toEqual(['ktp', 'faskes']);
  });
  it('finds services through their office and offices by either language', () => {
    expect(search('pajak', AGENCIES, SERVICES).services.map((s) => s.id)).toEqual(['npwp']);
    expect(search('tax', AGENCIES, SERVICES).agencies.map((a) => a.id)).toEqual(['kpp']);
  });
  it('needs every word, and an empty query finds nothing', () => {
    expect(search('skck polres', AGENCIES, SERVICES).services.map((s) => s.id)).toEqual(['skck']);
    expect(search('skck pajak', AGENCIES, SERVICES).services).toEqual([]);
    expect(search('   ', AGENCIES, SERVICES)).toEqual({ agencies: [], services: [] });
  });
});
