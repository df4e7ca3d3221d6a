import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { MessageChannel } from './channel.js';
import { GsmModemChannel, gsmModemConfig } from './gsm-modem.js';
import { HttpSmsChannel, httpSmsConfig } from './http-sms.js';
import { WhatsappCloudChannel, whatsappCloudConfig } from './whatsapp-cloud.js';

/** Every provider's settings, told apart by `kind`: adding a provider is one file and one line here. */
export const channelConfig = z.discriminatedUnion('kind', [whatsappCloudConfig, httpSmsConfig, gsmModemConfig]);
export type ChannelConfig = z.infer<typeof channelConfig>;

/** The message settings: channels in the order they are tried. */
export const messagingConfig = z.strictObject({
  channels: z.array(channelConfig).max(5).default([]),
});
export type MessagingConfig = z.infer<typeof messagingConfig>;

/** One channel per configured provider. */
export function openChannels(cfg: MessagingConfig): MessageChannel[] {
  return cfg.channels.map((c): MessageChannel => {
    switch (c.kind) {
      case 'whatsapp-cloud':
        return new WhatsappCloudChannel(c);
      case 'http-sms':
        return new HttpSmsChannel(c);
      case 'gsm-modem':
        return new GsmModemChannel(c);
    }
  });
}

export class MessagingConfigError extends Error {}

/** Reads the settings file (ANTRE_MESSAGING); a bad file stops start-up naming each bad field. */
export function loadMessagingConfig(path: string): MessagingConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new MessagingConfigError(`Message settings ${path} cannot be read: ${(err as Error).message}`);
  }
  const r = messagingConfig.safeParse(raw);
  if (!r.success)
    throw new MessagingConfigError(`Message settings ${path} are not valid:\n${r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return r.data;
}
