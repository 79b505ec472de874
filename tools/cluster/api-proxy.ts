import { type IncomingMessage, type Server, type ServerResponse, createServer, request } from 'node:http';

/**
 * One address in front of several API processes, as a load balancer does in production: round robin over the
 * backends; a backend that refuses the connection is marked down for a few seconds and the request goes to the
 * next one (nothing reached the refused backend, so resending any request is safe). A backend that fails after it
 * took the request is not retried (the request may have acted): the client gets 502, as from any gateway.
 * The request body is buffered (the API caps bodies itself) so that it can be resent.
 */
export class ApiProxy {
  private next = 0;
  private readonly downUntil = new Map<string, number>();
  private server?: Server;
  readonly counts = new Map<string, number>();

  constructor(readonly backends: string[], private readonly downForMs = 3_000) {}

  listen(port: number, host = '127.0.0.1'): Promise<number> {
    this.server = createServer((req, res) => void this.handle(req, res));
    // Long-lived keep-alive connections of clients must not keep the proxy from closing.
    this.server.keepAliveTimeout = 5_000;
    return new Promise((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve((this.server!.address() as { port: number }).port));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** The backends in the order to try them for the next request: the live ones first, from the round-robin cursor. */
  order(now = Date.now()): string[] {
    const start = this.next++ % this.backends.length;
    const rotated = [...this.backends.slice(start), ...this.backends.slice(0, start)];
    const up = rotated.filter((b) => (this.downUntil.get(b) ?? 0) <= now);
    return [...up, ...rotated.filter((b) => !up.includes(b))];
  }

  /** A backend that refused a connection is tried last for `downForMs`. */
  markDown(backend: string, now = Date.now()): void {
    this.downUntil.set(backend, now + this.downForMs);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    for (const backend of this.order()) {
      const outcome = await this.forward(backend, req, body, res);
      if (outcome === 'done') return;
      this.markDown(backend);
    }
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'API_UNAVAILABLE', message: '没有可用的 API 进程 / no API process is available' }));
  }

  /** 'refused': the backend never took the request (safe to try another); 'done': answered (or failed midway: 502). */
  private forward(backend: string, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<'done' | 'refused'> {
    const target = new URL(backend);
    return new Promise((resolve) => {
      let connected = false;
      const headers = { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '', 'content-length': String(body.length) };
      // A new connection per request (no keep-alive agent): an error before it connects then surely means the backend
      // never saw the request.
      const out = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: false }, (upstream) => {
        this.counts.set(backend, (this.counts.get(backend) ?? 0) + 1);
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
        upstream.once('end', () => resolve('done'));
        upstream.once('error', () => { res.destroy(); resolve('done'); });
      });
      out.once('socket', (s) => s.once('connect', () => { connected = true; }));
      out.once('error', () => {
        if (!connected) return resolve('refused');
        if (!res.headersSent) {
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ code: 'API_BACKEND_FAILED', message: 'API 进程处理请求时中断 / the API process failed while handling the request' }));
        } else res.destroy();
        resolve('done');
      });
      out.end(body);
    });
  }
}
