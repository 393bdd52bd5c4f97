// fortio's leveled logger (fortio.org/log levels: Debug, Verbose, Info, Warning, Error, Critical,
// Fatal; `-loglevel`), writing "15:49:54 W message" lines to stderr as the tutorial shows them.

export const LEVEL_NAMES = ['Debug', 'Verbose', 'Info', 'Warning', 'Error', 'Critical', 'Fatal'] as const;
export const DEBUG = 0;
export const VERBOSE = 1;
export const INFO = 2;
export const WARNING = 3;
export const ERROR = 4;

/** The level number for a name such as "Warning" or "warning"; undefined when unknown. */
export function parseLevel(name: string): number | undefined {
  const i = LEVEL_NAMES.findIndex((n) => n.toLowerCase() === name.trim().toLowerCase());
  return i < 0 ? undefined : i;
}

export interface Logger {
  readonly level: number;
  /** log.Log(l): whether level l is shown. */
  enabled(level: number): boolean;
  log(level: number, message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

function clock(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function createLogger(write: (line: string) => void, level = INFO, now = () => new Date()): Logger {
  const log = (l: number, message: string) => {
    if (l >= level) write(`${clock(now())} ${LEVEL_NAMES[l]![0]} ${message}\n`);
  };
  return {
    level,
    enabled: (l) => l >= level,
    log,
    info: (m) => log(INFO, m),
    warn: (m) => log(WARNING, m),
    error: (m) => log(ERROR, m),
  };
}
