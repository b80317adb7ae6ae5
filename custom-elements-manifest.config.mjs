// `npm run analyze` writes custom-elements.json at the repository root (Storybook and the package
// read it there). Only the element classes and their shared base class (whose properties each
// element inherits): their JSDoc and `static properties` are the source.
export default {
  globs: ['src/core/passkey-element.ts', 'src/login/passkey-login.component.ts', 'src/profile/passkey-profile.component.ts', 'src/core/backend-provider.ts', 'src/account/passkey-account.component.ts'],
  outdir: '.',
  litelement: true,
  plugins: [publicApiOnly(), resolveInheritedTypes()],
};

/**
 * The manifest describes what users may touch: `#private` and `protected` members (the latter are
 * for the elements' own subclasses), private reactive state
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
  return member.privacy === 'private' || member.privacy === 'protected' || member.name.startsWith('#');
}

/**
 * Inherited members are typed with the base class's type parameters (`Backend | undefined`); each
 * element's entry shows them with the arguments it passes instead (`LoginBackend | undefined`).
 */
function resolveInheritedTypes() {
  const parametersByClass = new Map();
  const argumentsByClass = new Map();
  return {
    name: 'resolve-inherited-types',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const name = node.name.getText();
      if (node.typeParameters) parametersByClass.set(name, node.typeParameters.map((parameter) => parameter.name.getText()));
      for (const type of (node.heritageClauses ?? []).flatMap((clause) => clause.types)) {
        if (type.typeArguments) argumentsByClass.set(name, { base: type.expression.getText(), values: type.typeArguments.map((argument) => argument.getText()) });
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of customElementsManifest.modules.flatMap((module) => module.declarations ?? [])) {
        const passed = argumentsByClass.get(declaration.name);
        const parameters = passed && parametersByClass.get(passed.base);
        if (!parameters) continue;
        for (const member of declaration.members ?? []) {
          if (member.inheritedFrom?.name !== passed.base || !member.type) continue;
          member.type = { ...member.type, text: parameters.reduce((text, parameter, index) => text.replace(new RegExp(`\\b${parameter}\\b`, 'g'), passed.values[index]), member.type.text) };
        }
      }
    },
  };
}
