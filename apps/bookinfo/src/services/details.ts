// details: the book's details as JSON at `/details/<id>`, like Istio's Bookinfo details v1.
import type { RequestListener } from 'node:http';
import { type ListenOptions, listen, pathOf, productId, type RunningService, sendJson } from './server.js';

export interface DetailsOptions {
  /** Instance (pod) name, e.g. `details-v1-1`; answered in the `x-instance` header. */
  instance?: string;
}

/** The one book Bookinfo knows, whatever the id. */
export function bookDetails(id: number) {
  return {
    id,
    author: 'William Shakespeare',
    year: 1595,
    type: 'paperback',
    pages: 200,
    publisher: 'PublisherA',
    language: 'English',
    'ISBN-10': '1234567890',
    'ISBN-13': '123-1234567890',
  };
}

export function createDetails(options: DetailsOptions = {}): RequestListener {
  const instance = options.instance ?? 'details-v1';
  return (req, res) => {
    const path = pathOf(req.url);
    const headers = { 'x-instance': instance };
    if (path === '/health') return sendJson(res, 200, { status: 'Details is healthy' }, headers);
    if (!/^\/details\/\d+$/.test(path)) return sendJson(res, 404, { error: 'please provide a numeric product id' }, headers);
    sendJson(res, 200, bookDetails(productId(path, 'details')), headers);
  };
}

export function startDetails(options: DetailsOptions & ListenOptions = {}): Promise<RunningService> {
  return listen(createDetails(options), options);
}
