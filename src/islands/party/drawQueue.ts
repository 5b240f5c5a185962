// Charts are drawn one per task, in the order they ask: the first shows without waiting for the others, and the
// page answers input between two charts.
const queue: (() => void)[] = [];
let port: MessagePort | undefined;
let scheduled = false;

function drawNext(): void {
  scheduled = false;
  const draw = queue.shift();
  if (queue.length > 0) schedule();
  draw?.();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  if (!port) {
    // A message is a task of its own without setTimeout's clamping of nested timers.
    const channel = new MessageChannel();
    channel.port1.onmessage = drawNext;
    port = channel.port2;
  }
  port.postMessage(null);
}

/** Queue one chart's drawing; the returned function takes it off the queue if it has not run yet. */
export function queueDraw(draw: () => void): () => void {
  queue.push(draw);
  schedule();
  return () => {
    const at = queue.indexOf(draw);
    if (at >= 0) queue.splice(at, 1);
  };
}
