// The relay channels, each speaking its provider's documented request format:
// Twilio Messages API, Telegram Bot API sendMessage, and a generic webhook signed with HMAC-SHA256.
import { traceHeaders } from '@vigil/exporter-kit';
import { createHmac } from 'node:crypto';

export interface RelayMessage {
  text: string;
  /** The structured form, sent as is by the generic webhook. */
  payload: Record<string, unknown>;
}

export interface ChannelSender {
  send(to: string, message: RelayMessage, signal: AbortSignal): Promise<number>;
}

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
  }
}

async function expectOk(res: Response, what: string): Promise<string> {
  const body = await res.text();
  if (!res.ok) throw new DeliveryError(`${what} answered HTTP ${res.status}: ${body.slice(0, 200)}`, res.status);
  return body;
}

export class TwilioSms implements ChannelSender {
  constructor(
    private readonly baseUrl: string,
    private readonly accountSid: string,
    private readonly authToken: string,
    private readonly from: string,
  ) {}

  async send(to: string, m: RelayMessage, signal: AbortSignal): Promise<number> {
    const url = `${this.baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(this.accountSid)}/Messages.json`;
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: 'Basic ' + Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64'),
        'content-type': 'application/x-www-form-urlencoded',
      },
      // SMS bodies are capped at 1600 characters by Twilio.
      body: new URLSearchParams({ To: to, From: this.from, Body: m.text.slice(0, 1600) }).toString(),
      signal,
    });
    await expectOk(res, 'Twilio');
    return res.status;
  }
}

export class TelegramBot implements ChannelSender {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async send(chatId: string, m: RelayMessage, signal: AbortSignal): Promise<number> {
    const res = await fetch(`${this.baseUrl.replace(/\/$/, '')}/bot${this.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: chatId, text: m.text.slice(0, 4096), disable_web_page_preview: true }),
      signal,
    });
    const body = await expectOk(res, 'Telegram');
    // The Bot API reports failures as {"ok": false, "description": ...}.
    let parsed: { ok?: boolean; description?: string } = {};
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new DeliveryError('Telegram answered with a body that is not JSON', res.status);
    }
    if (parsed.ok !== true) throw new DeliveryError(`Telegram: ${parsed.description ?? 'ok is not true'}`, res.status);
    return res.status;
  }
}

/** Signature header value: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">. */
export function signWebhook(secret: string, timestampSec: number, body: string): string {
  return `t=${timestampSec},v1=${createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex')}`;
}

export class SignedWebhook implements ChannelSender {
  constructor(
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  async send(url: string, m: RelayMessage, signal: AbortSignal): Promise<number> {
    const body = JSON.stringify(m.payload);
    const res = await fetch(url, {
      method: 'POST',
      // traceparent: the receiver's own trace of the alert joins the journal's.
      headers: traceHeaders({ 'content-type': 'application/json', 'x-vigil-signature': signWebhook(this.secret, Math.floor(this.now() / 1000), body) }),
      body,
      signal,
    });
    await expectOk(res, 'webhook');
    return res.status;
  }
}
