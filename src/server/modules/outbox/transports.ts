import fs from 'node:fs';
import nodemailer from 'nodemailer';
import type { Config } from '../../config/config.ts';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
}

export interface OutgoingSms {
  to: string;
  text: string;
}

export interface SendResult {
  providerMessageId: string | null;
}

/** A delivery failure; `permanent` failures are not retried. */
export class DeliveryError extends Error {
  readonly permanent: boolean;
  constructor(message: string, permanent = false) {
    super(message);
    this.name = 'DeliveryError';
    this.permanent = permanent;
  }
}

export interface EmailTransport {
  send(message: OutgoingEmail): Promise<SendResult>;
}

/** The SMS provider interface: one adapter per provider. */
export interface SmsProvider {
  send(message: OutgoingSms): Promise<SendResult>;
}

export interface Transports {
  email: EmailTransport | null;
  sms: SmsProvider | null;
}

export function smtpTransport(url: string, from: string): EmailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(message) {
      const info = (await transporter.sendMail({ from, ...message })) as { messageId?: string };
      return { providerMessageId: info.messageId ?? null };
    },
  };
}

/**
 * A generic HTTP SMS gateway: POST {to, text, sender} as JSON with a bearer token. Most Turkish
 * providers (and aggregators) accept this shape or a thin proxy in front of them.
 */
export function httpSmsProvider(options: {
  url: string;
  token: string | undefined;
  sender: string;
  fetchImpl?: typeof fetch;
}): SmsProvider {
  const doFetch = options.fetchImpl ?? fetch;
  return {
    async send(message) {
      let response: Response;
      try {
        response = await doFetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          },
          body: JSON.stringify({ to: message.to, text: message.text, sender: options.sender }),
          signal: AbortSignal.timeout(10_000),
        });
      } catch (error) {
        throw new DeliveryError(`SMS provider unreachable: ${(error as Error).message}`);
      }
      if (!response.ok) {
        // 4xx other than 429 means the provider refused this message: retrying will not help.
        const permanent = response.status >= 400 && response.status < 500 && response.status !== 429;
        throw new DeliveryError(`SMS provider answered ${response.status}`, permanent);
      }
      const body = (await response.json().catch(() => ({}))) as { id?: unknown; messageId?: unknown };
      const id = body.id ?? body.messageId;
      return { providerMessageId: typeof id === 'string' || typeof id === 'number' ? String(id) : null };
    },
  };
}

/** A message as a test-only capturing transport received it. */
export interface CapturedMessage {
  channel: 'email' | 'sms';
  to: string;
  subject: string | null;
  text: string;
  at: string;
}

/**
 * Test-only transports that keep what they are given, in memory and, when a file is named, as JSON
 * lines in that file (the browser tests read sign-in codes and links there, from another process).
 * Never configured in production mode (see config.ts: KOPRU_TEST_MESSAGE_FILE).
 */
export function capturingTransports(file?: string): { transports: Transports; sent: CapturedMessage[] } {
  const sent: CapturedMessage[] = [];
  const keep = (message: Omit<CapturedMessage, 'at'>): SendResult => {
    const entry = { ...message, at: new Date().toISOString() };
    sent.push(entry);
    if (file) fs.appendFileSync(file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
    return { providerMessageId: `captured-${sent.length}` };
  };
  return {
    sent,
    transports: {
      email: { send: async (m) => keep({ channel: 'email', to: m.to, subject: m.subject, text: m.text }) },
      sms: { send: async (m) => keep({ channel: 'sms', to: m.to, subject: null, text: m.text }) },
    },
  };
}

export function transportsFromConfig(config: Config): Transports {
  if (config.testMessageFile) return capturingTransports(config.testMessageFile).transports;
  return {
    email: config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailFrom) : null,
    sms: config.sms.provider === 'http' ? httpSmsProvider(config.sms) : null,
  };
}
