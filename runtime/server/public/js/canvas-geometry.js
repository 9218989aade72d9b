// The canvas's grid in pixels: where a cell's box and circle are, and how a control is put there.
export const COL_W = 170;
export const ROW_H = 150;
export const PAD = 28;
export const BOX_W = 130;
export const CIRCLE = 64;
export const SLOT = 44;

/** A cell's top-left corner and its circle's center, in stage pixels. */
export function cellBox({ col, row }) {
  const left = PAD + col * COL_W;
  const top = PAD + row * ROW_H;
  return { left, top, cx: left + BOX_W / 2, cy: top + CIRCLE / 2 };
}

/** The stage's size for a layout of `cols` × `rows` cells. */
export const stageSize = (cols, rows) => ({
  width: PAD * 2 + (cols - 1) * COL_W + BOX_W,
  height: PAD * 2 + (rows - 1) * ROW_H + CIRCLE + 48, // the last row's labels
});

/** Positions a control on the stage (CSSOM: the page's CSP forbids style attributes). */
export function place(node, left, top) {
  node.style.left = `${left}px`;
  node.style.top = `${top}px`;
}
