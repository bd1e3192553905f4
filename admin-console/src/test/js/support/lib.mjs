// Import this before (dynamically) importing a module that uses /lib/…: see lib-hooks.mjs.
import { register } from 'node:module';

register('./lib-hooks.mjs', import.meta.url);
