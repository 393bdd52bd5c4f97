// PATCH bodies: JSON merge patch (RFC 7386: objects merge, null deletes, arrays are
// replaced whole) and JSON patch (RFC 6902). Server-side apply, which needs the field
// manager, is managed-fields.ts.
import jsonMergePatch from 'json-merge-patch';
import fastJsonPatch, { type Operation } from 'fast-json-patch';
import type { Resource } from '@rudder/shared/kinds';
import { RudderError } from '@rudder/shared/errors';
import type { ParsedBody } from '../content.js';

export function applyPatch(body: ParsedBody | undefined, current: Resource | undefined): unknown {
  if (!body || body.documents.length !== 1) throw new RudderError('BadRequest', 'a patch body holds exactly one document');
  const patch = body.documents[0];
  switch (body.mediaType) {
    case 'application/merge-patch+json':
      return jsonMergePatch.apply(structuredClone(current), patch);
    case 'application/json-patch+json':
      return jsonPatch(current, patch);
    default:
      throw new RudderError(
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
      );
  }
}

function jsonPatch(current: Resource | undefined, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw new RudderError('BadRequest', 'a JSON patch must be an array of operations');
  const problem = fastJsonPatch.validate(patch as Operation[], structuredClone(current));
  if (problem) throw new RudderError('BadRequest', `the JSON patch is invalid: ${problem.name}: ${problem.message.split('\n')[0]}`);
  try {
    return fastJsonPatch.applyPatch(structuredClone(current), patch as Operation[], true, false).newDocument;
  } catch (error) {
    throw new RudderError('Invalid', `the JSON patch could not be applied: ${(error as Error).message.split('\n')[0]}`);
  }
}
