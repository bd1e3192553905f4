// The new-password rules the browser can check before asking the server (which checks them again).
// Knows nothing of the DOM.

/** The server's minimum; its 400 detail says so too if this ever drifts. */
export const MIN_PASSWORD_LENGTH = 12;

/** What the browser can check before asking the server; messages by field id. */
export function checkPasswords(current, next, again) {
  const problems = {};
  if (!current) problems.currentPassword = 'Enter your current password.';
  if (next.length < MIN_PASSWORD_LENGTH) {
    problems.newPassword = `Use at least ${MIN_PASSWORD_LENGTH} characters (this one has ${next.length}).`;
  } else if (next === current) {
    problems.newPassword = 'Choose a password different from the current one.';
  }
  if (!problems.newPassword && again !== next) problems.confirmPassword = 'The two new passwords differ; type the same one twice.';
  return problems;
}
