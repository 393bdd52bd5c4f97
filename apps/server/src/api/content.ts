// Request bodies as kubectl and scripts send them: JSON, YAML (read as kubectl reads
// YAML), the two patch formats, and server-side apply. Strategic merge patch is refused
// with the apiserver's 415 message, since no Istio kind supports it (kubectl-api.md §5).
import type { FastifyInstance } from 'fastify';
import { RudderError } from '@rudder/shared/errors';
import { parseYamlDocuments, YamlError } from '@rudder/shared/yaml';

/** The body as the client sent it, parsed, plus its media type for the patch routes. */
export interface ParsedBody {
  mediaType: string;
  /** Every document (YAML streams can hold several); JSON gives one. */
  documents: unknown[];
}

export const JSON_TYPES = ['application/json', 'application/merge-patch+json', 'application/json-patch+json'];
export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'application/apply-patch+yaml'];
const SMP = 'application/strategic-merge-patch+json';

export function registerBodyParsers(app: FastifyInstance) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser([...JSON_TYPES, ...YAML_TYPES], { parseAs: 'string' }, (request, body, done) => {
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    try {
      done(null, { mediaType, documents: parseBody(mediaType, body as string) } satisfies ParsedBody);
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addContentTypeParser(SMP, { parseAs: 'string' }, (_request, _body, done) => {
    done(
      new RudderError(
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
      ),
      undefined,
    );
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, _body, done) => {
    done(
      new RudderError('UnsupportedMediaType', `unsupported media type ${JSON.stringify(request.headers['content-type'] ?? '')}: send application/json or application/yaml`),
      undefined,
    );
  });
}

function parseBody(mediaType: string, text: string): unknown[] {
  if (JSON_TYPES.includes(mediaType)) {
    try {
      return [JSON.parse(text)];
    } catch (error) {
      throw new RudderError('BadRequest', `the request body is not valid JSON: ${(error as Error).message}`);
    }
  }
  try {
    return parseYamlDocuments(text);
  } catch (error) {
    if (error instanceof YamlError) throw new RudderError('BadRequest', `the request body is not valid YAML: ${error.message}`);
    throw error;
  }
}

/** The single document of a body, or a BadRequest. */
export function singleDocument(body: unknown): unknown {
  const parsed = body as ParsedBody | undefined;
  if (!parsed || parsed.documents.length === 0) throw new RudderError('BadRequest', 'the request body is empty');
  if (parsed.documents.length > 1) {
    throw new RudderError('BadRequest', `the request body holds ${parsed.documents.length} documents; send one, or use /rudder/v1/apply`);
  }
  return parsed.documents[0];
}
