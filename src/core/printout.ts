/**
 * Prints `text` alone, not the page around it: from a frame appended to `container` (the page's
 * body, or an element's shadow root), out of sight but rendered (a frame that is not rendered may
 * print blank). Built with DOM calls only, so that a strict Content-Security-Policy with Trusted
 * Types holds. The frame goes once the print dialog closes or, where no dialog opens (headless
 * browsers), when the next printout starts.
 */
export function printText(container: ParentNode & Node, title: string, text: string): void {
  container.querySelector('iframe[data-passkey-printout]')?.remove();
  const frame = document.createElement('iframe');
  frame.dataset.passkeyPrintout = '';
  frame.title = title;
  frame.tabIndex = -1;
  frame.setAttribute('aria-hidden', 'true');
  // CSSOM properties, not a style attribute: allowed by `style-src 'self'`.
  Object.assign(frame.style, { position: 'fixed', width: '1px', height: '1px', border: '0', opacity: '0', pointerEvents: 'none' });
  container.appendChild(frame);
  const page = frame.contentDocument;
  const view = frame.contentWindow;
  if (!page || !view) return frame.remove();
  page.title = title;
  const body = page.createElement('pre');
  body.textContent = text;
  page.body.append(body);
  view.addEventListener('afterprint', () => frame.remove(), { once: true });
  // In a task of its own: the frame's page is laid out by then, and the print dialog shows it whole.
  view.setTimeout(() => view.print());
}
