import { create } from 'zustand';
import type { CaptionTrack } from '../../../common/schemas/caption';
import { call } from '../bridge/studio';

export interface LoadedTrack extends CaptionTrack {
  /** A blob: URL of the WebVTT text, for the player's <track>. */
  url: string;
}

interface CaptionsState {
  lessonId: string | null;
  tracks: LoadedTrack[];
  load(lessonId: string): Promise<void>;
  importFile(file: File): Promise<CaptionTrack>;
  remove(id: string): Promise<void>;
}

async function withUrl(track: CaptionTrack): Promise<LoadedTrack> {
  const { vtt } = await call('captions.text', { id: track.id });
  return { ...track, url: URL.createObjectURL(new Blob([vtt], { type: 'text/vtt' })) };
}

export const useCaptions = create<CaptionsState>((set, get) => ({
  lessonId: null,
  tracks: [],
  async load(lessonId) {
    for (const t of get().tracks) URL.revokeObjectURL(t.url);
    set({ lessonId, tracks: [] });
    const tracks = await Promise.all((await call('captions.list', { lessonId })).map(withUrl));
    if (get().lessonId === lessonId) set({ tracks });
  },
  async importFile(file) {
    const track = await call('captions.import', { lessonId: get().lessonId!, name: file.name, text: await file.text() });
    set({ tracks: [...get().tracks, await withUrl(track)] });
    return track;
  },
  async remove(id) {
    await call('captions.delete', { id });
    const gone = get().tracks.find((t) => t.id === id);
    if (gone) URL.revokeObjectURL(gone.url);
    set({ tracks: get().tracks.filter((t) => t.id !== id) });
  },
}));
