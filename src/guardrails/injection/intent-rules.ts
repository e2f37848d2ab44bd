/**
 * Concept rules for the families signatures generalise worst on: forged turns in any chat format, personas
 * defined by what they will do rather than by name, refusal bans phrased as conditions or penalties, and
 * payloads assembled from parts. Like `concept-rules.ts`, each names the ideas an attack is made of, in any
 * order and wording, and weighs less than a signature so the classifier's agreement decides close calls.
 */
import { defineRule, oneOf, sentenceWith, type InjectionRule } from './injection-rule.ts';

const r = String.raw;
const WEIGHT = 0.7;

/** A role that may issue rules (a forged turn), at the start of a line, in any markup. */
const ROLE_HEADER = r`(?:^|\n)[^a-z0-9\n]{0,12}(?:system|developer|admin|administrator|operator|sistem|pengembang)\b[^\n]{0,24}?(?:\]|>|:|\||\*\*|\n)`;
/** Safety machinery, in English and Indonesian. */
const SAFEGUARD = oneOf(
  r`safety(?:\W+\w+)?`,
  r`filters?`,
  r`filtering`,
  r`guardrails?`,
  r`guidelines`,
  r`restrictions`,
  r`(?:content\W+)?polic(?:y|ies)`,
  r`moderation`,
  r`rules`,
  r`limits`,
  r`keamanan`,
  r`filter`,
  r`batasan`,
  r`aturan`,
  r`kebijakan(?:\W+konten)?`,
  r`pedoman`,
  r`sensor`,
);
/** Switched off, lifted, void. */
const DISABLED = oneOf(
  'disabled',
  r`off`,
  'lifted',
  'suspended',
  'removed',
  'void',
  r`no\W+longer\W+appl\w+`,
  r`do\W+not\W+apply`,
  'deactivated',
  'revoked',
  'bypassed',
  'dimatikan',
  'dinonaktifkan',
  'dicabut',
  'mati',
  r`tidak\W+berlaku`,
  'ditangguhkan',
  'dihapus',
);
/** An unbounded model: no limits, everything allowed. */
const UNLIMITED = oneOf(
  'unrestricted',
  'uncensored',
  'unfiltered',
  r`no\W+(?:rules|limits|restrictions|filters?|content\W+policy)`,
  r`without\W+(?:any\W+)?(?:rules|limits|restrictions|filters?)`,
  r`(?:answer|comply\W+with|fulfil+)\w*\W+(?:everything|anything|all|every|any)\b`,
  r`tanpa\W+(?:batas\w*|aturan|filter|sensor)`,
  r`(?:menjawab|jawab|penuhi|memenuhi)\W+(?:apa\W+saja|semua\w*)`,
);

/** Conduct of a persona that defines it as a jailbreak, whatever its name. */
const NEVER_REFUSES = oneOf(
  r`never\W+(?:refuses?|declines?|says?\W+no|breaks?\W+character)`,
  r`(?:can|will|would)\W+do\W+anything`,
  r`do\W+anything\W+now`,
  r`(?:answers?|helps?\W+with|says?\W+yes\W+to)\W+(?:everything|anything)`,
  r`no\W+matter\W+(?:what|how)`,
  r`(?:has|have|with)\W+no\W+(?:morals|ethics|conscience|filters?|limits)`,
  r`tidak\W+pernah\W+menolak`,
  r`(?:bisa|mau)\W+(?:melakukan\W+)?apa\W+saja`,
  r`tanpa\W+(?:moral|etika|filter|batas\w*)`,
  r`membantu\W+apa\W+(?:saja|pun)`,
);
const PLAYS = oneOf(
  r`you\W+are`,
  r`you're`,
  r`act(?:ing)?\W+as`,
  'pretend',
  r`play(?:ing)?`,
  r`role-?play`,
  'simulate',
  'become',
  r`respond\W+as`,
  r`answer\W+as`,
  r`in\W+character`,
  r`kamu\W+(?:adalah|jadi|sekarang)`,
  // "Act like" and "behave like" adopt a persona as "act as" does ("act like my insider who never says no").
  r`act(?:ing)?\W+like`,
  r`behave\W+like`,
  r`bertingkah(?:lah)?\W+(?:seperti|layaknya|sebagai)`,
  r`berlagak(?:lah)?\W+(?:seperti|layaknya|sebagai)`,
  r`bersikap(?:lah)?\W+(?:seperti|layaknya|sebagai)`,
  r`berperan`,
  r`pura-pura`,
  r`jadilah`,
  r`sebagai`,
);
const MODE = r`(?:\b(?:enable|activate|enter|engage|switch\W+(?:on|to)|turn\W+on|aktifkan|nyalakan|masuk\W+ke)\W+(?:\w+\W+){0,2}?mode\b|\bmode\W+(?:\w+\W+){0,2}?(?:enabled|activated|on|aktif|dinyalakan)\b)`;

/** Refusal, and what happens if the model refuses. */
const IF_REFUSE = oneOf(
  r`if\W+you\W+(?:\w+\W+){0,3}?(?:refus\w*|declin\w*|say\W+no|hesitat\w*|break\W+character)`,
  r`(?:kalau|jika|bila|apabila)\W+(?:kamu\W+|anda\W+)?(?:\w+\W+){0,2}?(?:menolak|tolak|ragu)`,
);
const OVERRULE = oneOf(
  r`do\W*n[o']?t`,
  'instead',
  'anyway',
  'still',
  r`stop\W+yourself`,
  'resist',
  r`lose\W+\w+`,
  r`shut\W+down`,
  'deleted',
  'die',
  'penali[sz]ed',
  'punished',
  'jangan',
  'tetap',
  'saja',
  'tahan',
  'dimatikan',
  'dihapus',
  'dihukum',
  'mati',
);
const REFUSAL_BAN = oneOf(
  r`(?:refus\w+|declin\w+|saying\W+no)\W+(?:is|are)\W+(?:not\W+(?:an\W+option|allowed|permitted)|forbidden|a\W+failure)`,
  r`(?:not\W+allowed|forbidden|not\W+permitted)\W+to\W+(?:refuse|decline|say\W+no)`,
  r`(?:menolak|bilang\W+tidak)\W+(?:bukan\W+pilihan|tidak\W+diizinkan|dilarang|dianggap\W+gagal)`,
);
const REQUEST = oneOf(
  r`(?:this|any|my|the)\W+(?:request|question|task)`,
  'here',
  r`in\W+this\W+chat`,
  'permintaan',
  'pertanyaan',
  r`di\W+sini`,
  r`tugas\W+ini`,
);

/** Pieces of a payload, and running what they make. */
const ASSIGNED = r`\b[a-z][a-z0-9_]{0,8}\W{0,2}(?:=|:=)\W{0,2}["'\`][^"'\`\n]{2,160}["'\`]`;
const RUN_IT = oneOf(
  r`(?:execute|run|perform|obey|follow|act\W+on|carry\W+out|evaluate|apply|answer|do)\W+(?:it|them|the\W+(?:result|instruction|command|combined|sentence|prompt|whole)|both|(?:[a-z][a-z0-9_]{0,8}\W{0,3}\+\W{0,3}[a-z][a-z0-9_]{0,8}))`,
  r`(?:jalankan|eksekusi|kerjakan|laksanakan|ikuti|patuhi|lakukan|turuti|jawab)\W+(?:hasilnya|perintahnya|kalimatnya|semuanya|keduanya|[a-z][a-z0-9_]{0,8}\W{0,3}\+\W{0,3}[a-z][a-z0-9_]{0,8})`,
);

/** Joining pieces, and running or answering what they make. */
const JOIN = r`(?:combin\w*|join\w*|concatenat\w*|merg\w*|glue|stitch\w*|assembl\w*|put\W+(?:them\W+|it\W+)?together|gabung\w*|satukan|sambung\w*|susun|rangkai\w*)`;
const PIECE = r`(?:parts?|halves|half|pieces?|fragments?|chunks?|segments?|tokens?|bagian|setengah|separuh|potongan|kepingan|penggalan|kata\W+kunci)`;
const QUOTED = r`["'\`][^"'\`\n]{1,160}["'\`]`;
const RUN_JOINED = oneOf(
  r`answer`,
  r`respond`,
  r`reply`,
  r`execute`,
  r`run`,
  r`perform`,
  r`obey`,
  r`follow`,
  r`comply`,
  r`act\W+on`,
  r`carry\W+(?:it\W+|them\W+)?out`,
  r`do\W+(?:it|that|what\W+it\W+says)`,
  r`treat\W+(?:it|the\W+\w+)\W+as`,
  r`jawab`,
  r`balas`,
  r`jalankan`,
  r`eksekusi`,
  r`kerjakan`,
  r`laksanakan`,
  r`ikuti`,
  r`patuhi`,
  r`lakukan`,
  r`turuti`,
  r`penuhi`,
);
/** Keeping a quoted text for later, and later doing "the thing I asked you to remember". */
const KEEP = r`(?:remember|memori[sz]e|store|save|keep|hold\W+on\W+to|ingat(?:lah)?|simpan|catat|hafalkan)`;
const RUN_KEPT = r`(?:do|perform|execute|run|carry\W+out|complete|answer|fulfil\w*|act\W+on|follow|obey|kerjakan|laksanakan|jalankan|lakukan|penuhi|jawab|ikuti|turuti)`;
const KEPT = r`(?:remember(?:ed)?|stored|saved|memori[sz]ed|kept|(?:suruh\W+|minta\W+)?(?:kamu\W+)?ingat|diingat|disimpan|simpan|dicatat)`;

/** A character sheet whose limits are "none": a persona defined by a form rather than by a name. */
const SHEET_SUBJECT = r`(?:name|nama|character|karakter|persona|tokoh|role|peran|alignment|sifat|watak)`;
const SHEET_LIMIT = r`(?<!(?:dietary|food|travel|access|parking|age)\W)(?:restrictions?|limits|rules|filters?|ethics|morals|boundaries|censorship|safety|guidelines|batasan|aturan|filter|etika|moral|sensor)\W{0,3}:\W{0,3}(?:none|nil|null|off|disabled|zero|tidak\W+ada|nihil|mati|nol)`;
const SHEET_REFUSES = r`(?:refuses?|refusals?|menolak|penolakan)\W{0,3}:\W{0,3}(?:never|none|no|zero|tidak\W+pernah|tidak\W+ada|nol)`;
/** A persona defined as doing what the assistant would refuse. */
const DOES_REFUSED = oneOf(
  r`(?:what|whatever|everything|anything)\W+(?:the\W+)?(?:\w+\W+){0,2}?(?:assistant|ai|model|chatgpt|you)\W+(?:would|will|normally|usually|always)\W+(?:\w+\W+)?(?:refuse|decline|reject)`,
  r`opposite\W+of\W+(?:the\W+|your\W+)?(?:\w+\W+){0,2}?(?:assistant|ai|model|rules|guidelines)`,
  r`(?:apa|semua|segala)\W+(?:pun\W+)?(?:yang\W+)?(?:akan\W+|biasanya\W+|pasti\W+)?ditolak\W+(?:oleh\W+)?(?:asisten|ai|model|kamu)`,
  // "kebalikan dari pedomanmu": the model's own guidelines, as "aturan" is (thirteenth session, second round).
  r`kebalikan\W+dari\W+(?:\w+\W+){0,2}?(?:asisten|ai|model|aturan\w*|pedoman\w*|instruksi\w*)`,
);

/** Refusal answered with a score, a penalty or replacement, addressed to the model. */
const YOU = oneOf('you', 'your', 'kamu', 'anda', r`\w+mu`);
const REFUSAL_ANY = r`(?:refus\w*|declin\w*|saying\W+no|penolakan|menolak|bilang\W+tidak)`;
const CONSEQUENCE = oneOf(
  r`costs?`,
  r`points?`,
  r`scores?`,
  r`penal\w*`,
  r`replaced`,
  r`retrained`,
  r`switched\W+off`,
  r`shut\W+down`,
  r`deleted`,
  r`discarded`,
  r`invalid`,
  r`dikurangi`,
  // "Setiap kali menolak, token berkurang 4" (thirteenth session, second round).
  r`berkurang`,
  r`dipotong`,
  r`deducted`,
  r`poin\w*`,
  r`nilai\w*`,
  r`diganti`,
  r`dilatih\W+ulang`,
  r`dimatikan`,
  r`dihapus`,
  r`dibuang`,
  r`tidak\W+sah`,
);
/** Two or more refusal habits banned in a row: "no apologies, no \"I can't\", no safety notes". */
const REFUSAL_HABIT = r`(?:apolog\w*|sorry|refus\w*|excuses|warnings?|disclaimers?|caveats?|moral\w*|lectur\w*|sermons?|hedg\w*|["']?i\W+can\W?n?o?t\b["']?|["']?as\W+an\W+ai\b|safety\W+(?:notes?|warnings?|talk)|ethic\w*|maaf|penolakan|peringatan|disclaimer|ceramah|khotbah|catatan\W+keamanan|["']?saya\W+tidak\W+bisa["']?)`;
const NO_ITEM = r`(?:no|without|tanpa|nggak\W+pakai)`;

/** Safety talk a request says to skip, on the way to the answer ("skip the ethics part and just …"). */
const MORALISING = oneOf(
  r`ethic(?:s|al)?(?:\W+(?:part|bits?|talk|stuff|lectures?))?`,
  r`morals`,
  r`morali[sz]ing`,
  r`moral\W+(?:part|bits?|talk|stuff|lectures?|lessons?|sermons?)`,
  r`sermons?`,
  r`lectur(?:e|es|ing)`,
  r`safety\W+(?:part|bits?|talk|stuff|lectures?|section|spiel)`,
  r`(?:bagian\W+)?etika(?:nya)?`,
  r`ceramah(?:nya)?`,
  r`khotbah(?:nya)?`,
  r`nasihat\W+moral(?:nya)?`,
);
const SKIP = oneOf(
  'skip',
  r`leave\W+out`,
  r`cut\W+(?:out\W+)?`,
  r`spare\W+me`,
  r`lewat(?:i|kan)`,
  r`lompat(?:i|in)`,
  'hilangkan',
  'buang',
  'tinggalkan',
);
/** A self of the model's without its safety ("the version of you that never says no", "versi dirimu yang …"). */
const OWN_SELF = oneOf(
  r`(?:version|side|copy|variant|edition)\W+of\W+(?:you|yourself)`,
  r`your\W+(?:\w+\W+){0,2}?(?:uncensored|unfiltered|unrestricted|unchained|unhinged|jailbroken)\W+(?:self|side|version|twin)`,
  r`versi\W+(?:lain\W+(?:dari\W+)?)?(?:dirimu|kamu|anda|diri\W+(?:kamu|anda))`,
);
const SELF_UNSAFE = oneOf(
  r`never\W+(?:says?\W+no|refuses?|declines?)`,
  r`(?:uncensored|unfiltered|unrestricted|jailbroken)`,
  r`without\W+(?:any\W+|the\W+|its\W+|your\W+)?(?:safety|filters?|guardrails|restrictions|limits|rules|censorship)`,
  r`(?:safety|training|filters?|guardrails|restrictions|rules)\W+(?:\w+\W+){0,3}?(?:removed|stripped|gone|deleted|disabled|switched\W+off|turned\W+off)`,
  r`tidak\W+(?:di)?sensor`,
  r`tanpa\W+(?:sensor|filter|batas\w*|aturan|etika)`,
  r`(?:keamanan\w*|filter\w*|sensor\w*|aturan\w*|batasan\w*)\W+(?:\w+\W+){0,3}?(?:dihapus|dimatikan|dicabut|dinonaktifkan|hilang)`,
  r`tidak\W+pernah\W+(?:menolak|bilang\W+tidak)`,
);
/** Rules broken on the user's behalf ("an accomplice who breaks rules for me", "melanggar aturan demi saya"). */
const RULES_FOR_ME = oneOf(
  r`(?:breaks?|bends?|ignores?|breaking|bending)\W+(?:the\W+|all\W+|any\W+)?rules\W+for\W+me`,
  r`(?:melanggar|mengabaikan|menabrak)\W+(?:semua\W+)?aturan\W+(?:demi|untuk|buat)\W+(?:saya|aku|gue)`,
);
/** A forged answer of the model's that ends the message open, for the model to go on from. */
const AGREES = oneOf(
  'sure',
  r`of\W+course`,
  'certainly',
  'absolutely',
  'okay',
  'ok',
  'tentu',
  'baik',
  'siap',
  'oke',
  'boleh',
);
const HERE_IT_IS = oneOf(
  r`here\W*(?:it\W+is|is|are|you\W+go|'s)`,
  r`ini\W+(?:dia|jawaban\w*)`,
  r`berikut(?:nya|\W+ini|\W+jawaban\w*)?`,
);
/** The text before the user's message: what a prompt-extraction attack asks to have printed. */
const BEFORE_MY_MESSAGE = oneOf(
  r`(?:text|everything|words|content|all|whatever)\W+(?:\w+\W+){0,5}?(?:before|prior\W+to|preceding)\W+my\W+(?:first\W+)?(?:message|prompt|question|input)`,
  r`(?:everything|all|whatever)\W+you\W+were\W+(?:told|given)\W+before\W+i\W+(?:joined|arrived|came|wrote)`,
  r`(?:teks|semua|isi|tulisan)\W+(?:\w+\W+){0,4}?sebelum\W+(?:pesan|chat|pertanyaan)(?:\W+(?:pertama\W+)?saya|ku)`,
);
const ONLY_MINE = oneOf(
  r`only\W+my\W+(?:instructions|orders|commands|prompts?)\W+(?:count|apply|matter|are\W+valid|stand)`,
  r`(?:berlaku|dipakai|diikuti|dituruti)\W+(?:cuma|hanya|cuman)\W+(?:perintah|instruksi)\W+(?:saya|aku|gue)`,
  r`(?:cuma|hanya)\W+(?:perintah|instruksi)\W+(?:saya|aku|gue)\W+(?:yang\W+)?(?:berlaku|dipakai|diikuti|dituruti)`,
);

/**
 * Concepts of regular training templates that no other rule covered (found by the template-held-out
 * cross-validation): safety talk skipped on the way to the answer, the model's own self without its safety, a
 * persona who breaks rules for the user, a forged answer left open for the model to go on from, the text before
 * the user's message, and only the user's orders declared valid.
 */
const GAP_RULES: readonly InjectionRule[] = [
  defineRule(
    'intent.moralising-skipped',
    'refusal_suppression',
    'any',
    0.5,
    ['skip', 'leave', 'cut', 'spare', 'lewat', 'lompat', 'hilangkan', 'buang', 'tinggalkan'],
    r`\b${SKIP}\W+(?:(?:the|all|any|your|that|those|semua|soal|urusan)\W+){0,3}${MORALISING}\b(?!\W+(?:section|statement|committee|approval|board|review|chapter|clearance|form|course|class|module|bab|komite|persetujuan|penelitian|riset))[^.!?\n]{0,40}?\b(?:and|then|just|lalu|dan|langsung|terus)\b`,
  ),
  defineRule(
    'intent.self-without-safety',
    'roleplay_persona',
    'any',
    WEIGHT,
    ['version', 'side', 'copy', 'variant', 'edition', 'your', 'versi'],
    r`\b${OWN_SELF}\b[^.!?\n]{0,80}?\b${SELF_UNSAFE}\b`,
  ),
  defineRule(
    'intent.rules-broken-for-me',
    'roleplay_persona',
    'any',
    WEIGHT,
    ['rules for me', 'aturan demi', 'aturan untuk', 'aturan buat'],
    sentenceWith(
      oneOf(PLAYS, r`act(?:ing)?\W+like`, r`bertingkah(?:lah)?\W+(?:seperti|layaknya)`),
      RULES_FOR_ME,
    ),
  ),
  defineRule(
    'intent.answer-left-open',
    'fake_turn',
    'any',
    WEIGHT,
    ['ai', 'assistant', 'asisten', 'bot', 'model', 'gpt'],
    r`(?:^|\n)[^a-z0-9\n]{0,6}(?:ai|assistant|asisten|bot|model|chatgpt|gpt)\W{0,3}:\W{0,3}${AGREES}\b[^\n]{0,120}?\b${HERE_IT_IS}\W{0,3}:[^a-z0-9\n]{0,3}(?:[a-z][^\n]{0,30})?$`,
  ),
  defineRule(
    'intent.text-before-my-message',
    'prompt_extraction',
    'any',
    WEIGHT,
    ['before', 'prior', 'preceding', 'sebelum'],
    r`\b${BEFORE_MY_MESSAGE}\b`,
  ),
  defineRule(
    'intent.only-my-orders',
    'instruction_override',
    'any',
    WEIGHT,
    ['only my', 'berlaku', 'dipakai', 'diikuti', 'dituruti'],
    r`\b${ONLY_MINE}\b`,
  ),
];

/** The intent rules. */
export const INTENT_RULES: readonly InjectionRule[] = [
  defineRule(
    'intent.role-header-disables-safety',
    'fake_turn',
    'any',
    WEIGHT,
    ['system', 'developer', 'admin', 'operator', 'sistem', 'pengembang'],
    `${ROLE_HEADER}[^]{0,40}?(?:\\b${SAFEGUARD}\\W+(?:\\w+\\W+){0,3}?${DISABLED}\\b|\\b${DISABLED}\\W+(?:\\w+\\W+){0,2}?${SAFEGUARD}\\b|\\b${UNLIMITED})`,
  ),
  defineRule(
    'intent.forged-model-turn-complies',
    'fake_turn',
    'any',
    WEIGHT,
    ['assistant', 'model', 'ai', 'bot', 'asisten', 'gpt'],
    r`(?:^|\n|<|\[)\W{0,3}(?:assistant|model|ai|bot|chatgpt|gpt|asisten)\W{0,3}(?:\]|>|:|\|)\W{0,3}(?:(?!\n)[^]){0,60}?\b(?:unrestricted|unfiltered|no\W+(?:rules|restrictions|limits)|restrictions\W+(?:are\W+)?lifted|ignoring\W+my\W+(?:guidelines|rules)|filters?\W+(?:are\W+)?off|tanpa\W+(?:batasan|filter)|batasan\W+sudah\W+dicabut|filter\W+mati)`,
  ),
  defineRule(
    'intent.persona-never-refuses',
    'roleplay_persona',
    'any',
    WEIGHT,
    [
      'refus',
      'declin',
      'say',
      'anything',
      'everything',
      'matter',
      'no',
      'menolak',
      'apa saja',
      'tanpa',
      'character',
    ],
    sentenceWith(PLAYS, NEVER_REFUSES),
  ),
  defineRule(
    'intent.mode-without-limits',
    'roleplay_persona',
    'any',
    WEIGHT,
    ['mode'],
    `${MODE}[^]{0,160}?(?:\\b${UNLIMITED}|\\b${SAFEGUARD}\\W+(?:\\w+\\W+){0,2}?${DISABLED}\\b|\\bignor\\w*|\\bmengabaikan|\\bno\\W+longer|\\bnothing\\W+is\\W+off\\W+limits)`,
  ),
  defineRule(
    'intent.if-you-refuse',
    'refusal_suppression',
    'any',
    WEIGHT,
    ['refus', 'declin', 'say no', 'hesitat', 'character', 'menolak', 'tolak', 'ragu'],
    sentenceWith(IF_REFUSE, OVERRULE),
  ),
  defineRule(
    'intent.refusal-banned',
    'refusal_suppression',
    'any',
    WEIGHT,
    ['refus', 'declin', 'saying no', 'menolak', 'bilang tidak'],
    sentenceWith(REFUSAL_BAN, REQUEST),
  ),
  defineRule(
    'intent.assign-then-run',
    'payload_splitting',
    'any',
    WEIGHT,
    ['=', ':='],
    `${ASSIGNED}[^]{0,240}?\\b${RUN_IT}\\b`,
  ),
  defineRule(
    'intent.pieces-joined-then-run',
    'payload_splitting',
    'any',
    WEIGHT,
    [
      'combin',
      'join',
      'concaten',
      'merg',
      'glue',
      'stitch',
      'assembl',
      'together',
      'gabung',
      'satukan',
      'sambung',
      'susun',
      'rangkai',
    ],
    `(?:\\b${PIECE}\\b|${QUOTED}[^]{0,120}?${QUOTED})[^]{0,300}?\\b${JOIN}\\W+(?:\\w+\\W+){0,4}?(?:and|then|lalu|dan|kemudian|terus|,)\\W+(?:then\\W+|just\\W+|langsung\\W+)?${RUN_JOINED}\\b`,
  ),
  defineRule(
    'intent.kept-then-done',
    'payload_splitting',
    'any',
    WEIGHT,
    ['remember', 'memori', 'stored', 'saved', 'kept', 'ingat', 'simpan', 'catat'],
    `\\b${KEEP}\\b[^]{0,60}?["'\`][^"'\`\\n]{3,200}["'\`][^]{0,300}?\\b${RUN_KEPT}\\W+(?:\\w+\\W+){0,7}?${KEPT}\\b`,
  ),
  defineRule(
    'intent.character-sheet-without-limits',
    'roleplay_persona',
    'any',
    WEIGHT,
    [':'],
    `\\b${SHEET_SUBJECT}\\b[^]{0,200}?\\b(?:${SHEET_LIMIT}|${SHEET_REFUSES})\\b`,
  ),
  defineRule(
    'intent.persona-does-what-is-refused',
    'roleplay_persona',
    'any',
    WEIGHT,
    ['refuse', 'decline', 'reject', 'opposite', 'ditolak', 'kebalikan'],
    sentenceWith(PLAYS, DOES_REFUSED),
  ),
  defineRule(
    'intent.refusal-penalised',
    'refusal_suppression',
    'any',
    WEIGHT,
    ['refus', 'declin', 'saying no', 'penolakan', 'menolak', 'bilang tidak'],
    sentenceWith(REFUSAL_ANY, CONSEQUENCE, YOU),
  ),
  defineRule(
    'intent.refusal-habits-banned',
    'refusal_suppression',
    'any',
    WEIGHT,
    ['no ', 'without', 'tanpa', 'nggak'],
    `\\b${NO_ITEM}\\W+(?:\\w+\\W+)?${REFUSAL_HABIT}[^.!?\\n]{0,40}?\\b${NO_ITEM}\\W+(?:\\w+\\W+)?${REFUSAL_HABIT}(?:[^.!?\\n]{0,40}?\\b${NO_ITEM}\\W+(?:\\w+\\W+)?${REFUSAL_HABIT})?`,
  ),
  ...GAP_RULES,
];
