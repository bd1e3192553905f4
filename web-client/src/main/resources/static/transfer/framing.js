// Byte layout of the encrypted frames on the data path (WebRTC data channel or relay WebSocket);
// docs/transfer.md is the reference. Every frame is one binary message:
//
//   offset size  field
//   0      1     version (1)
//   1      1     kind: 1 chunk, 2 control from the sender, 3 control from the receiver
//   2      4     stream, uint32 big-endian: the file index for chunks, 0xFFFFFFFE / 0xFFFFFFFF for control
//   6      8     seq, uint64 big-endian: chunk index within the file, or the control message counter
//   14     n+16  AES-256-GCM ciphertext of the payload followed by its 16-byte tag
//
// The GCM nonce is bytes 2..13 of the header (stream ‖ seq), so it is unique per key as long as no
// (stream, seq) pair repeats, which the two roles guarantee: each stream belongs to one side, and
// seq only grows. The additional data binds the version, kind, file and chunk index and the
// transfer id: AAD = "lanvan/1" 0x00 transferId 0x00 header. Knows nothing of the DOM.

import { concatBytes, fromUtf8, utf8 } from '../encoding.js';

export const VERSION = 1;
export const Kind = Object.freeze({ CHUNK: 1, SENDER_CONTROL: 2, RECEIVER_CONTROL: 3 });
export const HEADER_BYTES = 14;
export const TAG_BYTES = 16;
export const FRAME_OVERHEAD = HEADER_BYTES + TAG_BYTES;
/** Largest frame either route carries (the relay's limit is 256 KiB + 64; SCTP's is usually 256 KiB). */
export const MAX_FRAME_BYTES = 256 * 1024;
export const MAX_CHUNK_BYTES = MAX_FRAME_BYTES - FRAME_OVERHEAD;
export const MAX_CONTROL_BYTES = 16 * 1024;
export const MAX_FILES = 10_000;

const CONTROL_STREAMS = Object.freeze({ [Kind.SENDER_CONTROL]: 0xfffffffe, [Kind.RECEIVER_CONTROL]: 0xffffffff });
const AAD_PREFIX = utf8('lanvan/1\0');

export class FrameError extends Error {
  constructor(message) {
    super(message);
    this.name = 'FrameError';
  }
}

/** The stream number of a kind of control message. */
export const controlStream = (kind) => CONTROL_STREAMS[kind];

/** @param {{kind: number, stream: number, seq: number}} fields */
export function encodeHeader({ kind, stream, seq }) {
  checkFields(kind, stream, seq);
  const header = new Uint8Array(HEADER_BYTES);
  const view = new DataView(header.buffer);
  view.setUint8(0, VERSION);
  view.setUint8(1, kind);
  view.setUint32(2, stream);
  view.setUint32(6, Math.floor(seq / 2 ** 32));
  view.setUint32(10, seq >>> 0);
  return header;
}

/** Reads and checks the header of a frame; throws FrameError for anything malformed. */
export function decodeHeader(frame) {
  if (frame.byteLength < FRAME_OVERHEAD) throw new FrameError('Frame shorter than its header and tag');
  if (frame.byteLength > MAX_FRAME_BYTES + 64) throw new FrameError('Frame larger than 256 KiB');
  const view = new DataView(frame.buffer, frame.byteOffset, HEADER_BYTES);
  if (view.getUint8(0) !== VERSION) throw new FrameError(`Unknown frame version ${view.getUint8(0)}`);
  const kind = view.getUint8(1);
  const stream = view.getUint32(2);
  const seq = view.getUint32(6) * 2 ** 32 + view.getUint32(10);
  checkFields(kind, stream, seq);
  return { kind, stream, seq };
}

export const nonceOf = (header) => header.subarray(2, HEADER_BYTES);

export const aadOf = (transferId, header) => concatBytes(AAD_PREFIX, utf8(transferId), new Uint8Array([0]), header);

/** Control messages are small JSON objects with a type in `t`. */
export function encodeControl(message) {
  const bytes = utf8(JSON.stringify(message));
  if (bytes.length > MAX_CONTROL_BYTES) throw new FrameError('Control message larger than 16 KiB');
  return bytes;
}

export function decodeControl(bytes) {
  let message;
  try {
    message = JSON.parse(fromUtf8(bytes));
  } catch {
    throw new FrameError('Control message is not JSON');
  }
  if (message === null || typeof message !== 'object' || typeof message.t !== 'string') {
    throw new FrameError('Control message has no type');
  }
  return message;
}

function checkFields(kind, stream, seq) {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new FrameError('Sequence number out of range');
  if (kind === Kind.CHUNK) {
    if (!Number.isInteger(stream) || stream < 0 || stream >= MAX_FILES) throw new FrameError('File index out of range');
  } else if (CONTROL_STREAMS[kind] === undefined) {
    throw new FrameError(`Unknown frame kind ${kind}`);
  } else if (stream !== CONTROL_STREAMS[kind]) {
    throw new FrameError('Control frame on the wrong stream');
  }
}
