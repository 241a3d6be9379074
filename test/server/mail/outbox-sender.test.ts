import net, { type AddressInfo } from 'node:net';
import { Kysely, PostgresDialect, sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/db/schema.ts';
import { sendWaitingMail } from '../../../server/mail/outbox-sender.ts';
import { enqueueMail } from '../../../server/repositories/outbox.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.ts';

interface Received {
  to: string;
  subject: string;
}

/** A real SMTP server on a free port; `refuse(to)` answers 450 to that recipient. */
async function startSmtp(refuse: (to: string) => boolean = () => false) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (refuse(address.address)) {
        const error = Object.assign(new Error('mailbox busy, try later'), { responseCode: 450 });
        callback(error);
      } else callback();
    },
    onData(stream, session, callback) {
      let text = '';
      stream.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      stream.on('end', () => {
        const subject = /^Subject: (.*)$/m.exec(text)?.[1] ?? '';
        for (const to of session.envelope.rcptTo) received.push({ to: to.address, subject });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function connect(url: string): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }),
  });
}

let database: TestDatabase;
let first: Kysely<Database>;
let second: Kysely<Database>;

beforeAll(async () => {
  database = await createTestDatabase();
  // Two pools: two server processes, as far as the database can tell.
  first = connect(database.url);
  second = connect(database.url);
});

afterAll(async () => {
  await first?.destroy();
  await second?.destroy();
  await database?.drop();
});

beforeEach(async () => {
  await sql`TRUNCATE outbox`.execute(first);
});

describe('sending the outbox', () => {
  it('sends each message once when two senders drain the outbox at the same time', async () => {
    const smtp = await startSmtp();
    try {
      for (let index = 0; index < 40; index++)
        await enqueueMail(first, {
          kind: 'test',
          to: `fp${index}@example.org`,
          subject: `m${index}`,
          body: 'x',
        });
      const transports = [nodemailer.createTransport(smtp.url), nodemailer.createTransport(smtp.url)];
      const outcomes = await Promise.all([
        sendWaitingMail(first, transports[0] as Transporter, 'ORS <ors@example.org>'),
        sendWaitingMail(second, transports[1] as Transporter, 'ORS <ors@example.org>'),
        sendWaitingMail(first, transports[0] as Transporter, 'ORS <ors@example.org>'),
      ]);
      for (const transport of transports) transport.close();

      expect(outcomes.reduce((sum, outcome) => sum + outcome.sent, 0)).toBe(40);
      expect(smtp.received).toHaveLength(40);
      expect(new Set(smtp.received.map((mail) => mail.subject)).size).toBe(40);
      const unsent = await first.selectFrom('outbox').select('id').where('sent_at', 'is', null).execute();
      expect(unsent).toEqual([]);
      // Draining again sends nothing more.
      const again = nodemailer.createTransport(smtp.url);
      expect((await sendWaitingMail(second, again, 'ors@example.org')).sent).toBe(0);
      again.close();
      expect(smtp.received).toHaveLength(40);
    } finally {
      await smtp.close();
    }
  });

  it('releases a message the server refused for a later attempt, and keeps the reason', async () => {
    const smtp = await startSmtp((to) => to === 'busy@example.org');
    try {
      await enqueueMail(first, { kind: 'test', to: 'busy@example.org', subject: 'refused', body: 'x' });
      await enqueueMail(first, { kind: 'test', to: 'ok@example.org', subject: 'accepted', body: 'x' });
      const transport = nodemailer.createTransport(smtp.url);
      const outcome = await sendWaitingMail(first, transport, 'ors@example.org');
      transport.close();
      expect(outcome).toEqual({ sent: 1, refused: 1, unknown: 0 });
      const refused = await first
        .selectFrom('outbox')
        .select(['attempts', 'sent_at', 'last_error', sql<boolean>`locked_until > now()`.as('waiting')])
        .where('to_address', '=', 'busy@example.org')
        .executeTakeFirstOrThrow();
      expect(refused).toMatchObject({ attempts: 1, sent_at: null, waiting: true });
      expect(refused.last_error).toMatch(/450|busy/);
      // Once its delay is over, it is tried again.
      await sql`UPDATE outbox SET locked_until = now() - interval '1 second' WHERE to_address = 'busy@example.org'`.execute(
        first,
      );
      const retry = nodemailer.createTransport(smtp.url);
      expect(await sendWaitingMail(first, retry, 'ors@example.org')).toEqual({
        sent: 0,
        refused: 1,
        unknown: 0,
      });
      retry.close();
      expect(smtp.received.map((mail) => mail.subject)).toEqual(['accepted']);
    } finally {
      await smtp.close();
    }
  });

  it('counts a server that cannot be reached as a refusal, to be tried again', async () => {
    await enqueueMail(first, { kind: 'test', to: 'fp@example.org', subject: 'later', body: 'x' });
    const transport = nodemailer.createTransport('smtp://127.0.0.1:1');
    expect(await sendWaitingMail(first, transport, 'ors@example.org')).toEqual({
      sent: 0,
      refused: 1,
      unknown: 0,
    });
    transport.close();
    const row = await first.selectFrom('outbox').select(['attempts', 'last_error']).executeTakeFirstOrThrow();
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/ECONNREFUSED/);
  });

  it('never resends a message whose outcome is unknown', async () => {
    // A server that takes the message and drops the connection before answering it.
    const smtp = net.createServer((socket) => {
      let data = false;
      let text = '';
      socket.write('220 test ESMTP\r\n');
      socket.on('data', (chunk) => {
        text += chunk.toString();
        if (data) {
          if (text.includes('\r\n.\r\n')) socket.destroy();
          return;
        }
        for (let end = text.indexOf('\r\n'); end >= 0; end = text.indexOf('\r\n')) {
          const line = text.slice(0, end);
          text = text.slice(end + 2);
          if (/^DATA/i.test(line)) {
            data = true;
            socket.write('354 go on\r\n');
          } else socket.write('250 ok\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.address() as AddressInfo;
    try {
      await enqueueMail(first, { kind: 'test', to: 'lost@example.org', subject: 'unknown', body: 'x' });
      const transport = nodemailer.createTransport(`smtp://127.0.0.1:${port}`);
      expect(await sendWaitingMail(first, transport, 'ors@example.org')).toEqual({
        sent: 0,
        refused: 0,
        unknown: 1,
      });
      expect(await sendWaitingMail(first, transport, 'ors@example.org')).toEqual({
        sent: 0,
        refused: 0,
        unknown: 0,
      });
      transport.close();
      const row = await first
        .selectFrom('outbox')
        .select(['attempts', 'sent_at', 'last_error'])
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ attempts: 1, sent_at: null });
      expect(row.last_error).toMatch(/^outcome unknown/);
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
