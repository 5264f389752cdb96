import pg from 'pg';
import { postgresConfig, resilientPool } from '../db/postgres';
import { noticeSchema, type Notice, type NoticeChannel } from './notices';

const CHANNEL = 'practice_circle_hub';
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;

/**
 * Notices through PostgreSQL's LISTEN/NOTIFY, so a device connected to any hub process hears of ops
 * pushed to any other. Listening takes a dedicated connection (a pooled one would be handed to other
 * queries); when it breaks it is made again, with growing pauses. Notices sent while it is down are
 * lost, which costs a device only a late pull: devices also pull on their own schedule.
 */
export class PostgresNoticeChannel implements NoticeChannel {
  private readonly config: pg.ClientConfig;
  private readonly sender: pg.Pool;
  private client: pg.Client | undefined;
  private listener: (notice: Notice) => void = () => undefined;
  private closed = false;
  private retryMs = RETRY_MIN_MS;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    databaseUrl: string,
    private readonly onError: (err: unknown) => void,
  ) {
    this.config = postgresConfig(databaseUrl);
    this.sender = resilientPool({ ...this.config, max: 2 });
  }

  /** Resolves once listening, so notices sent after a hub has started reach it. */
  async start(): Promise<void> {
    const client = new pg.Client(this.config);
    client.on('notification', (message) => this.receive(message.payload));
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('listening connection ended')));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
    this.retryMs = RETRY_MIN_MS;
  }

  private lost(client: pg.Client, err: unknown): void {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    this.onError(err);
    client.end().catch(() => undefined);
    this.reconnect();
  }

  private reconnect(): void {
    if (this.closed) return;
    this.retry = setTimeout(() => {
      this.start().catch((err: unknown) => {
        this.onError(err);
        this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
        this.reconnect();
      });
    }, this.retryMs);
    this.retry.unref();
  }

  private receive(payload: string | undefined): void {
    let parsed;
    try {
      parsed = noticeSchema.safeParse(JSON.parse(payload ?? ''));
    } catch {
      return; // not one of ours
    }
    if (parsed.success) this.listener(parsed.data);
  }

  async publish(notice: Notice): Promise<void> {
    await this.sender.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(notice)]);
  }

  listen(listener: (notice: Notice) => void): void {
    this.listener = listener;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
    await this.sender.end();
  }
}
