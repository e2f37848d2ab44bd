/** Stripe secret and restricted keys (sk_live_, rk_test_ …) and webhook signing secrets (whsec_). */
import type { Recognizer } from '../recognizer.ts';
import { createTokenRecognizer } from './token-recognizer.ts';

/** Stripe keys; publishable keys (pk_) are public by design and not reported. */
export const stripeKeyRecognizer: Recognizer = createTokenRecognizer({
  category: 'stripe_key',
  pattern: /(?<![A-Za-z0-9_])(?:[sr]k_(?:live|test|prod)|whsec)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g,
  keywords: ['sk_', 'rk_', 'whsec_'],
  score: 0.95,
  minEntropy: 3,
  maxLength: 256,
});
