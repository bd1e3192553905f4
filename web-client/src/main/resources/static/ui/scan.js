// Reading a QR code with the camera, where the browser offers both BarcodeDetector and
// getUserMedia and the page may use the camera (Permissions-Policy camera=(self)).

/** Whether this browser can scan a QR code here; false means: hide the option. */
export async function canScanQr() {
  if (!('BarcodeDetector' in globalThis) || typeof navigator.mediaDevices?.getUserMedia !== 'function') return false;
  const policy = document.permissionsPolicy ?? document.featurePolicy;
  if (policy?.allowsFeature && !policy.allowsFeature('camera')) return false;
  try {
    return (await globalThis.BarcodeDetector.getSupportedFormats()).includes('qr_code');
  } catch {
    return false;
  }
}

/**
 * Shows the camera in `video` until a QR code is read or `signal` aborts; resolves with the code's
 * text (or null when aborted). The camera is released either way.
 */
export async function scanQr(video, signal) {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  try {
    video.srcObject = stream;
    await video.play();
    const detector = new globalThis.BarcodeDetector({ formats: ['qr_code'] });
    while (!signal.aborted) {
      const [code] = await detector.detect(video).catch(() => []);
      if (code?.rawValue) return code.rawValue;
      // One look per animation frame at most: the camera gives no more anyway.
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return null;
  } finally {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  }
}
