import path from 'node:path';

/** The layout of a data folder: the database with media beside it (DESIGN.md section 4). */
export function dataPaths(dataDir: string) {
  return {
    root: dataDir,
    db: path.join(dataDir, 'studio.db'),
    media: path.join(dataDir, 'media'),
    lessonDir: (lessonId: string) => path.join(dataDir, 'media', lessonId),
    recordings: path.join(dataDir, 'recordings'),
    staging: path.join(dataDir, 'staging'),
    stagedFile: (stagedId: string) => path.join(dataDir, 'staging', stagedId),
  };
}
export type DataPaths = ReturnType<typeof dataPaths>;
