import type { LoginBackend, LoginCodeOperations, PasskeyBackend, PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '../core/backend.ts';
import type { LoginTranslation } from '../i18n/en.ts';
import { checkIdentifier } from '../protocol/input-rules.ts';
import { createPasskeyWithoutAsking, offersConditionalCreate } from './auto-register.ts';
import type { CodeEvent, CodeFlow } from './code-flow.ts';
import type { LoginEvent, LoginState } from './login-flow.ts';
import { printText } from '../core/printout.ts';
import { downloadText } from './recovery-codes-file.ts';

/** A backend with the code operations of `<passkey-login>`. */
export type CodeBackend = LoginBackend & Required<Pick<PasskeyBackend, LoginCodeOperations>>;

/** What the code flows need from `<passkey-login>`: its state, its attempts, its backend and ceremonies. */
export interface CodeFlowHost {
  readonly state: LoginState;
  readonly t: LoginTranslation;
  /** The language shown, for the mail. */
  readonly language: string;
  readonly webauthn: boolean;
  dispatch(event: LoginEvent): void;
  /** Runs `work` as the element's attempt (a newer one, Cancel or leaving the page abandons it); failures are shown as the element shows them. */
  run<Result>(work: (signal: AbortSignal) => Promise<Result>, apply: (result: Result) => void, fail?: (error: unknown) => void): void;
  /** Abandons the attempt under way. */
  abort(): void;
  /** The backend, or a `codes-disabled` error when it cannot send codes. */
  backend(): CodeBackend;
  /** The element's modal creation ceremony (it aborts autofill and can be cancelled). */
  register(options: PublicKeyCredentialCreationOptionsJSON): Promise<RegistrationResponseJSON>;
  /** Ends any ceremony of the element: the autofill request before a passkey is created without asking. */
  cancelCeremony(): void;
}

/** What the code screens can ask for; each view hands over what was typed. */
export interface CodeActions {
  sendCode(email: string): void;
  resendCode(): void;
  submitCode(code: string): void;
  submitRecoveryCode(recoveryCode: string): void;
  changeEmail(): void;
  /** Back from the email screen (to where the flow began) or from the recovery code (to the code). */
  back(): void;
  createPasskey(): void;
  skipPasskey(): void;
  copyRecoveryCodes(): void;
  downloadRecoveryCodes(): void;
  printRecoveryCodes(): void;
  recoveryCodesSaved(): void;
}

/** The work behind the code screens: requests to the backend, ceremonies, and the events they end in. */
export function codeActions(host: CodeFlowHost): CodeActions {
  const displayName = () => (host.state.draft.displayName ? { displayName: host.state.draft.displayName } : {});

  function sendCode(typed: string): void {
    const email = typed.trim();
    const before = host.state;
    host.dispatch({ type: 'code-requested', email });
    // A code already on its way (a second click): one mail, not two.
    if (host.state === before) return;
    const check = checkIdentifier(email);
    if (!check.valid || !check.value.includes('@')) return host.dispatch({ type: 'failed', error: 'invalid-email' });
    const { state } = host;
    if (!('flow' in state)) return;
    const { purpose } = state.flow;
    const request = (signal: AbortSignal) => {
      const backend = host.backend();
      const input = { email: check.value, language: host.language };
      return purpose === 'sign-up' ? backend.requestSignUpCode({ ...input, ...displayName() }, { signal }) : backend.requestSignInCode(input, { signal });
    };
    host.run(request, (answer) => host.dispatch({ type: 'code-sent', answer, at: Date.now() }));
  }

  /** Checks the code (with a recovery code under the two-factor policy): signed in, or signed up. */
  function checkCode({ purpose, email }: CodeFlow, code: string, recoveryCode?: string): void {
    const work = async (signal: AbortSignal) => {
      const backend = host.backend();
      const checked = purpose === 'sign-up'
        ? backend.signUpWithCode({ email, code, ...displayName() }, { signal })
        : backend.signInWithCode({ email, code, ...(recoveryCode ? { recoveryCode } : {}) }, { signal });
      // Asked meanwhile, so that what follows the code is decided at once.
      const conditionalCreate = host.webauthn ? offersConditionalCreate().catch(() => false) : false;
      return { answer: await checked, conditionalCreate: await conditionalCreate };
    };
    host.run(work, ({ answer, conditionalCreate }) => {
      host.dispatch({ type: 'code-accepted', answer, webauthn: host.webauthn, conditionalCreate });
      if (host.state.name === 'signed-in' && host.state.upgrading) saveWithoutAsking();
    });
  }

  /** Right after a code sign-in, where the browser offers it: a passkey saved without asking, or nothing. */
  function saveWithoutAsking(): void {
    const backend = host.backend();
    // The autofill request would otherwise hold the browser's one ceremony.
    host.cancelCeremony();
    host.run((signal) => createPasskeyWithoutAsking(backend, signal), () => host.dispatch({ type: 'upgrade-ended', saved: true }), (error) => {
      // Browsers decline at once when their passkey manager does not offer it: the user is signed in all the same.
      host.dispatch({ type: 'upgrade-ended', saved: false });
      console.debug('passkey-elements: no passkey was created without asking', error);
    });
  }

  /** Leaves the screen, abandoning its request, when the flow allows it. */
  function leave(event: Extract<CodeEvent, { type: 'email-change' | 'code-back' }>): void {
    const before = host.state;
    host.dispatch(event);
    if (host.state !== before) host.abort();
  }

  /** The recovery codes on screen, as the file to save or print. */
  function recoveryCodesFile(): { title: string; text: string } | undefined {
    const { state, t } = host;
    if (state.name !== 'recovery-codes') return undefined;
    const title = t.recoveryCodesFileTitle(location.host);
    const lines = [title, t.recoveryCodesFileAccount(state.result.user.identifier), '', ...(state.result.recoveryCodes ?? []), '', t.recoveryCodesFileHint, ''];
    return { title, text: lines.join('\n') };
  }

  return {
    sendCode,
    resendCode: () => 'flow' in host.state && sendCode(host.state.flow.email),
    submitCode: (typed) => {
      const { state } = host;
      if (state.name !== 'code-entry' || state.step !== 'ready' || (state.retryAt ?? 0) > Date.now()) return;
      const code = typed.replace(/\D/g, '');
      host.dispatch({ type: 'code-submitted', code });
      if (code.length !== state.sent.length) return host.dispatch({ type: 'failed', error: 'invalid-code' });
      checkCode(state.flow, code);
    },
    submitRecoveryCode: (typed) => {
      const { state } = host;
      if (state.name !== 'recovery-code' || state.checking) return;
      host.dispatch({ type: 'recovery-code-submitted' });
      if (!typed.trim()) return host.dispatch({ type: 'failed', error: 'invalid-recovery-code' });
      checkCode(state.flow, state.code, typed.trim());
    },
    // Each abandons the request under way, unless the flow refused to leave (a code being checked).
    changeEmail: () => leave({ type: 'email-change' }),
    back: () => leave({ type: 'code-back' }),
    createPasskey: () => {
      host.dispatch({ type: 'passkey-creation', step: 'waiting' });
      const work = async (signal: AbortSignal) => {
        const backend = host.backend();
        const response = await host.register(await backend.addPasskeyOptions({ signal }));
        if (!signal.aborted) host.dispatch({ type: 'passkey-creation', step: 'verifying' });
        return backend.addPasskey(response, { signal });
      };
      host.run(work, (passkey) => host.dispatch({ type: 'passkey-created', savedTo: passkey.location }));
    },
    skipPasskey: () => host.dispatch({ type: 'passkey-skipped' }),
    copyRecoveryCodes: () => {
      const file = recoveryCodesFile();
      if (!file) return;
      navigator.clipboard.writeText(file.text).then(
        () => host.dispatch({ type: 'recovery-codes-copied', copied: true }),
        (error: unknown) => {
          // Said on screen: select and copy by hand.
          host.dispatch({ type: 'recovery-codes-copied', copied: false });
          console.debug('passkey-elements: copying the recovery codes failed', error);
        },
      );
    },
    downloadRecoveryCodes: () => {
      const file = recoveryCodesFile();
      if (file) downloadText('recovery-codes.txt', file.text);
    },
    printRecoveryCodes: () => {
      const file = recoveryCodesFile();
      if (file) printText(document.body, file.title, file.text);
    },
    recoveryCodesSaved: () => host.dispatch({ type: 'recovery-codes-saved' }),
  };
}
