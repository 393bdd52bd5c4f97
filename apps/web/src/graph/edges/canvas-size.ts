// Both canvas layers (edges under the nodes, traffic dots over them) keep their backing
// store at the device's pixel ratio, so lines stay sharp on high-density screens.

/** Resizes `el`'s backing store to its CSS box when either changed; returns the pixel ratio. */
export function fitCanvas(el: HTMLCanvasElement): { dpr: number; width: number; height: number } {
  const dpr = devicePixelRatio || 1;
  const width = el.clientWidth;
  const height = el.clientHeight;
  if (el.width !== Math.round(width * dpr) || el.height !== Math.round(height * dpr)) {
    el.width = Math.round(width * dpr);
    el.height = Math.round(height * dpr);
  }
  return { dpr, width, height };
}
