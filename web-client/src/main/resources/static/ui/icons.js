// Small inline SVG icons drawn with paths (no icon font, no emoji), coloured by currentColor.

const NS = 'http://www.w3.org/2000/svg';

const PATHS = {
  laptop: ['M5 6h14a1 1 0 0 1 1 1v8H4V7a1 1 0 0 1 1-1z', 'M2 17h20l-1 2H3z'],
  desktop: ['M3 4h18a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z', 'M9 20h6M12 16v4'],
  phone: ['M8 2h8a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z', 'M11 18h2'],
  device: ['M4 5h16v11H4z', 'M8 20h8'],
  up: ['M12 19V5', 'M6 11l6-6 6 6'],
  down: ['M12 5v14', 'M6 13l6 6 6-6'],
  shield: ['M12 3l8 3v6c0 4.5-3.4 8.3-8 9-4.6-.7-8-4.5-8-9V6z', 'M12 8v5', 'M12 16h.01'],
};

const FOR_PLATFORM = { windows: 'desktop', linux: 'desktop', macos: 'laptop', android: 'phone', ios: 'phone', other: 'device' };

export function icon(name, { size = 24, className = 'icon' } = {}) {
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', className);
  for (const d of PATHS[name] ?? PATHS.device) {
    const path = document.createElementNS(NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

export const platformIcon = (platform, options) => icon(FOR_PLATFORM[platform] ?? 'device', options);
