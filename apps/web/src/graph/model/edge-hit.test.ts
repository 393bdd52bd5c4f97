import { describe, expect, it } from 'vitest';
import { curveDistance, edgeAt, type HitEdge, labelBox } from './edge-hit.js';
import { edgeCurve } from './geometry.js';

const a = { x: 0, y: 0 };
const b = { x: 200, y: 100 };
const level: HitEdge = { id: 'level', curve: edgeCurve({ x: 0, y: 200 }, { x: 200, y: 200 }) };
const bent: HitEdge = { id: 'bent', curve: edgeCurve(a, b) };

describe('canvas edge hit-testing', () => {
  it('measures the distance to a curve, zero on it', () => {
    expect(curveDistance(level.curve, 100, 200)).toBeCloseTo(0, 5);
    expect(curveDistance(level.curve, 100, 207)).toBeCloseTo(7, 5);
    // The bent curve passes through the anchors' midpoint (its symmetric control points).
    expect(curveDistance(bent.curve, 100, 50)).toBeLessThan(0.5);
    expect(curveDistance(bent.curve, 0, 0)).toBe(0);
  });

  it('finds the edge within reach, the nearest of two, none beyond reach', () => {
    expect(edgeAt([level, bent], 100, 205, 7)).toBe('level');
    expect(edgeAt([level, bent], 100, 52, 7)).toBe('bent');
    expect(edgeAt([level, bent], 100, 190, 7)).toBeUndefined();
    const twin: HitEdge = { id: 'twin', curve: edgeCurve({ x: 0, y: 210 }, { x: 200, y: 210 }) };
    expect(edgeAt([level, twin], 100, 203, 7)).toBe('level');
    expect(edgeAt([level, twin], 100, 207, 7)).toBe('twin');
  });

  it('counts a label box as its edge, on top of lines beneath it', () => {
    const box = labelBox({ x: 100, y: 150 }, [30, 44]);
    expect(box).toEqual({ x: 100 - 28, y: 150 - (2 * 13.65 + 4) / 2, width: 56, height: 2 * 13.65 + 4 });
    const labelled: HitEdge = { ...bent, label: box };
    expect(edgeAt([labelled, level], 80, 140, 7)).toBe('bent');
    expect(edgeAt([labelled, level], 10, 140, 7)).toBeUndefined();
  });

  it('reaches a backward edge that loops out and back in', () => {
    const back: HitEdge = { id: 'back', curve: edgeCurve({ x: 200, y: 0 }, { x: 0, y: 100 }) };
    expect(edgeAt([back], 100, 50, 7)).toBe('back');
  });
});
