import type { Migration } from '../migration';
import { initial } from './0001-initial';
import { annotation } from './0002-annotation';
import { sync } from './0003-sync';
import { collections } from './0004-collections';
import { review } from './0005-review';
import { assetChecksums } from './0006-asset-checksums';
import { searchFolding } from './0007-search-folding';
import { lessonOrigin } from './0008-lesson-origin';
import { talk } from './0009-talk';
import { lessonCredits } from './0010-lesson-credits';
import { clipSearch } from './0011-clip-search';
import { faceBlur } from './0012-face-blur';
import { talkAdults } from './0013-talk-adults';

/** In order; a new migration is a new file appended here, never an edit of a shipped one. */
export const migrations: Migration[] = [
  initial,
  annotation,
  sync,
  collections,
  review,
  assetChecksums,
  searchFolding,
  lessonOrigin,
  talk,
  lessonCredits,
  clipSearch,
  faceBlur,
  talkAdults,
];
