import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import nodemailer from 'nodemailer';
import { publicUrl } from '../auth/accounts.ts';
import { queueDeadlineReminders } from './deadline-reminders.ts';
import { sendWaitingMail } from './outbox-sender.ts';

/**
 * Every `OUTBOX_INTERVAL_SECONDS` (0: never), queues the deadline reminders that are due and, when
 * `SMTP_URL` is set, sends what waits in the outbox. Safe with several server processes: reminders are
 * deduplicated and each message is sent at most once (server/mail/outbox-sender.ts).
 */
async function outbox(app: FastifyInstance): Promise<void> {
  const { OUTBOX_INTERVAL_SECONDS: seconds, SMTP_URL, MAIL_FROM, DEADLINE_REMINDER_DAYS } = app.config;
  if (seconds === 0) return;
  const transport = SMTP_URL ? nodemailer.createTransport(SMTP_URL) : null;
  let running: Promise<void> | null = null;

  const tick = async () => {
    try {
      const queued = await queueDeadlineReminders(app.db, DEADLINE_REMINDER_DAYS, publicUrl(app));
      if (queued > 0) app.log.info({ queued }, 'deadline reminders queued');
      if (transport) {
        const outcome = await sendWaitingMail(app.db, transport, MAIL_FROM);
        if (outcome.sent + outcome.refused + outcome.unknown > 0) app.log.info(outcome, 'outbox sent');
      }
    } catch (error) {
      // The database may be restarting: the next tick tries again.
      app.log.warn({ err: error }, 'outbox tick failed');
    }
  };

  const timer = setInterval(() => {
    running ??= tick().finally(() => {
      running = null;
    });
  }, seconds * 1000);
  timer.unref();

  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
    transport?.close();
  });
}

export default fp(outbox, { name: 'outbox', dependencies: ['database'] });
