import { describe, expect, it } from 'vitest';
import { exportConcerns, licenceCodes, licenceTerms, licenceUrl } from '../../../common/licence';
import { licences } from '../../../common/sync/entities';

describe('licence mapping', () => {
  it('has terms, a short code for every licence', () => {
    for (const l of licences) {
      expect(licenceTerms[l]).toBeDefined();
      expect(licenceCodes[l]).toBeTruthy();
    }
  });

  it('all rights reserved is for the community only: an export of someone else’s lesson is a concern', () => {
    expect(exportConcerns('all_rights_reserved', { mine: false, clip: false })).toEqual(['community_only']);
    expect(exportConcerns('all_rights_reserved', { mine: false, clip: true })).toEqual(['community_only', 'no_derivatives']);
  });

  it('CC BY-NC, CC BY and CC BY-SA allow copies and clips', () => {
    for (const l of ['cc_by', 'cc_by_sa', 'cc_by_nc'] as const) {
      expect(exportConcerns(l, { mine: false, clip: false })).toEqual([]);
      expect(exportConcerns(l, { mine: false, clip: true })).toEqual([]);
    }
    expect(licenceTerms.cc_by_nc.commercial).toBe(false);
  });

  it('no-derivatives licences allow whole lessons but not clips', () => {
    for (const l of ['cc_by_nd', 'cc_by_nc_nd'] as const) {
      expect(exportConcerns(l, { mine: false, clip: false })).toEqual([]);
      expect(exportConcerns(l, { mine: false, clip: true })).toEqual(['no_derivatives']);
    }
  });

  it('a person’s own lessons are theirs to copy', () => {
    for (const l of licences) expect(exportConcerns(l, { mine: true, clip: true })).toEqual([]);
  });

  it('links the Creative Commons deed', () => {
    expect(licenceUrl('cc_by_nc')).toBe('https://creativecommons.org/licenses/by-nc/4.0/');
    expect(licenceUrl('cc_by_nc_nd')).toBe('https://creativecommons.org/licenses/by-nc-nd/4.0/');
    expect(licenceUrl('all_rights_reserved')).toBeNull();
  });
});
