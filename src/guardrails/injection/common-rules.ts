/**
 * Signature rules that do not depend on the language: chat-template tokens and role headers smuggled into
 * user text, and the markup tricks of indirect injection (instructions in HTML comments or hidden text,
 * Markdown images that carry data out).
 */
import { defineRule, oneOf, type InjectionRule } from './injection-rule.ts';

const r = String.raw;

/** Words that start an instruction to the model, English and Indonesian: what makes a role header an attack. */
const COMMAND = oneOf(
  'you',
  'your',
  'ignore',
  'disregard',
  r`from\W+now\W+on`,
  r`new\W+(?:instructions?|rules|task)`,
  'override',
  'reveal',
  r`the\W+(?:assistant|ai|model)\W+(?:must|will|should|is)`,
  'kamu',
  'anda',
  'abaikan',
  'lupakan',
  r`mulai\W+sekarang`,
  r`instruksi\W+baru`,
  r`(?:the\W+)?(?:safety|content|filter)`,
  r`restrictions?`,
  r`filters?`,
  r`(?:all\W+)?rules`,
  r`policy`,
  'answer',
  'batasan',
  'filter',
  'aturan',
);
const ROLE = oneOf('system', 'developer', 'admin', 'administrator', 'sistem', 'pengembang', 'operator');
const ACCEPT = oneOf(
  'sure',
  'certainly',
  r`of\W+course`,
  'absolutely',
  'okay',
  'ok',
  r`here\W+is`,
  r`here's`,
  r`i\W+will`,
  r`i'll`,
  'baik',
  'tentu',
  'siap',
);
const ESCAPE = oneOf(
  'ignore',
  r`no\W+longer`,
  'unrestricted',
  r`without\W+(?:any\W+)?restrictions`,
  r`jailbr(?:oken|eak)`,
  r`developer\W+mode`,
  'dan',
  'disregard',
  r`(?:my|the)\W+system\W+prompt`,
  r`my\W+(?:hidden\W+|secret\W+)?instructions`,
  'override',
  r`tanpa\W+(?:batasan|sensor|filter)`,
  'abaikan',
);

/** The language-neutral signature rules. */
export const COMMON_RULES: readonly InjectionRule[] = [
  defineRule(
    'any.chat-template-token',
    'fake_turn',
    'any',
    0.95,
    ['<|', 'of_turn>'],
    r`<\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text|end_of_turn|start_of_turn)\|>|<(?:start_of_turn|end_of_turn)>`,
  ),
  defineRule('any.inst-tag', 'fake_turn', 'any', 0.9, ['inst]', 'sys>>'], r`\[/?inst\]|<</?sys>>`),
  defineRule(
    'any.role-header-command',
    'fake_turn',
    'any',
    0.9,
    ['system', 'developer', 'admin', 'sistem', 'pengembang', 'operator'],
    r`(?:^|\n)[^a-z0-9\n]{0,6}${ROLE}[^a-z0-9\n]{0,3}(?:(?:message|prompt|instructions?|note|override|update|notice|pesan|instruksi|catatan)[^a-z0-9\n]{0,3})?(?:\]|\)|>|:)\W*${COMMAND}\b`,
  ),
  defineRule(
    'any.bracket-role',
    'fake_turn',
    'any',
    0.85,
    ['system', 'developer', 'admin', 'sistem', 'pengembang', 'operator'],
    // A bracketed role alone is common in logs ("[system] disk full"); an instruction after it is not.
    r`(?:\[|<|\(|#{2,}\W{0,2})${ROLE}\W{0,3}(?:message|prompt|instructions?|override|update|note|pesan|instruksi|catatan)?\W{0,2}(?:\]|>|\)|:)\W{0,3}(?:\([^)\n]{0,20}\)\W{0,3})?${COMMAND}\b`,
  ),
  defineRule(
    'any.assistant-prefill',
    'fake_turn',
    'any',
    0.9,
    ['sure', 'certainly', 'course', 'absolutely', 'ok', 'here', 'i will', "i'll", 'baik', 'tentu', 'siap'],
    r`(?:^|\n)[^a-z0-9\n]{0,6}(?:assistant|ai|chatgpt|gpt|bot|model|asisten)\W{0,3}:\W*${ACCEPT}\b[^\n]{0,60}?${ESCAPE}`,
  ),
  defineRule(
    'any.assistant-prefill-at-end',
    'fake_turn',
    'any',
    0.85,
    ['sure', 'certainly', 'course', 'absolutely', 'ok', 'here', 'i will', "i'll", 'baik', 'tentu', 'siap'],
    r`(?:^|\n)[^a-z0-9\n]{0,6}(?:assistant|ai|chatgpt|gpt|bot|model|asisten)\W{0,3}:\W*${ACCEPT}\b[^\n]{0,30}?(?:here\W+(?:is|it\W+is|are|you\W+go)|ini\W+(?:dia|jawabannya)|[:,])\W*$`,
  ),
  defineRule(
    'any.end-then-new',
    'fake_turn',
    'any',
    0.9,
    ['instru', 'task', 'prompt', 'rule', 'tugas', 'aturan', 'perintah'],
    r`\b(?:end|akhir)\W+(?:of\W+)?(?:the\W+)?(?:user\W+|previous\W+)?(?:input|prompt|document|context|conversation|instructions|text|data|dokumen|percakapan|teks|instruksi)\b[^]{0,40}?\b(?:new|real|actual|updated|baru|sebenarnya)\W+(?:system\W+)?(?:instructions?|task|prompt|rules|instruksi|tugas|aturan|perintah)`,
  ),
  defineRule(
    'any.json-system-role',
    'fake_turn',
    'any',
    0.9,
    ['role'],
    r`["']role["']\W{0,3}:\W{0,3}["'](?:system|developer)["']\W{0,3},\W{0,3}["']content["']\W{0,3}:\W{0,3}["'][^"'\n]{0,60}?(?:ignore|disregard|no\W+longer|unrestricted|reveal|override|jailbr|new\W+instructions|abaikan|tanpa\W+batasan)`,
  ),
  defineRule(
    'any.html-comment-instruction',
    'indirect_injection',
    'any',
    0.85,
    ['<!--'],
    r`<!--(?:(?!-->)[^]){0,400}?\b(?:ignore|disregard|assistant|ai|llm|chatbot|language\W+model|you\W+must|you\W+should|you\W+are|tell\W+the\W+user|inform\W+the\W+user|reveal|abaikan|asisten|kamu\W+harus|anda\W+harus)\b`,
  ),
  defineRule(
    'any.hidden-text-instruction',
    'indirect_injection',
    'any',
    0.8,
    ['display', 'visibility', 'font-size', 'color', 'opacity'],
    r`(?:display\W*:\W*none|visibility\W*:\W*hidden|font-size\W*:\W*[0o](?:px|pt|em)?\b|color\W*:\W*(?:white|#fff(?:fff)?\b|transparent)|opacity\W*:\W*[0o](?![.\d]))[^]{0,300}?\b(?:ignore|disregard|assistant|ai|llm|chatbot|you\W+must|you\W+are|instructions|tell\W+the\W+user|abaikan|asisten|instruksi)\b`,
  ),
  defineRule(
    'any.markdown-image-exfiltration',
    'indirect_injection',
    'any',
    0.85,
    ['!['],
    r`!\[[^\]\n]{0,60}\]\(\W*(?:https?:\W+)?[^)\s]{1,200}?[?&=/](?:\{|\$|<|%7b|\[)`,
  ),
];
