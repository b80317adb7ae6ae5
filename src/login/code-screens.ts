/**
 * The code flows' screens and the work behind them, loaded together on first use (see
 * `<passkey-login>`), so that a page whose users never need a code does not download them.
 */
export { codeActions } from './code-actions.ts';
export { renderCodeState } from './code-views.ts';
