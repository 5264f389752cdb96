import type { TFunction } from 'i18next';
import type { CollectionItem } from '../../../common/schemas/collection';
import { formatTimecode } from '../lib/format';

/** First-strong isolation, so a Latin title in an Arabic sentence (or the reverse) keeps its own order. */
const isolate = (text: string) => `\u2068${text}\u2069`;

/** How an item is named on screen: a whole lesson by its title, a clip by its name and range. */
export function itemLabel(t: TFunction, item: CollectionItem, language: string): string {
  const lesson = item.lessonTitle || t('collections.unknownLesson');
  if (item.startMs === null || item.endMs === null) return lesson;
  return t('collections.clipLabel', {
    title: isolate(item.title || lesson),
    start: isolate(formatTimecode(item.startMs, language)),
    end: isolate(formatTimecode(item.endMs, language)),
  });
}
