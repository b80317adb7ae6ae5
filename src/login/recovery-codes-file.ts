/**
 * The recovery codes outside the element: as a .txt download and as a printout. Built with DOM
 * calls and blobs only, so that a strict Content-Security-Policy with Trusted Types holds.
 */

export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The download has taken the blob by the time the next task runs.
  setTimeout(() => URL.revokeObjectURL(url));
}

/**
 * Prints the text alone, not the page around it: from a frame outside the element, out of sight
 * (a frame that is not rendered may print blank), removed once the print dialog closes or, where
 * no dialog opens (headless browsers), when the next printout starts.
 */
export function printText(title: string, text: string): void {
  document.querySelector('iframe[data-passkey-printout]')?.remove();
  const frame = document.createElement('iframe');
  frame.dataset.passkeyPrintout = '';
  frame.title = title;
  frame.tabIndex = -1;
  frame.setAttribute('aria-hidden', 'true');
  // CSSOM properties, not a style attribute: allowed by `style-src 'self'`.
  Object.assign(frame.style, { position: 'fixed', width: '1px', height: '1px', border: '0', opacity: '0', pointerEvents: 'none' });
  document.body.append(frame);
  const page = frame.contentDocument;
  const view = frame.contentWindow;
  if (!page || !view) return frame.remove();
  page.title = title;
  const body = page.createElement('pre');
  body.textContent = text;
  page.body.append(body);
  view.addEventListener('afterprint', () => frame.remove(), { once: true });
  view.print();
}
