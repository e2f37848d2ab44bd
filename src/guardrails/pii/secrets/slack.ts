/** Slack bot, user, app and refresh tokens (xoxb-, xoxp-, xapp- …) and incoming-webhook URLs. */
import type { Recognizer } from '../recognizer.ts';
import { createTokenRecognizer } from './token-recognizer.ts';

/** Slack tokens: the prefix, then a numeric team or version segment (placeholders such as `xoxb-your-token` lack it). */
export const slackTokenRecognizer: Recognizer = createTokenRecognizer({
  category: 'slack_token',
  pattern: /(?<![A-Za-z0-9-])(?:xox[abposre]|xapp)-\d+-[0-9A-Za-z-]{8,250}(?![A-Za-z0-9-])/g,
  keywords: ['xox', 'xapp-'],
  score: 0.95,
  minEntropy: 3,
  maxLength: 255,
});

/** Slack incoming webhooks and workflow triggers: the URL itself is the credential. */
export const slackWebhookRecognizer: Recognizer = createTokenRecognizer({
  category: 'slack_webhook',
  pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/+-]{20,200}/g,
  keywords: ['hooks.slack.com'],
  score: 0.95,
  minEntropy: 3.5,
  maxLength: 240,
});
