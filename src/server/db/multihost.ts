import pg from 'pg';

/**
 * Multi-host database addresses (issue 18, failover): node-postgres takes one host, so an address
 * such as `postgres://app:pw@db1:5432,db2:5432/kopru?target_session_attrs=read-write` is handled here.
 * The pool's connections are made by a client class that connects to the host last found writable,
 * checks on every new connection that it still is (`pg_is_in_recovery()` false and
 * `transaction_read_only` off, as libpq's `read-write`), and after a connection error or a failed
 * check looks through the listed hosts again. A connection lost in a failover fails the request that
 * was using it; the next connection goes to the new primary. An address with one host is left to
 * node-postgres as it is.
 */

export interface HostPort {
  host: string;
  port: number;
}

export interface ParsedAddress {
  hosts: HostPort[];
  user: string;
  password: string;
  database: string;
  /** The query parameters other than target_session_attrs (sslmode, application_name…). */
  params: Record<string, string>;
  /** What a connection must be: `read-write` (the default with several hosts) or `any`. */
  targetSessionAttrs: 'read-write' | 'any';
}

const ADDRESS = /^postgres(?:ql)?:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/;

/** Whether the address lists several hosts (`host1:port1,host2:port2`). */
export function isMultiHost(url: string): boolean {
  const match = ADDRESS.exec(url);
  return !!match && (match[3] ?? '').includes(',');
}

/** Splits a (possibly multi-host) postgres:// address; throws on one it cannot read. */
export function parseAddress(url: string): ParsedAddress {
  const match = ADDRESS.exec(url);
  if (!match) throw new Error('not a postgres:// address');
  const [, user = '', password = '', hostList = '', database = '', query = ''] = match;
  const hosts = hostList.split(',').map((entry) => {
    const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    const [host, port] = bracket ? [bracket[1]!, bracket[2]] : (entry.split(':') as [string, string?]);
    if (!host) throw new Error(`empty host in the address's host list`);
    if (port !== undefined && !/^\d{1,5}$/.test(port)) throw new Error(`"${port}" is not a port`);
    return { host: decodeURIComponent(host), port: port ? Number(port) : 5432 };
  });
  const params: Record<string, string> = {};
  let targetSessionAttrs: ParsedAddress['targetSessionAttrs'] = 'read-write';
  for (const [key, value] of new URLSearchParams(query)) {
    if (key === 'target_session_attrs') {
      if (value === 'any') targetSessionAttrs = 'any';
      else if (value === 'read-write' || value === 'primary') targetSessionAttrs = 'read-write';
      else throw new Error(`target_session_attrs=${value} is not supported (read-write, primary or any)`);
    } else params[key] = value;
  }
  return {
    hosts,
    user: decodeURIComponent(user),
    password: decodeURIComponent(password),
    database: decodeURIComponent(database),
    params,
    targetSessionAttrs,
  };
}

/** The role named by a (possibly multi-host) address, or '' (config checks). */
export function addressUser(url: string): string {
  try {
    return parseAddress(url).user;
  } catch {
    return '';
  }
}

type ClientClass = typeof pg.Client;

/**
 * A node-postgres client class that connects to the writable one of `address`'s hosts (see above).
 * One class per pool: the host found is shared by the pool's connections.
 */
export function primaryFindingClient(address: ParsedAddress, connectTimeoutMs = 5000): ClientClass {
  let current: HostPort | undefined;
  let search: Promise<HostPort> | undefined;
  const base: pg.ClientConfig = {
    user: address.user,
    password: address.password,
    database: address.database,
    connectionTimeoutMillis: connectTimeoutMs,
    ...(address.params.application_name ? { application_name: address.params.application_name } : {}),
    ...(address.params.sslmode && address.params.sslmode !== 'disable' ? { ssl: { rejectUnauthorized: false } } : {}),
  };
  const writable = async (client: pg.Client): Promise<boolean> => {
    if (address.targetSessionAttrs === 'any') return true;
    const result = await client.query<{ ok: boolean }>(
      "SELECT NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off' AS ok",
    );
    return result.rows[0]?.ok === true;
  };
  /** Tries the hosts in order (the last one found first): the first writable one. */
  const find = async (): Promise<HostPort> => {
    const order = current ? [current, ...address.hosts.filter((h) => h !== current)] : address.hosts;
    const reasons: string[] = [];
    for (const candidate of order) {
      const probe = new pg.Client({ ...base, host: candidate.host, port: candidate.port });
      probe.on('error', () => {});
      try {
        await probe.connect();
        if (await writable(probe)) return candidate;
        reasons.push(`${candidate.host}:${candidate.port} is read-only`);
      } catch (err) {
        reasons.push(`${candidate.host}:${candidate.port}: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        await probe.end().catch(() => {});
      }
    }
    throw new Error(`no writable database server among the listed hosts (${reasons.join('; ')})`);
  };
  const primary = (): Promise<HostPort> => {
    if (current) return Promise.resolve(current);
    search ??= find()
      .then((found) => (current = found))
      .finally(() => (search = undefined));
    return search;
  };
  const forget = (host: HostPort) => {
    if (current === host) current = undefined;
  };

  class PrimaryFindingClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      // The pool's (or pg-boss's) own settings, without an address of their own, over the address's.
      const own = Object.fromEntries(
        Object.entries(typeof config === 'object' ? config : {}).filter(
          ([key, value]) => value !== undefined && key !== 'connectionString',
        ),
      );
      super({ ...base, ...own, host: address.hosts[0]!.host, port: address.hosts[0]!.port });
    }

    // node-postgres's pool calls connect(callback); others await connect().
    override connect(): Promise<pg.Client>;
    override connect(callback: (err: Error | null, client?: pg.Client) => void): void;
    override connect(callback?: (err: Error | null, client?: pg.Client) => void): Promise<pg.Client> | void {
      const connecting = this.connectToPrimary().then(() => this as pg.Client);
      if (!callback) return connecting;
      connecting.then(
        (client) => callback(null, client),
        (err: Error) => callback(err),
      );
    }

    private async connectToPrimary(): Promise<void> {
      const target = await primary();
      // Read by node-postgres when it opens the socket.
      const self = this as unknown as { host: string; port: number; connectionParameters: HostPort };
      self.host = self.connectionParameters.host = target.host;
      self.port = self.connectionParameters.port = target.port;
      // A connection that breaks later (the server went away) makes the pool look again.
      this.on('error', () => forget(target));
      try {
        await super.connect();
      } catch (err) {
        forget(target);
        throw err;
      }
      let ok: boolean;
      try {
        ok = await writable(this);
      } catch (err) {
        forget(target);
        await this.end().catch(() => {});
        throw err;
      }
      if (!ok) {
        forget(target);
        await this.end().catch(() => {});
        throw new Error(`${target.host}:${target.port} is no longer writable (failover): looking again`);
      }
    }
  }
  return PrimaryFindingClient;
}

/** node-postgres settings for an address: as it is with one host, through the client above with several. */
export function poolConfig(url: string): pg.PoolConfig {
  if (!isMultiHost(url)) return { connectionString: url };
  const address = parseAddress(url);
  return { Client: primaryFindingClient(address) };
}

/** A single connection (not pooled) to the address's writable server. */
export function newClient(url: string): pg.Client {
  if (!isMultiHost(url)) return new pg.Client({ connectionString: url });
  const Client = primaryFindingClient(parseAddress(url));
  return new Client();
}
