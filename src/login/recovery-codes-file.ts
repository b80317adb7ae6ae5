/**
 * The recovery codes outside the element as a .txt download. Built with DOM calls and a blob only,
 * so that a strict Content-Security-Policy with Trusted Types holds.
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
