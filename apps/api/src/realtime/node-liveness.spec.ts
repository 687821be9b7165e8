import { NodeLiveness } from './node-liveness';

describe('NodeLiveness', () => {
  it('a node not heard from for the timeout lapses once, and is back when heard again', () => {
    const nodes = new NodeLiveness('self', 1000);
    expect(nodes.heard('a', 0)).toBe(false);
    nodes.heard('b', 0);
    nodes.heard('b', 900);
    expect(nodes.check(999)).toEqual([]);
    expect(nodes.check(1000)).toEqual(['a']);
    expect(nodes.isLapsed('a')).toBe(true);
    expect(nodes.isLapsed('b')).toBe(false);
    expect(nodes.check(1500)).toEqual([]);
    expect(nodes.check(1900)).toEqual(['b']);
    expect(nodes.heard('a', 2000)).toBe(true);
    expect(nodes.isLapsed('a')).toBe(false);
    expect(nodes.heard('a', 2100)).toBe(false);
  });

  it('never counts itself', () => {
    const nodes = new NodeLiveness('self', 1000);
    nodes.heard('self', 0);
    expect(nodes.check(5000)).toEqual([]);
    expect(nodes.isLapsed('self')).toBe(false);
  });
});
