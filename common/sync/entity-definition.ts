import type { z } from 'zod';
import type { Operation } from '../permissions';

export interface EntityDefinition<Shape extends z.ZodRawShape = z.ZodRawShape> {
  /** Every field with its schema, as required when the record is created; updates may send any subset. */
  fields: z.ZodObject<Shape, z.core.$strict>;
  /** Fields that may not change once set (changing them would move the record to another parent). */
  immutable: readonly (keyof Shape & string)[];
  /** A field that must equal the op's author on creation. The hub records the creator as owner anyway. */
  ownerField?: keyof Shape & string;
  /** The record this one belongs to: it must exist in the same community, and its deletion cascades. */
  parent?: { entity: string; field: keyof Shape & string };
  /**
   * A field holding a time (epoch ms, or null for never) after which the hub deletes the record by
   * itself: how long a lesson stays shared is part of the consent given when sharing it.
   */
  expiresField?: keyof Shape & string;
  /** Fields holding sha256 of media blobs; deleting the record releases those blobs in its community. */
  blobFields: readonly (keyof Shape & string)[];
  permissions: { create: Operation; update: Operation; delete: Operation; view: Operation };
}

export function defineEntity<Shape extends z.ZodRawShape>(definition: EntityDefinition<Shape>): EntityDefinition<Shape> {
  return definition;
}
