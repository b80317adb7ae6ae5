// The module script of the strict-CSP page (csp-page.ts): the violation recorder first, then the elements.
import './csp-violations.ts';
import '../../src/passkey-backend.ts';
import '../../src/passkey-login.ts';
import '../../src/passkey-profile.ts';
