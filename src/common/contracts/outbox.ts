/**
 * The outbox's API: the messages (e-mail, SMS) the organisation sent or, in demo mode, captured, found
 * by status, channel or recipient, and a failed one sent again.
 */
import { Type, type Static } from 'typebox';
import { defineOp } from './op.ts';
import { IdParams, Literals, Nullable, Page } from './schema.ts';

/** pending → sending → sent | failed (after the last retry) | captured (demo mode: shown, not sent). */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'captured'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
export const OUTBOX_CHANNELS = ['email', 'sms'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

/** The reasons a message was not sent that the outbox and its SMS provider record, each with a sentence under admin.outbox.failures. */
export const OUTBOX_FAILURES = ['cancelled', 'noChannel', 'providerRefused', 'providerUnreachable'] as const;
export type OutboxFailure = (typeof OUTBOX_FAILURES)[number];

/**
 * Why a message was not sent, read from its `lastError` as the outbox (`cancelQueued`, a channel with no
 * transport) and the HTTP SMS provider write it: the reason and its values, or null for any other text
 * (an SMTP server's answer, say), which the outbox screen shows as it was given.
 */
export function failureReason(lastError: string): { key: OutboxFailure; values: Record<string, string> } | null {
  if (lastError === 'cancelled') return { key: 'cancelled', values: {} };
  const noChannel = /^no (email|sms) channel configured$/.exec(lastError);
  if (noChannel) return { key: 'noChannel', values: { channel: noChannel[1]! } };
  const refused = /^SMS provider answered (\d+)$/.exec(lastError);
  if (refused) return { key: 'providerRefused', values: { status: refused[1]! } };
  const unreachable = /^SMS provider unreachable: (.*)$/s.exec(lastError);
  if (unreachable) return { key: 'providerUnreachable', values: { detail: unreachable[1]! } };
  return null;
}

const tags = ['outbox'] as const;

export const OutboxMessage = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  recipient: Type.String(),
  template: Type.String(),
  locale: Type.String(),
  subject: Nullable(Type.String()),
  body: Nullable(
    Type.String({ description: 'Shown in demo mode only, and never for a message carrying a code or a password link' }),
  ),
  bodyWithheld: Nullable(
    Type.Union([Type.Literal('secret'), Type.Literal('production')], {
      description: 'Why the body is not shown: it carries a secret, or this is not a demo instance',
    }),
  ),
  status: Type.String(),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  createdAt: Type.String(),
  sentAt: Nullable(Type.String()),
});
export type OutboxMessage = Static<typeof OutboxMessage>;

const ListFields = {
  status: Type.Optional(Literals(OUTBOX_STATUSES)),
  channel: Type.Optional(Literals(OUTBOX_CHANNELS)),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 25 }),
};

/** The route that takes the recipient in its body (named by the list's refusal of search words). */
export const OUTBOX_SEARCH = 'POST /api/v1/outbox/search';

// ---- operations ------------------------------------------------------------------------------------

export const listOutbox = defineOp({
  method: 'GET',
  path: '/outbox',
  tags,
  summary: 'Messages sent (or, in demo mode, captured) by the organisation, newest first',
  access: 'outbox:read',
  query: Type.Object(ListFields),
  response: Page(OutboxMessage),
});

export const searchOutbox = defineOp({
  method: 'POST',
  path: '/outbox/search',
  tags,
  summary: 'Find messages by their recipient (a phone number in any common format, or part of an e-mail address)',
  description:
    'The recipient travels in the body, never in the address (proxies log addresses). ' +
    'Same scope, permission, audit and answer as GET /outbox.',
  access: 'outbox:read',
  body: Type.Object(
    {
      q: Type.Optional(Type.String({ maxLength: 100, description: 'A phone number or an e-mail address' })),
      ...ListFields,
    },
    { additionalProperties: false },
  ),
  response: Page(OutboxMessage),
});

export const getOutboxMessage = defineOp({
  method: 'GET',
  path: '/outbox/:id',
  tags,
  summary: 'One message',
  access: 'outbox:read',
  params: IdParams,
  response: OutboxMessage,
});

export const retryOutboxMessage = defineOp({
  method: 'POST',
  path: '/outbox/:id/retry',
  tags,
  summary: 'Send a failed message again',
  access: 'outbox:read',
  params: IdParams,
  response: OutboxMessage,
});
