// Stands in for the browser's WebSocket: records what the client sends and lets the test play the
// server's part.
export class FakeSocket {
  static instances = [];

  constructor(url) {
    this.url = url;
    this.sent = [];
    this.closed = false;
    FakeSocket.instances.push(this);
  }

  static latest() { return FakeSocket.instances.at(-1); }

  send(text) { this.sent.push(JSON.parse(text)); }
  close() { this.closed = true; }

  serverOpens() { this.onopen?.({}); }
  serverSends(frame) { this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) }); }
  serverCloses() { this.onclose?.({ code: 1006 }); }
  /** The last frame the client sent of `type`. */
  lastSent(type) { return this.sent.filter((f) => f.type === type).at(-1); }
}
