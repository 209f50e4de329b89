import { describe, expect, it } from 'vitest';
import {
  bandStart,
  coarsenRare,
  generalise,
  regionOf,
  type QuasiIdentifierCount,
  type QuasiIdentifiers,
} from './quasi-identifiers.ts';

const base: QuasiIdentifiers = {
  province: 'İstanbul',
  district: 'Fatih',
  nationality: 'SY',
  birthYear: 1990,
  groups: ['refugee', 'woman-care'],
};
const many = (qi: Partial<QuasiIdentifiers>, count: number): QuasiIdentifierCount => ({
  qi: { ...base, ...qi },
  count,
});

describe('coarsening rare combinations', () => {
  it('bands and regions', () => {
    expect(bandStart(1993, 5)).toBe(1990);
    expect(bandStart(1993, 20)).toBe(1980);
    expect(regionOf('SY')).toBe('145');
    expect(regionOf('af')).toBe('034');
    expect(regionOf('145')).toBe('145');
    expect(regionOf('QQ')).toBe('ZZ');
    expect(generalise({ ...base, birthYear: 1993, groups: ['woman-care', 'refugee', 'woman-care'] }, 0)).toEqual({
      ...base,
      groups: ['refugee', 'woman-care'],
    });
  });

  it('keeps a combination that enough persons share', () => {
    const r = coarsenRare(base, [many({}, 10)], 11);
    expect(r).toEqual({ qi: base, steps: [], count: 11, safe: true });
  });

  it('coarsens nationality to its region first', () => {
    // Ten Iraqis of the same district, band and groups: a lone Syrian joins them as Western Asia.
    const r = coarsenRare(base, [many({ nationality: 'IQ' }, 10), many({ nationality: 'AF' }, 50)], 11);
    expect(r.steps).toEqual(['nationality-region']);
    expect(r.qi.nationality).toBe('145');
    expect(r.qi.district).toBe('Fatih');
    expect(r.count).toBe(11);
  });

  it('then the district to the province, then the age band, then the nationality to other', () => {
    const others = [many({ nationality: 'IQ', district: 'Şile' }, 10)];
    expect(coarsenRare(base, others, 11).steps).toEqual(['nationality-region', 'district']);
    expect(coarsenRare(base, others, 11).qi.district).toBe('—');
    const older = [many({ nationality: 'IQ', district: 'Şile', birthYear: 1985 }, 10)];
    const r = coarsenRare(base, older, 11);
    expect(r.steps).toEqual(['nationality-region', 'district', 'age-band-20']);
    expect(r.qi.birthYear).toBe(1980);
    const far = [many({ nationality: 'UA', district: 'Şile', birthYear: 1985 }, 10)];
    expect(coarsenRare(base, far, 11)).toMatchObject({
      steps: ['nationality-region', 'district', 'age-band-20', 'nationality-other'],
      qi: { nationality: 'ZZ', district: '—', birthYear: 1980 },
      safe: true,
    });
  });

  it('never changes the target groups: a rare group stays at the end of the ladder, not safe', () => {
    const r = coarsenRare({ ...base, groups: ['disability', 'roma'] }, [many({}, 1000)], 11);
    expect(r.safe).toBe(false);
    expect(r.count).toBe(1);
    expect(r.qi).toEqual({
      ...base,
      nationality: 'ZZ',
      district: '—',
      birthYear: 1980,
      groups: ['disability', 'roma'],
    });
  });

  it('counts records already coarsened with those that would look the same', () => {
    const r = coarsenRare(base, [many({ nationality: '145', district: '—' }, 10)], 11);
    expect(r.steps).toEqual(['nationality-region', 'district']);
    expect(r.count).toBe(11);
  });
});
