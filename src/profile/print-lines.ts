/**
 * Prints these lines alone, not the page around them: from a blank frame built with DOM calls only
 * (no markup strings, no styles), so that a strict Content-Security-Policy with Trusted Types holds.
 * The frame goes once the print dialog closes, or when the next printout starts.
 */
export function printLines(container: ShadowRoot | HTMLElement, heading: string, lines: string[]): void {
  container.querySelector('iframe.printout')?.remove();
  const frame = document.createElement('iframe');
  frame.className = 'printout';
  frame.title = heading;
  // Out of sight by the element's styles, not `hidden`: a frame that is not rendered may print blank.
  frame.tabIndex = -1;
  container.append(frame);
  const page = frame.contentDocument;
  const window = frame.contentWindow;
  if (!page || !window) return frame.remove();
  page.title = heading;
  const title = page.createElement('h1');
  title.textContent = heading;
  const body = page.createElement('pre');
  body.textContent = lines.join('\n');
  page.body.append(title, body);
  window.addEventListener('afterprint', () => frame.remove(), { once: true });
  // In a task of its own: the frame's page is laid out by then, and the print dialog shows it whole.
  window.setTimeout(() => window.print());
}
