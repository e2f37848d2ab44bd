/**
 * Code-host and registry tokens: GitHub (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_), GitLab (glpat-) and npm
 * (npm_) — all with documented prefixes.
 */
import type { Recognizer } from '../recognizer.ts';
import { createTokenRecognizer } from './token-recognizer.ts';

/** GitHub personal, OAuth, user-to-server, server-to-server and refresh tokens, and fine-grained PATs. */
export const githubTokenRecognizer: Recognizer = createTokenRecognizer({
  category: 'github_token',
  pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{70,100})(?![A-Za-z0-9_])/g,
  keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  score: 0.95,
  minEntropy: 3.5,
  maxLength: 111,
});

/** GitLab personal access tokens. */
export const gitlabTokenRecognizer: Recognizer = createTokenRecognizer({
  category: 'gitlab_token',
  pattern: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_.-]{20,80}(?![A-Za-z0-9_-])/g,
  keywords: ['glpat-'],
  score: 0.95,
  minEntropy: 3.5,
  maxLength: 86,
});

/** npm access tokens. */
export const npmTokenRecognizer: Recognizer = createTokenRecognizer({
  category: 'npm_token',
  pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
  keywords: ['npm_'],
  score: 0.95,
  minEntropy: 3.5,
  maxLength: 40,
});
