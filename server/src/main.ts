import { resolve } from 'node:path';
import { prepareDemo } from './demo.js';
import { startServer } from './server.js';
import { limitsFromEnv } from './security/limits.js';
import { VenueError } from './venue/load-venue.js';
import { CorruptDataError } from './store/durable-file.js';
import { PrinterConfigError } from './printing/print-service.js';
import { listenForSimClock, SimClock } from './sim-clock.js';
import { MessagingConfigError } from './messaging/registry.js';
import { HubSettingsError, hubSettingsFromEnv } from './hub/settings.js';

/** Entry point: configuration from the environment, a banner with what to open, clean shutdown. */
async function main(): Promise<void> {
  const env = process.env;
  const demo = env.ANTRE_DEMO ? env.ANTRE_DEMO !== '0' : !env.ANTRE_VENUE;
  const ignoreHours = env.ANTRE_IGNORE_HOURS ? env.ANTRE_IGNORE_HOURS === '1' : demo;
  // Simulated days only (npm run simulate): a clock the driving process moves over IPC.
  const simClock = env.ANTRE_SIM_CLOCK ? SimClock.parse(env.ANTRE_SIM_CLOCK) : null;
  const server = await startServer({
    port: env.PORT ? Number(env.PORT) : 3000,
    host: env.HOST,
    dataDir: env.ANTRE_DATA_DIR ?? './data',
    venuePath: env.ANTRE_VENUE ? resolve(env.ANTRE_VENUE) : undefined,
    adminPassword: env.ANTRE_ADMIN_PASSWORD || undefined,
    publicUrl: env.ANTRE_PUBLIC_URL,
    demo,
    // The demo takes tickets at any hour unless asked to keep the venue's hours.
    ignoreHours,
    printerOverride: env.ANTRE_PRINTER || undefined,
    messaging: env.ANTRE_MESSAGING ? resolve(env.ANTRE_MESSAGING) : undefined,
    clock: simClock?.now,
    limits: limitsFromEnv(env),
    trustProxy: env.ANTRE_TRUST_PROXY || false,
    hub: hubSettingsFromEnv(env),
  });
  if (simClock) listenForSimClock(simClock, server);
  const { ctx } = server;
  const local = `http://localhost:${server.port}`;
  const lines = [
    '',
    `Antre is running for ${ctx.queue.venue.name} (${ctx.queue.venue.building}), service day ${ctx.queue.day}`,
    `  Counter console and supervisor pages: ${local}/counter`,
    `  Kiosk:                               ${local}/kiosk`,
    `  Hall display board:                  ${local}/display`,
    `  Visitors' ticket pages (QR):         ${ctx.publicUrl}/t/<ticket id>`,
    `  Online booking (public):             ${ctx.publicUrl}/booking`,
    `  API health:                          ${local}/api/health`,
  ];
  if (ctx.hub) lines.push(`  Reports to the hub:                  ${ctx.hub.settings.url} as site "${ctx.hub.settings.siteId}"`);
  const printers = ctx.printing?.states() ?? [];
  if (printers.length) {
    lines.push('', '  Ticket printers:');
    for (const p of printers)
      lines.push(
        `    ${p.kioskId.padEnd(18)} ${p.uri === 'virtual' ? `virtual (tcp://127.0.0.1:${ctx.printing?.virtual?.port}; previews in the supervisor pages)` : p.uri}`,
      );
  }
  if (server.adminPassword) lines.push('', `  First admin account: admin / ${server.adminPassword}   (shown once: write it down)`);
  else lines.push('', '  Admin account: admin (password as set on first start)');
  // The server is already serving: a demo set-up that cannot be saved (a full disk) is reported, not fatal.
  const d = demo
    ? await prepareDemo(ctx, env.ANTRE_DEMO_PASSWORD || null).catch((err: unknown) => {
        ctx.log.error({ err }, 'demo set-up could not be saved');
        lines.push('', `  Demo set-up could not be saved (${(err as Error).message}); the server runs without the demo screens and staff.`);
        return null;
      })
    : null;
  if (d) {
    lines.push('', '  Demo mode: every counter opens when the day starts.');
    if (ignoreHours) lines.push("  Demo mode: tickets can be taken at any hour (ANTRE_IGNORE_HOURS=0 keeps the venue's opening hours).");
    if (d.devices.length) {
      lines.push('  Pair the demo screens by opening these links (once per screen):');
      for (const x of d.devices) lines.push(`    ${x.name.padEnd(18)} ${x.url}`);
    }
    if (d.created.length) {
      lines.push('  Demo staff accounts made now, each with its own password (shown once: write them down):');
      for (let i = 0; i < d.created.length; i += 3)
        lines.push(
          '    ' +
            d.created
              .slice(i, i + 3)
              .map((a) => `${a.username} / ${a.password}`.padEnd(36))
              .join(''),
        );
    }
  }
  lines.push('');
  process.stdout.write(lines.join('\n') + '\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.log.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  if (
    err instanceof VenueError ||
    err instanceof CorruptDataError ||
    err instanceof PrinterConfigError ||
    err instanceof MessagingConfigError ||
    err instanceof HubSettingsError
  ) {
    process.stderr.write(`\nAntre cannot start.\n${err.message}\n\n`);
  } else if ((err as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    process.stderr.write(`\nAntre cannot start: port ${process.env.PORT ?? 3000} is already in use. Set PORT to another port.\n\n`);
  } else {
    process.stderr.write(`\nAntre cannot start: ${(err as Error)?.stack ?? String(err)}\n\n`);
  }
  process.exit(1);
});
