import type { GoalView, TaskView } from '#contracts';
import { PlanListsCache } from './plan-lists-cache';

const goal = (i: number): GoalView =>
  ({
    id: `g${i}`,
    title: `Mål ${i}`,
    fieldRevisions: { title: { rev: i, by: 'a', at: '2026-12-01T10:00:00.000Z' } },
  }) as unknown as GoalView;
const task = (i: number): TaskView => ({ id: `t${i}`, title: `Tiltak ${i}`, fieldRevisions: {} }) as unknown as TaskView;
const lists = (goals: number, tasks: number) =>
  [Array.from({ length: goals }, (_, i) => goal(i)), Array.from({ length: tasks }, (_, i) => task(i))] as const;

describe('PlanListsCache', () => {
  it('keeps a large plan by revision, and never a small one', () => {
    const cache = new PlanListsCache(1000, 40);
    cache.put('big', 7, ...lists(10, 30));
    cache.put('small', 3, ...lists(3, 5));
    expect(cache.get('big')?.revision).toBe(7);
    expect(cache.get('big')?.tasks).toHaveLength(30);
    expect(cache.get('small')).toBeUndefined();
    // A plan that shrank below the threshold is forgotten.
    cache.put('big', 8, ...lists(2, 2));
    expect(cache.get('big')).toBeUndefined();
    expect(cache.heldRows).toBe(0);
  });

  it('keeps the newer of two revisions read concurrently', () => {
    const cache = new PlanListsCache(100, 1);
    cache.put('p', 9, ...lists(1, 1));
    const older = cache.put('p', 8, ...lists(2, 2));
    expect(older.revision).toBe(8);
    expect(cache.get('p')?.revision).toBe(9);
    cache.put('p', 10, ...lists(3, 3));
    expect(cache.get('p')?.goals).toHaveLength(3);
    expect(cache.heldRows).toBe(6);
  });

  it('drops the least recently used plan first, to stay within its rows', () => {
    const cache = new PlanListsCache(4, 1);
    cache.put('a', 1, ...lists(1, 1));
    cache.put('b', 1, ...lists(1, 1));
    cache.get('a');
    cache.put('c', 1, ...lists(1, 1));
    expect(cache.size).toBe(2);
    expect(cache.heldRows).toBe(4);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
  });

  it('keeps nothing with no room, nor a plan larger than all of it', () => {
    expect(new PlanListsCache(0, 1).put('a', 1, ...lists(50, 50)).goals).toHaveLength(50);
    const cache = new PlanListsCache(60, 1);
    cache.put('a', 1, ...lists(50, 50));
    expect(cache.size).toBe(0);
  });

  it('freezes what it hands out: a reader cannot change it for the next', () => {
    const cache = new PlanListsCache(100, 1);
    const got = cache.put('p', 1, ...lists(2, 2));
    expect(() => (got.goals as GoalView[]).sort()).toThrow(TypeError);
    expect(() => {
      (got.goals[0] as { title: string }).title = 'x';
    }).toThrow(TypeError);
    expect(() => {
      (got.goals[0].fieldRevisions as Record<string, { rev: number }>).title.rev = 99;
    }).toThrow(TypeError);
    expect(cache.get('p')?.goals[0].title).toBe('Mål 0');
  });
});
