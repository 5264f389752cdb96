import type { Note } from '../../../common/schemas/note';
import { can } from '../../../common/permissions';
import { useCommunities } from '../store/communities';
import { useLesson } from '../store/lesson';
import { useSync } from '../store/sync';

/**
 * What the person may do to a note, by the permission table: their own notes are theirs to edit and
 * delete; someone else's (from a community) only a lead may delete, and nobody else may edit.
 */
export function useNoteRights(): (note: Note) => { mine: boolean; edit: boolean; remove: boolean } {
  const myId = useSync((s) => s.hub?.account?.userId ?? null);
  const shared = useLesson((s) => s.lesson?.shared ?? null);
  const role = useCommunities((s) => s.communities.find((c) => c.id === shared?.communityId)?.myRole);
  return (note) => {
    const mine = note.authorId === null || note.authorId === myId;
    return { mine, edit: mine, remove: mine || (role !== undefined && can(role, 'note.delete')) };
  };
}
