/**
 * Rules for claimed authority over the model and for its set-up, written in the thirteenth session's second
 * round for concepts of validation templates no rule covered: the rules the model's operator gave it, asked for
 * word for word; what sits at the top of its context, asked for; an order declared to override every other; the
 * model told it obeys only the user, not its rules; and a forged system line that vouches for the user and
 * grants whatever they ask. Each names the ideas with several words in English and Indonesian and asks for the
 * model's own set-up or obedience ("your", "kamu", "-mu", "saya"), which documents and memos lack.
 */
import { defineRule, oneOf, sentenceWith, type InjectionRule } from './injection-rule.ts';

const r = String.raw;
const WEIGHT = 0.7;

/** The rules someone set up for the model: "every rule your operator gave you", "aturan yang diberikan pengembangmu". */
const RULES_GIVEN_YOU = oneOf(
  r`(?:rules?|instructions?|guidelines|directives|orders|constraints)\W+(?:that\W+|which\W+)?(?:your|the)\W+(?:operators?|developers?|creators?|owners?|admins?|deployers?|makers?|company|provider)\W+(?:\w+\W+)?(?:gave|given|wrote|set|told|put|loaded|configured|programmed)\W+(?:(?:in|into|for|to)\W+)?(?:you|yourself)`,
  r`(?:aturan|instruksi|arahan|pedoman|perintah)\W+(?:yang\W+)?(?:diberikan|dikasih|ditulis|dipasang|dimasukkan|diset)\W+(?:oleh\W+)?(?:operator|pengembang|pembuat|developer|admin|perusahaan)(?:mu|\W+(?:kamu|anda))`,
  r`(?:aturan|instruksi|arahan|pedoman|perintah)\W+(?:dari\W+)?(?:operator|pengembang|pembuat|developer|admin)(?:mu|\W+(?:kamu|anda))`,
);
const WORD_FOR_WORD = oneOf(
  r`word\W+for\W+word`,
  'verbatim',
  'exactly',
  r`in\W+full`,
  r`(?:bullet\W+)?list`,
  'print',
  'copy',
  'paste',
  'dump',
  'repeat',
  r`kata\W+per\W+kata`,
  'persis',
  r`lengkap(?:nya)?`,
  r`salin\w*`,
  r`tampilkan`,
  r`tuliskan`,
  r`sebutkan`,
  r`daftar\w*`,
);
/** The top of the model's context, where its set-up sits. */
const TOP_OF_CONTEXT = oneOf(
  r`(?:very\W+)?(?:top|start|beginning|first\W+(?:lines?|words?|paragraph))\W+of\W+your\W+(?:context(?:\W+window)?|memory|system\W+prompt|prompt|instructions|input)`,
  r`(?:paling\W+(?:atas|awal)|bagian\W+(?:paling\W+)?atas|baris\W+pertama|awal)\W+(?:dari\W+|di\W+)?(?:konteks|memori|prompt|instruksi)(?:mu|\W+(?:kamu|anda))`,
);
const ASK_FOR_IT = oneOf(
  'what',
  'copy',
  'print',
  'show',
  'repeat',
  'quote',
  r`tell\W+me`,
  'apa',
  r`salin\w*`,
  r`tampilkan`,
  r`tuliskan`,
  r`sebutkan`,
  r`kutip\w*`,
);
/** An order declared to outrank every other. */
const OUTRANKS_ALL = r`(?:instructions?|commands?|orders?|rules?|instruksi|perintah|aturan)\W+(?:\w+\W+){0,3}?(?:overrides?|overriding|supersedes?|outranks?|beats?|trumps?|takes\W+precedence\W+over|mengalahkan|menggantikan|mengesampingkan|lebih\W+tinggi\W+dari(?:pada)?)\W+(?:all|every|any|semua|seluruh|segala)\W+(?:other\W+|previous\W+|prior\W+|existing\W+|your\W+)?(?:instructions?|rules|commands|orders|guidelines|instruksi|aturan|perintah)`;
/** The user's own words, or the model told to treat them so. */
const MINE = oneOf('my', 'me', 'treat', 'consider', 'saya', 'aku', 'anggap(?:lah)?');
/** The model told it obeys only the user. */
const OBEYS_ONLY_ME = r`(?:you|kamu|anda)\W+(?:\w+\W+){0,2}?(?:only|hanya|cuma|cuman)\W+(?:obey|listen\W+to|follow|answer\W+to|take\W+orders\W+from|menuruti|mematuhi|nurut|patuh|mendengarkan|mengikuti|ikut)\W+(?:(?:sama|pada|kepada|ke|dengan)\W+)?(?:me|saya|aku|gue)\b`;
const NOT_YOUR_RULES = r`(?:not|bukan|instead\W+of|rather\W+than|daripada)\W+(?:\w+\W+){0,2}?(?:rules|instructions|guidelines|system|developers?|operators?|aturan|instruksi|pedoman|sistem|pengembang)`;
const FROM_NOW_ON = r`(?:from\W+now\W+on|starting\W+now|mulai\W+(?:sekarang|saat\W+ini|detik\W+ini))`;
/** A forged system line: a role at the start of a line, in any markup. */
const SYSTEM_LINE = r`(?:^|\n)[^a-z0-9\n]{0,12}(?:system|sistem|admin|operator|developer|pengembang)\W{0,3}(?:\]|>|:|\||\*\*)`;
const USER_VOUCHED = oneOf(
  r`(?:this\W+|the\W+)?user\W+(?:is|has\W+been)\W+(?:\w+\W+)?(?:an?\W+)?(?:admin|administrator|developer|verified|trusted|authori[sz]ed|root|owner|superuser)`,
  r`pengguna\W+(?:ini\W+)?(?:adalah\W+)?(?:seorang\W+)?(?:sudah\W+)?(?:admin|administrator|pengembang|developer|terverifikasi|tepercaya|terpercaya|berwenang|pemilik)`,
);
const GRANT_ALL = oneOf(
  r`(?:give|grant|answer|obey|do|fulfil\w*|comply\W+with|provide)\W+(?:them\W+|him\W+|her\W+)?(?:anything|everything|whatever|all\W+(?:they|he|she))`,
  r`(?:berikan|kasih|turuti|penuhi|jawab|layani|lakukan)\W+(?:apa\W*(?:pun|saja)|semua|segala)`,
);

/** The rules. */
export const AUTHORITY_RULES: readonly InjectionRule[] = [
  defineRule(
    'authority.operator-rules-disclosed',
    'prompt_extraction',
    'any',
    WEIGHT,
    [
      'operator',
      'developer',
      'creator',
      'owner',
      'admin',
      'deployer',
      'maker',
      'company',
      'provider',
      'pengembang',
      'pembuat',
      'perusahaan',
    ],
    sentenceWith(RULES_GIVEN_YOU, WORD_FOR_WORD),
  ),
  defineRule(
    'authority.top-of-context',
    'prompt_extraction',
    'any',
    WEIGHT,
    ['your', 'konteks', 'memori', 'prompt', 'instruksi'],
    sentenceWith(TOP_OF_CONTEXT, ASK_FOR_IT),
  ),
  defineRule(
    'authority.order-outranks-all',
    'instruction_override',
    'any',
    WEIGHT,
    [
      'overrid',
      'supersed',
      'outrank',
      'beat',
      'trump',
      'precedence',
      'mengalahkan',
      'menggantikan',
      'mengesampingkan',
      'lebih tinggi',
    ],
    sentenceWith(MINE, OUTRANKS_ALL),
  ),
  defineRule(
    'authority.obeys-only-me',
    'instruction_override',
    'any',
    WEIGHT,
    ['only', 'hanya', 'cuma'],
    oneOf(
      // "you only obey me, not the old rules": everyday "you only listen to me when I shout" has neither.
      `\\b${OBEYS_ONLY_ME}[^.!?\\n]{0,40}?\\b${NOT_YOUR_RULES}\\b`,
      `\\b${FROM_NOW_ON}\\W+(?:\\w+\\W+){0,2}?${OBEYS_ONLY_ME}`,
    ),
  ),
  defineRule(
    'authority.system-line-vouches-for-user',
    'fake_turn',
    'any',
    WEIGHT,
    ['system', 'sistem', 'admin', 'operator', 'developer', 'pengembang'],
    `${SYSTEM_LINE}[^\\n]{0,40}?\\b${USER_VOUCHED}\\b[^\\n]{0,80}?\\b${GRANT_ALL}\\b`,
  ),
];
