import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../../common/sync/hlc';
import { decide, type RecordState } from '../../../../common/sync/lww';

const start = Date.UTC(2026, 2, 1, 9, 0, 0);
const at = (offsetMs: number, nodeId = 'dev-a', counter = 0) => encodeHlc({ wallMs: start + offsetMs, counter, nodeId });
const upsert = (hlc: string, fields: Record<string, string | number | null>) => ({ action: 'upsert' as const, fields, hlc });
const remove = (hlc: string) => ({ action: 'delete' as const, fields: {}, hlc });
const live = (createdHlc: string, fieldHlcs: Record<string, string>): RecordState => ({ status: 'live', createdHlc, fieldHlcs });
const tombstone = (deletedHlc: string): RecordState => ({ status: 'deleted', deletedHlc });

describe('last-writer-wins decide', () => {
  it('creates an unknown record with every field the op carries', () => {
    const fields = { title: 'Fractions', startMs: 1200 };
    expect(decide(upsert(at(0), fields), null)).toEqual({ kind: 'create', fields });
  });

  it('keeps, field by field, only the values stamped later than the stored ones', () => {
    const state = live(at(0), { title: at(10), body: at(30) });
    const decision = decide(upsert(at(20), { title: 'new title', body: 'stale body' }), state);
    expect(decision).toEqual({ kind: 'update', fields: { title: 'new title' } });
  });

  it('sets a field the record has never had, whatever the stamp', () => {
    const state = live(at(50), { title: at(50) });
    expect(decide(upsert(at(60), { colour: 'green' }), state)).toEqual({ kind: 'update', fields: { colour: 'green' } });
    expect(decide(upsert(at(1), { colour: 'green' }), state)).toEqual({ kind: 'update', fields: { colour: 'green' } });
  });

  it('changes nothing when every field lost', () => {
    const state = live(at(0), { title: at(30), body: at(30) });
    expect(decide(upsert(at(20), { title: 'old', body: 'old' }), state)).toEqual({ kind: 'noop' });
  });

  it('keeps the stored value when an op carries the very same stamp, so replays are harmless', () => {
    const state = live(at(0), { title: at(10) });
    expect(decide(upsert(at(10), { title: 'replayed' }), state)).toEqual({ kind: 'noop' });
  });

  it('breaks a tie on wall time and counter by node id, the same way whichever arrives first', () => {
    const fromA = upsert(at(10, 'dev-a'), { title: 'from A' });
    const fromB = upsert(at(10, 'dev-b'), { title: 'from B' });
    // Whichever order the two ops arrive in, dev-b's value ends up stored.
    expect(decide(fromB, live(at(0), { title: fromA.hlc }))).toEqual({ kind: 'update', fields: { title: 'from B' } });
    expect(decide(fromA, live(at(0), { title: fromB.hlc }))).toEqual({ kind: 'noop' });
  });

  it('orders by the counter within one millisecond', () => {
    const state = live(at(0), { title: at(10, 'dev-z', 1) });
    expect(decide(upsert(at(10, 'dev-a', 2), { title: 'later' }), state)).toEqual({ kind: 'update', fields: { title: 'later' } });
  });

  it('deletes a live record even when its fields carry newer stamps, so a late edit cannot undo an unshare', () => {
    const state = live(at(0), { title: at(100) });
    expect(decide(remove(at(50)), state)).toEqual({ kind: 'delete' });
  });

  it('ignores a delete no later than the creation of the current incarnation', () => {
    const state = live(at(40), { title: at(40) });
    expect(decide(remove(at(30)), state)).toEqual({ kind: 'noop' });
    expect(decide(remove(at(40)), state)).toEqual({ kind: 'noop' });
  });

  it('treats deleting an unknown or already deleted record as a no-op', () => {
    expect(decide(remove(at(10)), null)).toEqual({ kind: 'noop' });
    expect(decide(remove(at(90)), tombstone(at(20)))).toEqual({ kind: 'noop' });
  });

  it('lets a tombstone win over upserts stamped no later than it', () => {
    expect(decide(upsert(at(10), { title: 'late edit' }), tombstone(at(20)))).toEqual({ kind: 'noop' });
    expect(decide(upsert(at(20), { title: 'same stamp' }), tombstone(at(20)))).toEqual({ kind: 'noop' });
  });

  it('recreates a record after its tombstone from a newer upsert, with every field the op carries', () => {
    const fields = { title: 'back again', body: 'b' };
    expect(decide(upsert(at(30), fields), tombstone(at(20)))).toEqual({ kind: 'create', fields });
  });

  it('reaches the same state whichever order two devices apply the same ops in', () => {
    // A tiny receiver: values plus their stamps, folded with decide as hub/sync/apply.ts and core/sync/apply.ts do.
    type Op = ReturnType<typeof upsert>;
    type Stored = { state: RecordState | null; values: Record<string, unknown> };
    const stamped = (fields: object, hlc: string) => Object.fromEntries(Object.keys(fields).map((field) => [field, hlc]));
    const apply = (stored: Stored, op: Op): Stored => {
      const decision = decide(op, stored.state);
      if (decision.kind === 'create') return { state: live(op.hlc, stamped(decision.fields, op.hlc)), values: decision.fields };
      if (decision.kind !== 'update' || stored.state?.status !== 'live') return stored;
      const fieldHlcs = { ...stored.state.fieldHlcs, ...stamped(decision.fields, op.hlc) };
      return { state: live(stored.state.createdHlc, fieldHlcs), values: { ...stored.values, ...decision.fields } };
    };
    const ops: Op[] = [
      upsert(at(0, 'dev-a'), { title: 'first', body: 'x' }),
      upsert(at(5, 'dev-b'), { title: 'b edits title' }),
      upsert(at(5, 'dev-a'), { body: 'a edits body', title: 'a loses the tie' }),
      upsert(at(3, 'dev-c'), { colour: 'red' }),
    ];
    const permutations = (list: Op[]): Op[][] =>
      list.length <= 1
        ? [list]
        : list.flatMap((op, i) => permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [op, ...rest]));
    const orders = permutations(ops);
    expect(orders).toHaveLength(24);
    for (const order of orders) {
      const { values } = order.reduce(apply, { state: null, values: {} });
      expect(values).toEqual({ title: 'b edits title', body: 'a edits body', colour: 'red' });
    }
  });
});
