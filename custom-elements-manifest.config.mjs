// `npm run analyze` writes custom-elements.json at the repository root (Storybook and the package
// read it there). Only the element classes: their JSDoc and `static properties` are the source.
export default {
  globs: ['src/login/passkey-login.component.ts', 'src/profile/passkey-profile.component.ts', 'src/core/backend-provider.ts'],
  outdir: '.',
  litelement: true,
  plugins: [publicApiOnly()],
};

/**
 * The manifest describes what users may touch: `#private` members, private reactive state
 * (`state: true` in `static properties`, which the analyzer lists as an attribute) and DOM
 * properties the analyzer mistakes for the element's own are left out.
 */
function publicApiOnly() {
  return {
    name: 'public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          const hidden = new Set((declaration.members ?? []).filter((member) => isPrivate(member) || inheritedFromTheDom.has(member.name)).map((member) => member.name));
          declaration.members = declaration.members?.filter((member) => !hidden.has(member.name));
          declaration.attributes = declaration.attributes?.filter((attribute) => !hidden.has(attribute.fieldName));
        }
      }
    },
  };
}

/** The analyzer reads `this.attachShadow(...).innerHTML = ...` (and the like) as fields of the element. */
const inheritedFromTheDom = new Set(['innerHTML', 'outerHTML', 'textContent', 'innerText', 'adoptedStyleSheets']);

function isPrivate(member) {
  return member.privacy === 'private' || member.name.startsWith('#');
}
