// Same-origin JSON requests. Every failure becomes an ApiError whose message is safe to show a
// user: the problem+json `detail` (RFC 9457) when the server sent one, a plain sentence otherwise.
// Knows nothing of the DOM; `fetchImpl` is injectable so node --test can drive it.

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_MESSAGE_CHARS = 300;

export class ApiError extends Error {
  /**
   * @param {string} message shown to the user as is
   * @param {{status?: number, title?: string, type?: string}} [problem]
   *   status 0 means the server could not be reached at all
   */
  constructor(message, { status = 0, title = '', type = 'about:blank' } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.type = type;
  }

  get unreachable() {
    return this.status === 0;
  }
}

/** Turns a failed Response (or anything with status, statusText, headers.get, json) into an ApiError. */
export async function readProblem(response) {
  const contentType = response.headers?.get?.('content-type') ?? '';
  let problem = {};
  if (/json/i.test(contentType)) {
    try {
      const body = await response.json();
      if (body !== null && typeof body === 'object' && !Array.isArray(body)) problem = body;
    } catch {
      // A body that does not parse is no worse than no body: fall back to the status line.
    }
  }
  const title = displayable(problem.title) || displayable(response.statusText) || 'Request failed';
  const detail = displayable(problem.detail) || `${title} (HTTP ${response.status}).`;
  return new ApiError(detail, {
    status: response.status,
    title,
    type: typeof problem.type === 'string' ? problem.type : 'about:blank',
  });
}

/**
 * GETs `path` and returns the parsed JSON body.
 * Statuses in `acceptStatuses` (besides 2xx) also return their body, for endpoints such as
 * /health/ready whose 503 answer is a normal, readable result.
 */
export async function getJson(path, { fetchImpl = globalThis.fetch, acceptStatuses = [], timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
  let response;
  try {
    response = await fetchImpl(path, {
      headers: { Accept: 'application/json, application/problem+json' },
      cache: 'no-store',
      credentials: 'same-origin',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if (error?.name === 'TimeoutError') {
      throw new ApiError(`The server did not answer within ${Math.ceil(timeoutMs / 1000)} s.`, { title: 'Server not answering' });
    }
    throw new ApiError('The LANVan server could not be reached. Check that this device is on the same network as the server.',
      { title: 'Server unreachable' });
  }
  if (!response.ok && !acceptStatuses.includes(response.status)) throw await readProblem(response);
  try {
    return await response.json();
  } catch {
    throw new ApiError('The server sent an answer that is not valid JSON.', { status: response.status, title: 'Unexpected answer' });
  }
}

// A problem detail is for people: keep its first line only, so a server bug that leaks a stack
// trace into `detail` does not spill it across the page, and keep it short.
function displayable(value) {
  if (typeof value !== 'string') return '';
  const firstLine = value.trim().split(/\r?\n/, 1)[0].trim();
  return firstLine.length > MAX_MESSAGE_CHARS ? `${firstLine.slice(0, MAX_MESSAGE_CHARS - 1)}…` : firstLine;
}
