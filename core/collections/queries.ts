import type { Licence } from '../../common/licence';
import type { CollectionDescription } from '../../common/schemas/collection';
import type { Db } from '../db/open';

/** A collection as stored; what a person sees (state of items, rights) is worked out in collections.ts. */
export interface CollectionRow {
  id: string;
  title: string;
  language: string;
  descriptions: CollectionDescription[];
  tags: string[];
  licence: string;
  coverLessonId: string | null;
  coverMs: number | null;
  origin: 'local' | 'hub' | 'archive';
  communityId: string | null;
  ownerId: string | null;
  archiveId: string | null;
  publishedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface ItemRow {
  id: string;
  collectionId: string;
  lessonId: string;
  startMs: number | null;
  endMs: number | null;
  title: string;
  note: string;
  position: string;
  createdAt: number;
  updatedAt: number;
}

/** What a collection says about itself, as its screens and a package carry it. */
export function collectionBasics(c: CollectionRow) {
  return { id: c.id, title: c.title, language: c.language, descriptions: c.descriptions, tags: c.tags, licence: c.licence as Licence };
}

/** An item's own content, as sync and a package carry it: the lesson, the moment, title, note and place. */
export function itemContent(i: ItemRow) {
  return { lessonId: i.lessonId, startMs: i.startMs, endMs: i.endMs, title: i.title, note: i.note, position: i.position };
}

interface RawCollection {
  id: string;
  title: string;
  language: string;
  descriptions: string;
  tags: string;
  licence: string;
  cover_lesson_id: string | null;
  cover_ms: number | null;
  origin: CollectionRow['origin'];
  community_id: string | null;
  owner_id: string | null;
  archive_id: string | null;
  published_at: number | null;
  created_at: number;
  updated_at: number;
}

interface RawItem {
  id: string;
  collection_id: string;
  lesson_id: string;
  start_ms: number | null;
  end_ms: number | null;
  title: string;
  note: string;
  position: string;
  created_at: number;
  updated_at: number;
}

function fromRaw(r: RawCollection): CollectionRow {
  return {
    id: r.id,
    title: r.title,
    language: r.language,
    descriptions: JSON.parse(r.descriptions) as CollectionDescription[],
    tags: JSON.parse(r.tags) as string[],
    licence: r.licence,
    coverLessonId: r.cover_lesson_id,
    coverMs: r.cover_ms,
    origin: r.origin,
    communityId: r.community_id,
    ownerId: r.owner_id,
    archiveId: r.archive_id,
    publishedAt: r.published_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function itemFromRaw(r: RawItem): ItemRow {
  return {
    id: r.id,
    collectionId: r.collection_id,
    lessonId: r.lesson_id,
    startMs: r.start_ms,
    endMs: r.end_ms,
    title: r.title,
    note: r.note,
    position: r.position,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function getCollectionRow(db: Db, id: string): CollectionRow | undefined {
  const row = db.prepare('SELECT * FROM collections WHERE id = ?').get(id) as RawCollection | undefined;
  return row && fromRaw(row);
}

export function listCollectionRows(db: Db): CollectionRow[] {
  return (db.prepare('SELECT * FROM collections ORDER BY updated_at DESC, id').all() as RawCollection[]).map(fromRaw);
}

export function saveCollectionRow(db: Db, c: CollectionRow): void {
  db.prepare(
    `INSERT INTO collections (id, title, language, descriptions, tags, licence, cover_lesson_id, cover_ms, origin, community_id, owner_id,
       archive_id, published_at, created_at, updated_at)
     VALUES (@id, @title, @language, @descriptions, @tags, @licence, @coverLessonId, @coverMs, @origin, @communityId, @ownerId,
       @archiveId, @publishedAt, @createdAt, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET title = excluded.title, language = excluded.language, descriptions = excluded.descriptions,
       tags = excluded.tags, licence = excluded.licence, cover_lesson_id = excluded.cover_lesson_id, cover_ms = excluded.cover_ms,
       origin = excluded.origin, community_id = excluded.community_id, owner_id = excluded.owner_id, archive_id = excluded.archive_id,
       published_at = excluded.published_at, updated_at = excluded.updated_at`,
  ).run({ ...c, descriptions: JSON.stringify(c.descriptions), tags: JSON.stringify(c.tags) });
}

export function deleteCollectionRow(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM collections WHERE id = ?').run(id).changes > 0;
}

export function touchCollection(db: Db, id: string, now: number): void {
  db.prepare('UPDATE collections SET updated_at = ? WHERE id = ?').run(now, id);
}

/** Items in play order. */
export function itemRows(db: Db, collectionId: string): ItemRow[] {
  return (db.prepare('SELECT * FROM collection_items WHERE collection_id = ? ORDER BY position, id').all(collectionId) as RawItem[]).map(
    itemFromRaw,
  );
}

export function getItemRow(db: Db, id: string): ItemRow | undefined {
  const row = db.prepare('SELECT * FROM collection_items WHERE id = ?').get(id) as RawItem | undefined;
  return row && itemFromRaw(row);
}

export function saveItemRow(db: Db, i: ItemRow): void {
  db.prepare(
    `INSERT INTO collection_items (id, collection_id, lesson_id, start_ms, end_ms, title, note, position, created_at, updated_at)
     VALUES (@id, @collectionId, @lessonId, @startMs, @endMs, @title, @note, @position, @createdAt, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET start_ms = excluded.start_ms, end_ms = excluded.end_ms, title = excluded.title,
       note = excluded.note, position = excluded.position, updated_at = excluded.updated_at`,
  ).run(i);
}

export function deleteItemRow(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM collection_items WHERE id = ?').run(id).changes > 0;
}

export function itemCount(db: Db, collectionId: string): number {
  return (db.prepare('SELECT count(*) AS n FROM collection_items WHERE collection_id = ?').get(collectionId) as { n: number }).n;
}

/** Whether a lesson is shared into a community, as far as this device knows. */
export function isSharedIn(db: Db, lessonId: string, communityId: string): boolean {
  return db.prepare('SELECT 1 FROM lesson_shares WHERE lesson_id = ? AND community_id = ?').get(lessonId, communityId) !== undefined;
}

/** The community's name as this device knows it, else as the package it arrived in named it. */
export function communityName(db: Db, communityId: string, archiveId: string | null): string | null {
  const row = db.prepare('SELECT name FROM communities WHERE id = ?').get(communityId) as { name: string } | undefined;
  if (row) return row.name;
  const archive = archiveId
    ? (db.prepare('SELECT community_name FROM archives WHERE id = ?').get(archiveId) as { community_name: string | null } | undefined)
    : undefined;
  return archive?.community_name ?? null;
}
