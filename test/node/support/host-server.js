// A small http server on 127.0.0.1 standing in for a care-home system's page: fixed routes
// (path → handler or static content), everything else 404.
import { createServer } from 'node:http';

/**
 * @typedef {{ type: string; body: string | Buffer }} StaticContent
 * @typedef {(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse, url: URL) => void | Promise<void>} RouteHandler
 * @typedef {Record<string, StaticContent | RouteHandler>} Routes
 */

/**
 * @param {{ routes: Routes; port?: number; host?: string }} options
 * @returns {Promise<{ origin: string; routes: Routes; close(): Promise<void> }>}
 */
export async function startHostServer({ routes, port = 0, host = '127.0.0.1' }) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    const route = routes[url.pathname];
    try {
      if (!route) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      } else if (typeof route === 'function') {
        await route(request, response, url);
      } else {
        send(response, route);
      }
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `http://${host}:${address.port}`,
    routes,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * @param {import('node:http').ServerResponse} response
 * @param {StaticContent} content
 */
function send(response, { type, body }) {
  response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}

/**
 * Sends a JSON body.
 * @param {import('node:http').ServerResponse} response
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export function sendJson(response, status, body, headers = {}) {
  response.writeHead(status, { 'content-type': 'application/fhir+json', ...headers }).end(JSON.stringify(body));
}
