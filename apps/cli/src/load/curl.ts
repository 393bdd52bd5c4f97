// -curl: fetch once and print the response (fortio/fortio bincommon/commonflags.go FetchURL): the
// status line and headers on stderr (stdout with -curl-stdout-headers), the body on stdout, and
// exit 1 with "Error status N" unless the status is 200.
import { headerBlock, requestOptions, SOCKET_ERROR, type RequestSpec, transport } from './client.js';
import type { Logger } from './log.js';

export interface CurlIo {
  stdout: { write(chunk: string | Uint8Array): unknown };
  stderr: { write(chunk: string | Uint8Array): unknown };
}

/** Resolves to the status code, -1 when no response came back. */
export function curl(spec: RequestSpec, io: CurlIo, headersToStdout: boolean, log: Logger): Promise<number> {
  return new Promise((resolve) => {
    let code = SOCKET_ERROR;
    const req = transport(spec.url).request({ ...requestOptions(spec), agent: false }, (res) => {
      code = res.statusCode ?? SOCKET_ERROR;
      (headersToStdout ? io.stdout : io.stderr).write(headerBlock(res));
      res.on('data', (chunk: Buffer) => io.stdout.write(chunk));
      res.on('end', () => resolve(code));
      res.on('error', (err) => {
        log.error(`Unable to read response from ${spec.url.href}: ${err.message}`);
        resolve(SOCKET_ERROR);
      });
    });
    req.setTimeout(spec.timeoutMs, () => req.destroy(new Error(`timeout after ${spec.timeoutMs}ms`)));
    req.on('error', (err) => {
      log.error(`Unable to fetch ${spec.url.href}: ${err.message}`);
      resolve(SOCKET_ERROR);
    });
    req.end(spec.payload);
  });
}

/** FetchURL's exit status: 0 for 200, else 1 after logging "Error status N". */
export async function runCurl(spec: RequestSpec, io: CurlIo, headersToStdout: boolean, log: Logger): Promise<number> {
  const code = await curl(spec, io, headersToStdout, log);
  if (code !== 200) {
    log.error(`Error status ${code}`);
    return 1;
  }
  return 0;
}
