import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ApiError, getJson, readProblem } from '../../main/resources/lib/server/api.js';

// Real WHATWG Response objects (Node 20 has them), so the code meets the same API as in browsers.
const problem = (status, body) => new Response(JSON.stringify(body), {
  status, headers: { 'content-type': 'application/problem+json' },
});
const json = (status, body) => new Response(JSON.stringify(body), {
  status, headers: { 'content-type': 'application/json' },
});
const answering = (response) => async () => response;

describe('readProblem', () => {
  test('usesTheProblemDetailAsTheMessage', async () => {
    const error = await readProblem(problem(404, {
      type: 'about:blank', title: 'Not Found', status: 404, detail: 'No branding plugin is deployed.',
    }));
    assert.ok(error instanceof ApiError);
    assert.equal(error.message, 'No branding plugin is deployed.');
    assert.equal(error.status, 404);
    assert.equal(error.title, 'Not Found');
    assert.equal(error.unreachable, false);
  });

  test('fallsBackToTitleAndStatusWithoutDetail', async () => {
    const error = await readProblem(problem(503, { title: 'Service Unavailable', status: 503 }));
    assert.equal(error.message, 'Service Unavailable (HTTP 503).');
  });

  test('copesWithABodyThatIsNotJson', async () => {
    const error = await readProblem(new Response('<html>Bad gateway</html>', {
      status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' },
    }));
    assert.equal(error.message, 'Bad Gateway (HTTP 502).');
  });

  test('copesWithJsonThatDoesNotParse', async () => {
    const error = await readProblem(new Response('{"detail": ', {
      status: 500, headers: { 'content-type': 'application/problem+json' },
    }));
    assert.equal(error.message, 'Request failed (HTTP 500).');
  });

  test('neverShowsMoreThanTheFirstLineOfADetail', async () => {
    const error = await readProblem(problem(500, {
      title: 'Internal Server Error',
      detail: 'Database unavailable\n\tat io.lanvan.persistence.Pool.get(Pool.java:42)\n\tat java.base/…',
    }));
    assert.equal(error.message, 'Database unavailable');
  });

  test('shortensVeryLongDetails', async () => {
    const error = await readProblem(problem(400, { detail: 'x'.repeat(1000) }));
    assert.equal(error.message.length, 300);
    assert.ok(error.message.endsWith('…'));
  });
});

describe('getJson', () => {
  test('returnsTheParsedBodyOnSuccess', async () => {
    const body = await getJson('/api/system', { fetchImpl: answering(json(200, { version: '0.1.0' })) });
    assert.deepEqual(body, { version: '0.1.0' });
  });

  test('asksForJsonOnTheSameOriginWithoutCaching', async () => {
    let seen;
    await getJson('/api/system', { fetchImpl: async (url, init) => { seen = { url, init }; return json(200, {}); } });
    assert.equal(seen.url, '/api/system');
    assert.match(seen.init.headers.Accept, /application\/problem\+json/);
    assert.equal(seen.init.cache, 'no-store');
    assert.equal(seen.init.credentials, 'same-origin');
  });

  test('throwsTheProblemOfAFailedRequest', async () => {
    await assert.rejects(
      getJson('/api/branding', { fetchImpl: answering(problem(404, { title: 'Not Found', detail: 'Not deployed.' })) }),
      (error) => error instanceof ApiError && error.status === 404 && error.message === 'Not deployed.',
    );
  });

  test('returnsTheBodyOfAnAcceptedErrorStatus', async () => {
    const body = await getJson('/health/ready', {
      fetchImpl: answering(json(503, { status: 'DOWN', problems: ['io.lanvan.x: bundle RESOLVED'] })),
      acceptStatuses: [503],
    });
    assert.deepEqual(body.problems, ['io.lanvan.x: bundle RESOLVED']);
  });

  test('reportsANetworkFailureAsServerUnreachable', async () => {
    await assert.rejects(
      getJson('/api/system', { fetchImpl: async () => { throw new TypeError('Failed to fetch'); } }),
      (error) => error.unreachable && error.title === 'Server unreachable' && /same network/.test(error.message),
    );
  });

  test('reportsAServerThatDoesNotAnswerInTime', async () => {
    const hanging = (url, { signal }) => new Promise((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason));
    });
    // AbortSignal.timeout's timer does not keep Node's event loop alive; this one does.
    const keepAlive = setTimeout(() => {}, 5000);
    try {
      await assert.rejects(
        getJson('/api/system', { fetchImpl: hanging, timeoutMs: 1500 }),
        (error) => error instanceof ApiError && error.message === 'The server did not answer within 2 s.',
      );
    } finally {
      clearTimeout(keepAlive);
    }
  });

  test('reportsASuccessfulAnswerThatIsNotJson', async () => {
    await assert.rejects(
      getJson('/api/system', { fetchImpl: answering(new Response('<html></html>', { status: 200 })) }),
      (error) => error instanceof ApiError && /not valid JSON/.test(error.message),
    );
  });
});
