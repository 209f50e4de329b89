import { describe, expect, it } from 'vitest';
import { disabilityQuota, naceDivision, naceSection, suggestHazardClass } from './nace.ts';

describe('NACE', () => {
  it('reads codes and suggests hazard classes by division', () => {
    expect(naceDivision('56.10')).toBe(56);
    expect(naceDivision('4120')).toBe(41);
    expect(naceDivision('04')).toBeNull();
    expect(naceSection('01.13')).toBe('A');
    expect(suggestHazardClass('41.20')).toBe('very-hazardous');
    expect(suggestHazardClass('01.13')).toBe('hazardous');
    expect(suggestHazardClass('56.10')).toBe('low');
    expect(suggestHazardClass('xx')).toBeNull();
  });

  it('computes the disability quota', () => {
    expect(disabilityQuota(49, false)).toBe(0);
    expect(disabilityQuota(50, false)).toBe(1);
    expect(disabilityQuota(120, false)).toBe(3);
    expect(disabilityQuota(100, true)).toBe(4);
  });
});
