// Module resolve hook for gen-api.mjs: openapi-typescript builds its output with the TypeScript 5 compiler API,
// which the project's TypeScript 7 (native, no JS API) does not have; its `typescript` import gets the
// `typescript5` alias package instead.
export async function resolve(specifier, context, next) {
  return next(specifier === 'typescript' ? 'typescript5' : specifier, context);
}
