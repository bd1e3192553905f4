// The shared helper, re-exported so e2e and bench keep their short import path.
export { eventually, within } from '../../platform/web/src/test/js/eventually.mjs';
