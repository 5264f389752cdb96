import { licences } from './sync/entities';

export type Licence = (typeof licences)[number];

/**
 * What each licence lets the people a lesson reaches do with it. "All rights reserved" is the licence
 * a teacher gives when she shares a lesson for her community only: members may watch it in the
 * studio, nobody may pass it on. The Creative Commons licences let anyone redistribute it with credit;
 * the "no derivatives" ones forbid passing on a changed version, and a clip cut from a lesson is one.
 */
export interface LicenceTerms {
  /** Copies may go beyond the community: an offline folder, a package handed to anyone. */
  redistribute: boolean;
  /** A changed version (a clip, a cut) may be passed on. */
  derivatives: boolean;
  /** Use for money is allowed. */
  commercial: boolean;
  /** Copies must name the author. */
  attribution: boolean;
}

export const licenceTerms: Record<Licence, LicenceTerms> = {
  all_rights_reserved: { redistribute: false, derivatives: false, commercial: false, attribution: true },
  cc_by: { redistribute: true, derivatives: true, commercial: true, attribution: true },
  cc_by_sa: { redistribute: true, derivatives: true, commercial: true, attribution: true },
  cc_by_nc: { redistribute: true, derivatives: true, commercial: false, attribution: true },
  cc_by_nd: { redistribute: true, derivatives: false, commercial: true, attribution: true },
  cc_by_nc_nd: { redistribute: true, derivatives: false, commercial: false, attribution: true },
};

/** Why an export of someone's lesson goes against its licence; each has a message (`packages.licenceWarning.<reason>`). */
export const exportConcernReasons = ['community_only', 'no_derivatives'] as const;
export type ExportConcernReason = (typeof exportConcernReasons)[number];

/**
 * What an export (a package or an offline web folder: both are copies that leave the community's
 * hub) of someone else's lesson would break. A person's own lessons are theirs to copy: the licence
 * is what she gave others. A clip is a derivative of its lesson.
 */
export function exportConcerns(licence: Licence, o: { mine: boolean; clip: boolean }): ExportConcernReason[] {
  if (o.mine) return [];
  const terms = licenceTerms[licence];
  const reasons: ExportConcernReason[] = [];
  if (!terms.redistribute) reasons.push('community_only');
  if (o.clip && !terms.derivatives) reasons.push('no_derivatives');
  return reasons;
}

/** Short, language-neutral names of the licences, as the Creative Commons deeds write them. */
export const licenceCodes: Record<Licence, string> = {
  all_rights_reserved: '©',
  cc_by: 'CC BY 4.0',
  cc_by_sa: 'CC BY-SA 4.0',
  cc_by_nc: 'CC BY-NC 4.0',
  cc_by_nd: 'CC BY-ND 4.0',
  cc_by_nc_nd: 'CC BY-NC-ND 4.0',
};

/** The licence's deed, for a link where one is shown (none for all rights reserved). */
export function licenceUrl(licence: Licence): string | null {
  if (licence === 'all_rights_reserved') return null;
  const path = licence.slice(3).replace(/_/g, '-');
  return `https://creativecommons.org/licenses/${path}/4.0/`;
}
