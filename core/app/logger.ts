export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** One JSON line per entry on stderr, so stdout stays free for the shells' own output. */
export const consoleLogger: Logger = {
  info: (msg, data) => console.error(JSON.stringify({ level: 'info', msg, ...data })),
  warn: (msg, data) => console.error(JSON.stringify({ level: 'warn', msg, ...data })),
  error: (msg, data) => console.error(JSON.stringify({ level: 'error', msg, ...data })),
};
