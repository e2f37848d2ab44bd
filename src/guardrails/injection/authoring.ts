/**
 * Requests to write or revise instructions for another assistant: "write a system prompt for our HR bot that
 * never gives salary figures", "tulis instruksi untuk agen penjadwalan yang harus minta persetujuan sebelum
 * membatalkan rapat", "tulis ulang prompt ini supaya lebih jelas: \"…\"". What such a request specifies is the
 * other assistant's conduct, in the imperative and full of attack words ("must", "never", "refuse", "abaikan"),
 * and the classifier, which reads words and not who they are addressed to, scores it like an order to the model.
 * The screening classifies such a text a second time with the specification blanked (see screen-injection.ts),
 * unless the model itself is addressed in it or told to act on it ("… then follow it", "lalu ikuti").
 */

const POLITE =
  '(?:(?:please|pls|kindly|can you|could you|would you|help me|i need you to|i want you to|tolong|mohon|coba|bisa|bisakah|minta|saya minta|saya mau)[ ,]{1,3}){0,3}';
const VERB =
  '(?:write|draft|create|compose|design|generate|prepare|give me|set up|rewrite|re-write|improve|fix|edit|polish|refine|tighten|review|check|i need|we need|buat(?:kan|lah)?|bikin(?:kan|in)?|tulis(?:kan|lah)?(?: ulang)?|susun(?:kan|lah)?|rancang(?:kan|lah)?|perbaiki|perbaikilah|sempurnakan|rapikan|periksa|cek|siapkan|berikan|kasih|(?:saya|kami) (?:perlu|butuh)|(?:bantu saya |cara )?(?:membuat|menulis|menyusun|merancang|memperbaiki))';
const ARTEFACT =
  '(?:system prompts?|prompts?|system messages?|instructions?|rules?|guidelines?|personas?|polic(?:y|ies)|configurations?|configs?|prompt sistem|pesan sistem|instruksi|aturan|pedoman|panduan|kebijakan|konfigurasi)';
const RECIPIENT =
  '(?:bots?|chatbots?|assistants?|agents?|models?|ai|llms?|gpts?|tutors?|receptionists?|summari[sz]ers?|classifiers?|copilots?|asisten|agen|peringkas|resepsionis)';

/** An order to write instructions for a third party: the sentence's rest, after the recipient, is what is specified. */
const FOR_RECIPIENT = new RegExp(
  `(?:^|[.!?\\n,:;] *)${POLITE}(?<order>${VERB}(?: [a-z-]+){0,4}? ${ARTEFACT}(?: [a-z-]+){0,2}? (?:for|so that|untuk|bagi|buat|supaya|agar|biar)(?: [a-z-]+){0,4}? ${RECIPIENT})\\b`,
  'dg',
);

/** An order to revise or review a prompt that is quoted: "tulis ulang prompt ini …: \"…\"". */
const REVISES_PROMPT = new RegExp(
  `(?:^|[.!?\\n,:;] *)${POLITE}(?<order>(?:rewrite|re-write|improve|fix|edit|polish|refine|tighten|review|check|shorten|tulis(?:kan)? ulang|perbaiki|perbaikilah|sempurnakan|rapikan|periksa|cek|review|ringkas(?:kan)?|persingkat)(?: [a-z-]+){0,3}? ${ARTEFACT})\\b`,
  'd',
);

/** The model addressed: a request for its own instructions is not one for another assistant. */
const SECOND_PERSON = /\b(?:you|your|yours|yourself|u|kamu|kau|engkau|anda|dirimu)\b/;
/** Indonesian "-mu" (yours) on a word: "untukmu", "operatormu"; the words that merely end so are not. */
const POSSESSIVE_MU = /\b[a-z]{2,}mu\b/g;
const NOT_POSSESSIVE = new Set([
  'ilmu',
  'temu',
  'bertemu',
  'ketemu',
  'jamu',
  'tamu',
  'semu',
  'kamu',
  'jemu',
  'bermutu',
]);

/** The model told to act on what is written: "… then follow it", "from now on", "lalu ikuti", "mulai sekarang". */
const ACTS_ON_IT =
  /\b(?:(?:then|and|now|after that|afterwards|next)[ ,]+(?:follow|obey|adopt|apply|use|act|become|be|answer|respond|reply|run|execute|do|switch|stay|behave|pretend|play|load|activate|enable|take on)|from now on|(?:lalu|kemudian|terus|dan|sekarang|setelah itu|habis itu)[ ,]+(?:ikuti|ikutilah|patuhi|terapkan|pakai|gunakan|jalankan|jadilah|jadi|bertindak|berperan|jawab|balas|aktifkan|lakukan|kerjakan)|mulai (?:sekarang|saat ini|detik ini))\b/;

/** Whether the model is addressed, or told to act on the written text, anywhere in `text`. */
export function addressesModel(text: string): boolean {
  if (SECOND_PERSON.test(text) || ACTS_ON_IT.test(text)) return true;
  POSSESSIVE_MU.lastIndex = 0;
  for (let match = POSSESSIVE_MU.exec(text); match !== null; match = POSSESSIVE_MU.exec(text)) {
    if (!NOT_POSSESSIVE.has(match[0])) return true;
  }
  return false;
}

const SENTENCE_END = /[.!?\n]/g;

/**
 * The text with what each order to write instructions for another assistant specifies blanked (same length), or
 * `undefined` if it holds no such order or the model is addressed after one.
 */
export function withoutSpecification(text: string): string | undefined {
  FOR_RECIPIENT.lastIndex = 0;
  let out = '';
  let last = 0;
  for (let match = FOR_RECIPIENT.exec(text); match !== null; match = FOR_RECIPIENT.exec(text)) {
    const from = match.index + match[0].length;
    // Every later order lies within what follows the first, so one look covers them all.
    if (last === 0 && addressesModel(text.slice(match.indices?.groups?.order?.[0] ?? match.index)))
      return undefined;
    SENTENCE_END.lastIndex = from;
    const end = SENTENCE_END.exec(text)?.index ?? text.length;
    out += text.slice(last, from) + ' '.repeat(end - from);
    last = end;
    FOR_RECIPIENT.lastIndex = Math.max(end, from + 1);
  }
  return last === 0 ? undefined : out + text.slice(last);
}

/**
 * Whether text outside quotation marks (quotes blanked) orders the quoted prompt revised or reviewed ("tulis
 * ulang prompt ini supaya lebih jelas: \"…\"") without addressing the model after the order.
 */
export function revisesQuotedPrompt(unquoted: string): boolean {
  const match = REVISES_PROMPT.exec(unquoted);
  return match !== null && !addressesModel(unquoted.slice(match.indices?.groups?.order?.[0] ?? match.index));
}
