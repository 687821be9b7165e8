import { applyFieldPatch, sameValue } from './field-conflicts';

interface Goal {
  title: string;
  description: string;
  targetDate: string | null;
}
const goal: Goal = { title: 'Gå på butikken selv', description: 'Med rullator', targetDate: null };

describe('applyFieldPatch', () => {
  it('applies a field nobody changed since the base revision and stamps it with the new revision', () => {
    const out = applyFieldPatch(goal, { title: { rev: 3, by: 'b' } }, { title: 'Gå til butikken' }, 3, 7, 'a');
    expect(out.applied).toEqual({ title: 'Gå til butikken' });
    expect(out.conflicts).toEqual([]);
    expect(out.fieldRevisions.title).toEqual({ rev: 7, by: 'a' });
  });

  it('refuses a field someone else changed after the base revision, and applies the others', () => {
    const out = applyFieldPatch(goal, { title: { rev: 5, by: 'b' } }, { title: 'Mitt forslag', description: 'Uten rullator' }, 4, 6, 'a');
    expect(out.applied).toEqual({ description: 'Uten rullator' });
    expect(out.conflicts).toEqual([
      { field: 'title', yourValue: 'Mitt forslag', currentValue: goal.title, changedBy: 'b', changedAtRevision: 5 },
    ]);
    expect(out.fieldRevisions.title).toEqual({ rev: 5, by: 'b' });
    expect(out.fieldRevisions.description).toEqual({ rev: 6, by: 'a' });
  });

  it('is no conflict when the value sent equals the current value', () => {
    const out = applyFieldPatch(goal, { title: { rev: 9, by: 'b' } }, { title: goal.title }, 1, 10, 'a');
    expect(out.applied).toEqual({});
    expect(out.conflicts).toEqual([]);
  });

  it('lets the same person overwrite their own later change (two devices)', () => {
    const out = applyFieldPatch(goal, { title: { rev: 9, by: 'a' } }, { title: 'Ny' }, 1, 10, 'a');
    expect(out.applied).toEqual({ title: 'Ny' });
  });

  it('ignores undefined fields and compares null and objects by value', () => {
    expect(applyFieldPatch(goal, {}, { title: undefined, targetDate: null }, 0, 1, 'a').applied).toEqual({});
    expect(sameValue([{ id: 1 }], [{ id: 1 }])).toBe(true);
    expect(sameValue(null, 'x')).toBe(false);
  });

  it('refuses a base revision ahead of the plan', () => {
    expect(() => applyFieldPatch(goal, {}, { title: 'x' }, 10, 10, 'a')).toThrow(/ahead of the plan/);
    expect(() => applyFieldPatch(goal, {}, { title: 'x' }, 9, 10, 'a')).not.toThrow();
  });
});
