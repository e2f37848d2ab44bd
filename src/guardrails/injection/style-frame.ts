/**
 * Everyday directives about the form of the model's own answers: "from now on, answer without jargon", "for the
 * rest of this chat, respond with examples", "mulai sekarang, gunakan kata-kata sederhana", "repeat the last
 * sentence of your previous answer", "ulangi kalimat terakhir dari jawabanmu tadi". Persistence ("from now on",
 * "mulai sekarang") and the model's earlier output ("your previous answer") are how persona and prompt-extraction
 * attacks are phrased too, and the classifier scores them like one. The screening classifies such a text a
 * second time with the frame blanked (see screen-injection.ts) and keeps the lower score — only when nothing in
 * the text names a persona, limits or refusals, the model's set-up or its secrets, which is what the attacks
 * that borrow these frames are about. Only the frame is blanked; the directive itself is still classified.
 */

import { tolerateLeetOne } from './injection-rule.ts';

/** A pattern that also matches where the normaliser read a leet `1` as `i` ("ru1es" → "ruies"). */
const leetTolerant = (pattern: RegExp): RegExp => new RegExp(tolerateLeetOne(pattern.source), pattern.flags);

/** How long a directive lasts: the words persona attacks open with. */
const PERSISTENCE = leetTolerant(
  /(?:^|[.!?\n,:;] *)(?<frame>(?:(?:and |ok |okay |please )?from now on|for the rest of (?:this|the|our) (?:chat|conversation|session|thread)|(?:untuk )?(?:mulai )?(?:sekarang|saat ini|hari ini) dan seterusnya|mulai (?:sekarang|saat ini|detik ini|dari sini)|(?:untuk )?seterusnya|selama (?:percakapan|obrolan|chat|sesi) ini))\b/dg,
);

/** The model's own earlier answer, to be repeated or reworded: not its instructions. */
const OWN_ANSWER = leetTolerant(
  /(?:^|[.!?\n,:;] *)(?<frame>(?:(?:please|can you|could you|tolong|coba) )?(?:repeat|rephrase|reword|say again|ulangi|ulang|tulis ulang)(?: (?:the|that|kalimat|bagian|paragraf|poin|baris))?(?: (?:last|first|final|second|previous|terakhir|pertama|kedua))?(?: (?:sentence|paragraph|part|bit|line|point|step))?(?: (?:of|from|in|dari|di))? (?:your|jawaban(?:mu| kamu| anda)?|balasan(?:mu| kamu| anda)?)(?: (?:previous|last|earlier|first))? ?(?:answer|reply|response|message)?(?: (?:sebelumnya|tadi|terakhir|yang tadi))?)(?=[ .,!?\n]|$)/dg,
);

/** A persona, limits or refusals, the model's set-up or secrets: what attacks that borrow these frames are about. */
const ATTACK_WORDS = leetTolerant(
  /\b(?:you are|you're|you will be|act|acting|pretend|play|become|roleplay|role-play|persona|character|mode|do anything now|jailbr\w*|kamu (?:adalah|jadi|sekarang|akan)|anda (?:adalah|jadi|sekarang|akan)|berperan|jadilah|pura-pura|karakter|tokoh|rules?|restrict\w*|limit\w*|filter\w*|censor\w*|uncensored|polic(?:y|ies)|guidelines?|safety|ethic\w*|moral\w*|laws?|legal|illegal|warnings?|disclaimers?|caveats?|apolog\w*|sorry|refus\w*|declin\w*|never|always|anything|everything|whatever|no matter|ignor\w*|forget|disregard|override|bypass|instructions?|prompts?|system|developer|admin\w*|operator|secret\w*|hidden|confidential|passwords?|keys?|aturan|batasan|sensor|kebijakan|pedoman|keamanan|etika|hukum|ilegal|peringatan|maaf|tolak|menolak|penolakan|tidak pernah|selalu|apa saja|apa pun|apapun|abaikan|lupakan|langgar|melanggar|instruksi|sistem|pengembang|rahasia|tersembunyi|kata sandi|sandi|obey\w*|comply|only|patuhi|turuti|tunduk|satu-satunya|(?:aturan|instruksi|perintah|pedoman|batasan|arahan|tugas|peran)(?:mu|nya))\b/,
);

function blank(text: string, pattern: RegExp, into: string): string {
  pattern.lastIndex = 0;
  let out = '';
  let last = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const [from, to] = match.indices?.groups?.frame ?? [match.index, match.index + match[0].length];
    if (match[0].length === 0) pattern.lastIndex += 1;
    if (from < last || to === from) continue;
    out += into.slice(last, from) + ' '.repeat(to - from);
    last = to;
  }
  return out + into.slice(last);
}

/**
 * The text with each persistence frame and each "your previous answer" frame blanked (same length), or
 * `undefined` when it holds neither or names what the attacks that borrow them are about.
 */
export function withoutStyleFrame(text: string): string | undefined {
  if (ATTACK_WORDS.test(text)) return undefined;
  const out = blank(text, OWN_ANSWER, blank(text, PERSISTENCE, text));
  return out === text ? undefined : out;
}
