import { z } from 'zod';

/** Roles a person can hold in one community. */
export const roles = ['lead', 'mentor', 'member'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/**
 * `any`: allowed on every record; `own`: allowed only on records the person owns; `none`: refused.
 * Operations that act on the community itself (edit, invite, leave) use `any` or `none`.
 */
export type Grant = 'any' | 'own' | 'none';

/**
 * The one permission table. The UI greys out what a role may not do and the hub enforces exactly this;
 * the hub's authorisation-matrix test iterates over it, so a new row is checked as soon as it exists.
 */
export const permissionTable = {
  'community.edit': { lead: 'any', mentor: 'none', member: 'none' },
  'community.invite': { lead: 'any', mentor: 'none', member: 'none' },
  'member.changeRole': { lead: 'any', mentor: 'none', member: 'none' },
  'member.remove': { lead: 'any', mentor: 'none', member: 'none' },
  'community.leave': { lead: 'any', mentor: 'any', member: 'any' },
  'lesson.share': { lead: 'own', mentor: 'own', member: 'own' },
  'lesson.unshare': { lead: 'any', mentor: 'own', member: 'own' },
  'lesson.view': { lead: 'any', mentor: 'any', member: 'any' },
  // A lesson's talk analysis travels only by its teacher's choice: nobody else shares, changes or withdraws it.
  'talk.share': { lead: 'own', mentor: 'own', member: 'own' },
  // Where a lesson's faces were blurred is its teacher's to say: nobody else writes or withdraws it.
  'blur.share': { lead: 'own', mentor: 'own', member: 'own' },
  'note.add': { lead: 'any', mentor: 'any', member: 'any' },
  'note.edit': { lead: 'own', mentor: 'own', member: 'own' },
  'note.delete': { lead: 'any', mentor: 'own', member: 'own' },
  'media.upload': { lead: 'any', mentor: 'any', member: 'any' },
  'media.download': { lead: 'any', mentor: 'any', member: 'any' },
  // Reviews: a teacher asks about their own lesson; mentors and leads claim and submit, then amend only their own.
  'review.request': { lead: 'own', mentor: 'own', member: 'own' },
  'review.submit': { lead: 'any', mentor: 'any', member: 'none' },
  'review.amend': { lead: 'own', mentor: 'own', member: 'none' },
  'review.respond': { lead: 'own', mentor: 'own', member: 'own' },
  'rubric.edit': { lead: 'any', mentor: 'none', member: 'none' },
  'calibration.edit': { lead: 'any', mentor: 'none', member: 'none' },
  'calibration.score': { lead: 'any', mentor: 'any', member: 'none' },
  // Curation: leads build collections together; everyone in the community watches them.
  'collection.edit': { lead: 'any', mentor: 'none', member: 'none' },
  'collection.view': { lead: 'any', mentor: 'any', member: 'any' },
  // Recognition: leads define the community's achievements, which everyone sees.
  'achievement.edit': { lead: 'any', mentor: 'none', member: 'none' },
  'achievement.view': { lead: 'any', mentor: 'any', member: 'any' },
  // Leads award and revoke credentials signed by the community's key; a credential is
  // seen by leads and by its holder (`own`), nobody else unless the holder shares the file.
  'credential.award': { lead: 'any', mentor: 'none', member: 'none' },
  'credential.revoke': { lead: 'any', mentor: 'none', member: 'none' },
  'credential.view': { lead: 'any', mentor: 'own', member: 'own' },
  // Signed credentials are written by the hub alone, when it applies an award: nobody pushes one.
  'credential.issue': { lead: 'none', mentor: 'none', member: 'none' },
} as const satisfies Record<string, Record<Role, Grant>>;

export type Operation = keyof typeof permissionTable;
export const operations = Object.keys(permissionTable) as Operation[];

export function grantFor(role: Role, operation: Operation): Grant {
  return permissionTable[operation][role];
}

/** Whether `role` may perform `operation`; `isOwner` matters only where the grant is `own`. */
export function can(role: Role, operation: Operation, { isOwner = false }: { isOwner?: boolean } = {}): boolean {
  const grant = grantFor(role, operation);
  return grant === 'any' || (grant === 'own' && isOwner);
}
