import { z } from 'zod';

/**
 * Rules the studio can check from its own review-cycle records (core/credentials/rules.ts):
 * - `practice_cycles`: lessons that went round the whole loop: review asked, review received,
 *   a response written, at least one of its goals marked met;
 * - `reviews_given`: reviews submitted as a mentor in the community.
 */
export const achievementRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('practice_cycles'), count: z.int().min(1).max(100) }).strict(),
  z.object({ kind: z.literal('reviews_given'), count: z.int().min(1).max(1000) }).strict(),
]);
export type AchievementRule = z.infer<typeof achievementRuleSchema>;

/** A member who meets a rule, with what it rests on (lessons and reviews, by id and title). */
export const eligibleMemberSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  count: z.int(),
  evidence: z.array(z.object({ id: z.string(), kind: z.enum(['lesson', 'review', 'response', 'goal']), name: z.string() })),
});
export type EligibleMember = z.infer<typeof eligibleMemberSchema>;
