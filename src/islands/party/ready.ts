/**
 * Print mode: set `data-cars-ready="true"` on <html> once the report is laid out and no chart is still
 * loading or drawing (`[data-pending]`), checked a few times in a row. The PDF printer waits for it.
 */
export function watchReady(doc: Document = document): () => void {
  let quiet = 0;
  const timer = setInterval(() => {
    const busy = !doc.querySelector('[data-print-root]') || doc.querySelector('[data-pending]') !== null;
    quiet = busy ? 0 : quiet + 1;
    if (quiet >= 3) {
      doc.documentElement.dataset.carsReady = 'true';
      clearInterval(timer);
    }
  }, 20);
  return () => clearInterval(timer);
}
