// A scripted fetch: answers requests in order from `replies`, and records what was asked.

export function jsonReply(status, body, { problem = status >= 400 } = {}) {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: '',
    headers: { get: (name) => (name.toLowerCase() === 'content-type' && body !== undefined
      ? (problem ? 'application/problem+json' : 'application/json') : null) },
    json: async () => body,
  };
}

export function problem(status, detail) {
  return jsonReply(status, { type: 'about:blank', title: 'Problem', status, detail });
}

export function scriptedFetch(...replies) {
  const requests = [];
  const fetchImpl = async (url, init = {}) => {
    requests.push({ url, method: init.method ?? 'GET', headers: init.headers ?? {}, body: init.body ? JSON.parse(init.body) : undefined });
    const reply = replies.shift();
    if (!reply) throw new Error(`Unexpected request ${init.method ?? 'GET'} ${url}`);
    if (reply instanceof Error) throw reply;
    return reply;
  };
  return { fetchImpl, requests };
}
