import type { LessonShareInfo } from '../../common/schemas/sharing';

/**
 * A SQL column (for a query over `lessons l`) holding where each lesson is shared, as JSON, so the
 * library lists owner, community and download state without a query per lesson.
 */
export const shareInfoColumn = `(
  SELECT json_object(
    'communityId', s.community_id,
    'communityName', coalesce(c.name, ''),
    'origin', s.origin,
    'ownerId', s.owner_id,
    'ownerName', coalesce(m.display_name, ''),
    'country', coalesce(json_extract(r.fields, '$.country'), m.country),
    'mine', s.owner_id = (SELECT json_extract(value, '$.userId') FROM sync_meta WHERE key = 'account'),
    'sharedAt', s.shared_at,
    'download', (SELECT t.state FROM transfers t WHERE t.lesson_id = s.lesson_id AND t.direction = 'download' AND t.role = 'media'))
  FROM lesson_shares s
  LEFT JOIN communities c ON c.id = s.community_id
  LEFT JOIN community_members m ON m.community_id = s.community_id AND m.user_id = s.owner_id
  LEFT JOIN sync_records r ON r.entity = 'lesson' AND r.record_id = s.lesson_id
  WHERE s.lesson_id = l.id)`;

export function parseShareInfo(json: string | null): LessonShareInfo | null {
  if (!json) return null;
  const raw = JSON.parse(json) as Omit<LessonShareInfo, 'mine'> & { mine: number | null };
  return { ...raw, mine: raw.mine === 1 };
}
