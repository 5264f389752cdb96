import { create } from 'zustand';
import type { CallInput } from '../../../common/contract';
import type { Code, CodingScheme } from '../../../common/schemas/coding';
import { call } from '../bridge/studio';

interface CodingState {
  lessonId: string | null;
  /** Whether the schemes of `lessonId` have arrived. */
  loaded: boolean;
  schemes: CodingScheme[];
  activeSchemeId: string | null;
  load(lessonId: string): Promise<void>;
  choose(schemeId: string): Promise<void>;
  save(scheme: CallInput<'coding.save'>): Promise<CodingScheme>;
  remove(id: string): Promise<void>;
}

export const useCoding = create<CodingState>((set, get) => ({
  lessonId: null,
  loaded: false,
  schemes: [],
  activeSchemeId: null,
  async load(lessonId) {
    if (get().lessonId !== lessonId) set({ lessonId, loaded: false });
    const { schemes, activeSchemeId } = await call('coding.list', { lessonId });
    if (get().lessonId === lessonId) set({ schemes, activeSchemeId, loaded: true });
  },
  async choose(schemeId) {
    const lessonId = get().lessonId!;
    await call('coding.choose', { lessonId, schemeId });
    set({ activeSchemeId: schemeId });
  },
  async save(scheme) {
    const saved = await call('coding.save', scheme);
    await get().load(get().lessonId!);
    return saved;
  },
  async remove(id) {
    await call('coding.delete', { id });
    await get().load(get().lessonId!);
  },
}));

export function activeScheme(s: Pick<CodingState, 'schemes' | 'activeSchemeId'>): CodingScheme | undefined {
  return s.schemes.find((x) => x.id === s.activeSchemeId);
}

/** Every code of every scheme by id: a note keeps its code even when another scheme is active. */
export function codesById(schemes: CodingScheme[]): Map<string, Code> {
  return new Map(schemes.flatMap((s) => s.codes.map((c) => [c.id, c] as const)));
}

/** A code's or scheme's name in the UI's language when the app ships one, else its own. */
export function localName(item: { name: string; labels?: Record<string, string> | undefined }, language: string): string {
  return item.labels?.[language] ?? item.name;
}
