// A human name for this device, such as "Firefox on Android", from the browser's user agent.
// Knows nothing of the DOM.

// Order matters: Edge and Samsung Internet also say "Chrome", Chrome also says "Safari",
// and iPadOS Safari presents itself as a Mac.
const BROWSERS = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\b(?:Headless)?Chrom(?:e|ium)\/|\bCriOS\//, 'Chrome'],
  [/\bSafari\//, 'Safari'],
];

const SYSTEMS = [
  [/\bAndroid\b/, 'Android'],
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'Mac'],
  [/\bLinux\b/, 'Linux'],
];

/** @returns {{browser: ?string, system: ?string, label: string}} */
export function describeDevice(userAgent = '', { maxTouchPoints = 0 } = {}) {
  const browser = firstMatch(BROWSERS, userAgent);
  let system = firstMatch(SYSTEMS, userAgent);
  // iPadOS 13+ Safari asks for desktop sites with a Mac user agent; touch gives it away.
  if (system === 'Mac' && maxTouchPoints > 1) system = 'iPad';
  const label = browser && system ? `${browser} on ${system}` : browser || system || 'This browser';
  return { browser, system, label };
}

/** Whether `name` is one describeDevice() makes ("Chrome on Android", "Firefox", "This browser"), which many devices share. */
export function isDescribedLabel(name) {
  const browsers = BROWSERS.map(([, n]) => n);
  const systems = [...SYSTEMS.map(([, n]) => n), 'iPad'];
  const [browser, system, ...rest] = String(name ?? '').trim().split(' on ');
  if (rest.length > 0) return false;
  if (system === undefined) return browser === 'This browser' || browsers.includes(browser) || systems.includes(browser);
  return browsers.includes(browser) && systems.includes(system);
}

function firstMatch(table, userAgent) {
  for (const [pattern, name] of table) if (pattern.test(userAgent)) return name;
  return null;
}

const PLATFORMS = { Windows: 'windows', Mac: 'macos', Linux: 'linux', ChromeOS: 'linux', Android: 'android', iPhone: 'ios', iPad: 'ios' };

/** The `platform` of hello (docs/protocol.md): windows, macos, linux, android, ios or other. */
export function platformOf(system) {
  return PLATFORMS[system] ?? 'other';
}
