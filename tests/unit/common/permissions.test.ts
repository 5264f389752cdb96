import { describe, expect, it } from 'vitest';
import { can, grantFor, operations, permissionTable, roles, type Operation, type Role } from '../../../common/permissions';

describe('permission table', () => {
  it('gives every operation a grant for every role, and nothing else', () => {
    for (const operation of operations) {
      expect(Object.keys(permissionTable[operation]).sort()).toEqual([...roles].sort());
      for (const role of roles) expect(['any', 'own', 'none']).toContain(grantFor(role, operation));
    }
  });

  it('reads a grant through the way can() decides, owner or not', () => {
    for (const operation of operations) {
      for (const role of roles) {
        const grant = grantFor(role, operation);
        expect(can(role, operation, { isOwner: true })).toBe(grant !== 'none');
        expect(can(role, operation, { isOwner: false })).toBe(grant === 'any');
        // Omitting isOwner must never grant what an owner alone may do.
        expect(can(role, operation)).toBe(grant === 'any');
      }
    }
  });

  // The cells that carry the product's promises, written out so a change to one of them is a visible decision.
  const cells: [Operation, Role, 'any' | 'own' | 'none'][] = [
    // Only a lead runs the community and its members.
    ['community.edit', 'lead', 'any'],
    ['community.edit', 'mentor', 'none'],
    ['community.invite', 'mentor', 'none'],
    ['community.invite', 'member', 'none'],
    ['member.changeRole', 'lead', 'any'],
    ['member.remove', 'mentor', 'none'],
    ['community.leave', 'member', 'any'],
    // A lesson is shared only by its owner; a lead may take any lesson down, others only their own.
    ['lesson.share', 'lead', 'own'],
    ['lesson.share', 'member', 'own'],
    ['lesson.unshare', 'lead', 'any'],
    ['lesson.unshare', 'mentor', 'own'],
    ['lesson.view', 'member', 'any'],
    // A talk analysis travels only by its teacher's choice, even a lead cannot share or change another's.
    ['talk.share', 'lead', 'own'],
    ['talk.share', 'member', 'own'],
    // Where a lesson's faces were blurred is written by its teacher alone, not even by a lead or a mentor.
    ['blur.share', 'lead', 'own'],
    ['blur.share', 'mentor', 'own'],
    // Everyone adds notes; edits stay the author's, even for a lead; a lead moderates by deleting.
    ['note.add', 'member', 'any'],
    ['note.edit', 'lead', 'own'],
    ['note.delete', 'lead', 'any'],
    ['note.delete', 'member', 'own'],
    // Every role uploads and downloads media.
    ['media.upload', 'member', 'any'],
    ['media.download', 'member', 'any'],
    // Reviews come from mentors and leads, never members.
    ['review.request', 'member', 'own'],
    ['review.submit', 'mentor', 'any'],
    ['review.submit', 'member', 'none'],
    ['review.amend', 'mentor', 'own'],
    ['review.amend', 'member', 'none'],
    ['review.respond', 'member', 'own'],
    ['rubric.edit', 'mentor', 'none'],
    ['calibration.edit', 'mentor', 'none'],
    ['calibration.score', 'member', 'none'],
    ['collection.edit', 'lead', 'any'],
    ['collection.edit', 'mentor', 'none'],
    ['collection.view', 'member', 'any'],
    // Recognition: only leads define achievements, everyone sees them; only leads award and revoke; a
    // holder sees their own credentials, leads see all; nobody but the hub writes a signed credential.
    ['achievement.edit', 'lead', 'any'],
    ['achievement.edit', 'mentor', 'none'],
    ['achievement.edit', 'member', 'none'],
    ['achievement.view', 'member', 'any'],
    ['credential.issue', 'lead', 'none'],
    ['credential.issue', 'member', 'none'],
    ['credential.award', 'lead', 'any'],
    ['credential.award', 'mentor', 'none'],
    ['credential.revoke', 'member', 'none'],
    ['credential.view', 'lead', 'any'],
    ['credential.view', 'mentor', 'own'],
    ['credential.view', 'member', 'own'],
  ];

  it('has an explicit cell above for every operation, so a new operation needs a written decision here', () => {
    expect([...new Set(cells.map(([operation]) => operation))].sort()).toEqual([...operations].sort());
  });

  it.each(cells)('%s for a %s is %s', (operation, role, grant) => {
    expect(grantFor(role, operation)).toBe(grant);
  });

  it('lets a member share and unshare their own lesson but not someone else’s', () => {
    expect(can('member', 'lesson.share', { isOwner: true })).toBe(true);
    expect(can('member', 'lesson.share', { isOwner: false })).toBe(false);
    expect(can('member', 'lesson.unshare', { isOwner: false })).toBe(false);
    expect(can('lead', 'lesson.unshare', { isOwner: false })).toBe(true);
  });

  it('never lets a lead edit another person’s note, only delete it', () => {
    expect(can('lead', 'note.edit', { isOwner: false })).toBe(false);
    expect(can('lead', 'note.delete', { isOwner: false })).toBe(true);
  });

  it('gives a member no way to submit or amend a review, even on their own lesson', () => {
    expect(can('member', 'review.submit', { isOwner: true })).toBe(false);
    expect(can('member', 'review.amend', { isOwner: true })).toBe(false);
  });

  it('gives mentors and members nothing that only a lead may do', () => {
    const leadOnly = operations.filter((op) => roles.every((role) => (role === 'lead') === (grantFor(role, op) !== 'none')));
    expect(leadOnly.sort()).toEqual(
      [
        'achievement.edit',
        'calibration.edit',
        'collection.edit',
        'community.edit',
        'credential.award',
        'credential.revoke',
        'community.invite',
        'member.changeRole',
        'member.remove',
        'rubric.edit',
      ].sort(),
    );
  });
});
