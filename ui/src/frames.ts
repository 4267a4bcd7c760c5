/** Calls `then` once the next frame is drawn (its animation frame, then the task after it): the
 * end of the frame that shows what the page has just committed. */
export function afterNextFrame(then: () => void) {
  requestAnimationFrame(() => setTimeout(then, 0));
}
