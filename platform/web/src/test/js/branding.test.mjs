import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ApiError } from '../../main/resources/lib/server/api.js';
import { contrastingInk, loadBranding, normalizeBranding } from '../../main/resources/lib/server/branding.js';

describe('normalizeBranding', () => {
  test('keepsAValidBrandingAndAddsAReadableInk', () => {
    assert.deepEqual(normalizeBranding({ companyName: ' Acme ', accentColor: '#0A7CFF', logoUrl: '/branding/logo' }), {
      companyName: 'Acme', accentColor: '#0a7cff', accentInk: '#111318', logoUrl: '/branding/logo',
    });
  });

  test('expandsShortHexColours', () => {
    assert.equal(normalizeBranding({ accentColor: '#fc0' }).accentColor, '#ffcc00');
  });

  test('dropsValuesThatAreNotSafeToApply', () => {
    assert.deepEqual(normalizeBranding({
      companyName: 'Acme', accentColor: 'red; background: url(x)', logoUrl: 'https://elsewhere.example/logo.png',
    }), { companyName: 'Acme', accentColor: null, accentInk: null, logoUrl: null });
    assert.equal(normalizeBranding({ companyName: 'Acme', logoUrl: '//elsewhere.example/logo.png' }).logoUrl, null);
  });

  test('treatsANullLogoAsNoLogo', () => {
    assert.equal(normalizeBranding({ companyName: 'Acme', accentColor: '#0a7cff', logoUrl: null }).logoUrl, null);
  });

  test('returnsNullWhenNothingUsableIsLeft', () => {
    assert.equal(normalizeBranding({ companyName: '   ', accentColor: 42 }), null);
    assert.equal(normalizeBranding(null), null);
  });
});

describe('contrastingInk', () => {
  test('picksWhiteWhereItReadsWellAndNearBlackOtherwise', () => {
    assert.equal(contrastingInk('#2f5fd0'), '#ffffff');
    assert.equal(contrastingInk('#1d1d1f'), '#ffffff');
    // Mid blue: white is 3.9:1, below AA; near-black is 4.7:1.
    assert.equal(contrastingInk('#0a7cff'), '#111318');
    assert.equal(contrastingInk('#ffcc00'), '#111318');
    assert.equal(contrastingInk('#8fd14f'), '#111318');
  });
});

describe('loadBranding', () => {
  test('returnsNullWhenTheBrandingPluginIsNotDeployed', async () => {
    const notDeployed = async () => { throw new ApiError('No branding', { status: 404 }); };
    assert.equal(await loadBranding(notDeployed), null);
  });

  test('asksTheBrandingEndpointAndNormalizesItsAnswer', async () => {
    let asked;
    const branding = await loadBranding(async (path) => { asked = path; return { companyName: 'Acme', accentColor: '#0a7cff', logoUrl: null }; });
    assert.equal(asked, '/api/branding');
    assert.equal(branding.companyName, 'Acme');
  });

  test('passesOtherFailuresOn', async () => {
    const broken = async () => { throw new ApiError('Boom', { status: 500 }); };
    await assert.rejects(loadBranding(broken), (error) => error.status === 500);
  });
});
