import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';

/** How two PNGs differ: `size` when their dimensions do, else the share of pixels that differ visibly. */
export type Difference = { kind: 'size'; expected: string; actual: string } | { kind: 'pixels'; changed: number; ratio: number };

/**
 * Compares a fresh screenshot with its reference. `threshold` is pixelmatch's per-pixel colour
 * distance (0..1); anti-aliased pixels are not counted, so sub-pixel font smoothing does not fail a run.
 */
export function comparePngs(reference: Buffer, actual: Buffer, threshold = 0.1): Difference {
  const expected = PNG.sync.read(reference);
  const shot = PNG.sync.read(actual);
  if (expected.width !== shot.width || expected.height !== shot.height) {
    return { kind: 'size', expected: `${expected.width}×${expected.height}`, actual: `${shot.width}×${shot.height}` };
  }
  const changed = pixelmatch(expected.data, shot.data, undefined, shot.width, shot.height, { threshold });
  return { kind: 'pixels', changed, ratio: changed / (shot.width * shot.height) };
}
