// What a person does to verify another device (docs/security.md, "Verifying devices"): on this
// page, open Verify on the other device's tile, read the safety code, press "Codes match".

import assert from 'node:assert/strict';
import { eventually } from './eventually.mjs';

export const SAFETY_CODE = /^\d{5}( \d{5}){5}$/;

/** Confirms `peerId`'s safety code on `device`'s screen; resolves the code the dialog showed. */
export async function confirmOnScreen(device, peerId) {
  await device.page.locator(`li[data-peer-id="${peerId}"]`).getByRole('button', { name: /^Verify .* with a safety code$/ }).click();
  const dialog = device.page.locator('[data-verify-dialog]');
  const code = dialog.locator('[data-verify-code]');
  await eventually(async () => SAFETY_CODE.test(await code.textContent()), { what: `the safety code in ${device.label}'s dialog` });
  const shown = await code.textContent();
  assert.equal(await dialog.getByRole('img', { name: /^QR code of the safety code/ }).count(), 1, `${device.label} shows a QR code`);
  await dialog.getByRole('button', { name: 'Codes match' }).click();
  await eventually(async () => /Verified on this device/.test(await dialog.locator('[data-verify-status]').textContent()),
    { what: `${device.label} saying it verified` });
  await dialog.getByRole('button', { name: 'Close' }).click();
  return shown;
}
