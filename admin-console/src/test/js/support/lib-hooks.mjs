// Module resolution hook for node --test: the browser loads shared modules from the platform's
// /lib/ mount; in the source tree they live in platform/web. Registered by support/lib.mjs.

const LIB = new URL('../../../../../platform/web/src/main/resources/lib/', import.meta.url);

export async function resolve(specifier, context, nextResolve) {
  if (specifier.startsWith('/lib/')) return nextResolve(new URL(specifier.slice('/lib/'.length), LIB).href, context);
  return nextResolve(specifier, context);
}
