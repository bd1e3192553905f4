// Init scripts that change what a page's WebRTC can do, to make situations real browsers meet.

/**
 * RTCPeerConnection that never learns or tells a candidate: its own icecandidate events (but the
 * final null) are swallowed, addIceCandidate() does nothing, and a=candidate lines are cut from
 * every description in and out. No ICE pair can form, as behind a firewall that drops UDP and TCP.
 */
function dropIceCandidates() {
  const Native = window.RTCPeerConnection;
  const strip = (description) => (description && typeof description.sdp === 'string'
    ? new RTCSessionDescription({ type: description.type, sdp: description.sdp.split('\r\n').filter((line) => !line.startsWith('a=candidate:')).join('\r\n') })
    : description);

  class RTCPeerConnectionWithoutCandidates extends Native {
    constructor(...args) {
      super(...args);
      // Registered before any listener of the page, so it runs first and can stop the others.
      this.addEventListener('icecandidate', (event) => { if (event.candidate) event.stopImmediatePropagation(); });
    }

    addIceCandidate() { return Promise.resolve(); }

    setRemoteDescription(description) { return super.setRemoteDescription(strip(description)); }

    get localDescription() { return strip(super.localDescription); }

    get currentLocalDescription() { return strip(super.currentLocalDescription); }

    get pendingLocalDescription() { return strip(super.pendingLocalDescription); }
  }
  window.RTCPeerConnection = RTCPeerConnectionWithoutCandidates;
}

export const dropIceCandidatesScript = `(${dropIceCandidates})();`;
