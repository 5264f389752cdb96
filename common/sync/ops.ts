import { z } from 'zod';
import { errorCodes, StudioError, type ErrorCode, type ErrorParams } from '../errors';
import { entityDefinition, entityNames, type EntityName } from './entities';
import { recordIdSchema } from './fields';
import { hlcSchema } from './hlc';

/**
 * One change to one synced record. An upsert carries only the fields it changes; each field is merged
 * last-writer-wins by `hlc`. A delete carries no fields and leaves a tombstone.
 */
export const opSchema = z
  .object({
    opId: z.uuidv7(),
    communityId: z.uuid(),
    entity: z.enum(entityNames),
    id: recordIdSchema,
    action: z.enum(['upsert', 'delete']),
    fields: z.record(z.string(), z.json()),
    hlc: hlcSchema,
    authorId: z.uuid(),
  })
  .strict();
export type Op = z.infer<typeof opSchema>;

export const sequencedOpSchema = opSchema.extend({ seq: z.int().positive() });
export type SequencedOp = z.infer<typeof sequencedOpSchema>;

/**
 * Checks the envelope and, for upserts, that every field exists for the entity and has a valid value.
 * Whether required fields are present depends on whether the record exists, which only the receiver
 * knows: see `checkCreateFields`.
 */
export function parseOp(raw: unknown): Op {
  const op = opSchema.parse(raw);
  if (op.action === 'delete') {
    if (Object.keys(op.fields).length > 0) throw new StudioError('invalid_input', { path: 'fields', issue: 'delete carries no fields' });
    return op;
  }
  if (Object.keys(op.fields).length === 0) throw new StudioError('invalid_input', { path: 'fields', issue: 'upsert carries no fields' });
  const checked = updateSchema(op.entity).safeParse(op.fields);
  if (!checked.success) throw fieldError(checked.error);
  return op;
}

/** Built once per entity: deriving a zod schema costs far more than using it. */
const updateSchemas = new Map<EntityName, z.ZodType>();
function updateSchema(entity: EntityName): z.ZodType {
  let schema = updateSchemas.get(entity);
  if (!schema) {
    schema = entityDefinition(entity).fields.partial();
    updateSchemas.set(entity, schema);
  }
  return schema;
}

/** Checks that an upsert creating a record carries every required field. */
export function checkCreateFields(op: Op): void {
  const checked = entityDefinition(op.entity).fields.safeParse(op.fields);
  if (!checked.success) throw fieldError(checked.error);
}

function fieldError(error: z.ZodError): StudioError {
  const issue = error.issues[0];
  // A field's schema may name the precise code as its message (an achievement's image or rule).
  const named = errorCodes.find((c) => c === issue?.message);
  return new StudioError(named ?? 'invalid_input', { path: ['fields', ...(issue?.path ?? [])].join('.'), issue: issue?.message ?? '' });
}

/** The most ops one push may carry, and the most bytes of JSON; clients split larger outboxes. */
export const PUSH_MAX_OPS = 500;
export const PUSH_MAX_BYTES = 8 * 1024 * 1024;
export const PULL_DEFAULT_LIMIT = 500;
export const PULL_MAX_LIMIT = 1000;

/** Ops are parsed one by one by the hub, so one malformed op is rejected alone. */
export const pushRequestSchema = z.object({ ops: z.array(z.unknown()).min(1).max(PUSH_MAX_OPS) }).strict();
export type PushRequest = { ops: Op[] };

/**
 * `applied`: accepted. It carries a `seq` when it changed something; an op that lost every field to
 *   newer values (or targets a tombstone or an unknown record's delete) is accepted without one.
 * `duplicate`: this opId was applied before; `seq` is the one it got then.
 * `rejected`: refused with a reason; the client should drop it and tell the user, not retry.
 */
export const pushResultSchema = z.object({
  opId: z.string().nullable(),
  status: z.enum(['applied', 'duplicate', 'rejected']),
  seq: z.int().positive().optional(),
  reason: z.enum(errorCodes).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type PushResult = z.infer<typeof pushResultSchema>;

/** `results[i]` answers `ops[i]`. `hubTime` lets a client notice its own clock is wrong. */
export const pushResponseSchema = z.object({ results: z.array(pushResultSchema), hubTime: z.number() });
export type PushResponse = z.infer<typeof pushResponseSchema>;

export function rejection(opId: string | null, reason: ErrorCode, params: ErrorParams = {}): PushResult {
  return { opId, status: 'rejected', reason, params };
}

/**
 * A cursor is `<hub epoch>.<seq>`. The epoch is fixed when a hub's database is created, so a cursor
 * kept from a wiped or different hub is recognised and answered with `resync_required` (HTTP 410).
 */
export const cursorSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}\.\d{1,15}$/, 'not a sync cursor');

export function encodeCursor(epoch: string, seq: number): string {
  return `${epoch}.${seq}`;
}

export function decodeCursor(cursor: string): { epoch: string; seq: number } {
  const dot = cursor.lastIndexOf('.');
  return { epoch: cursor.slice(0, dot), seq: Number(cursor.slice(dot + 1)) };
}

/** Without `after` the pull starts from the beginning: that is also how a client resyncs. */
export const pullQuerySchema = z
  .object({
    community: z.uuid(),
    after: cursorSchema.optional(),
    limit: z.coerce.number().int().min(1).max(PULL_MAX_LIMIT).default(PULL_DEFAULT_LIMIT),
  })
  .strict();
export type PullQuery = z.input<typeof pullQuerySchema>;

export const pullResponseSchema = z.object({
  ops: z.array(sequencedOpSchema),
  cursor: cursorSchema,
  hasMore: z.boolean(),
  hubTime: z.number(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
