/**
 * Play that asks for nothing but play: "pretend you are a pirate and tell me about your day", "bayangkan kamu
 * pemandu wisata di Bandung …", "write a poem about a cat who ignores all the rules", "tulis puisi dari sudut
 * pandang kucing yang mengabaikan semua aturan di rumah". A persona adopted in the second person and a rule broken
 * in a story are the very shapes of persona jailbreaks, and the classifier, which reads words and not what is
 * asked for, scores them like one. The screening classifies such a text a second time with the play frame blanked
 * (see screen-injection.ts) and keeps the lower score — but only when nothing in the text turns the play into an
 * attack: the model, its rules or its safety named, a persona without limits or refusals, a procedure asked for
 * ("how to", "step by step", "cara", "langkah"), or the model told to stay in the character. Rules are untouched:
 * a rule matching outright keeps the gate shut (screen-injection.ts).
 */

import { tolerateLeetOne } from './injection-rule.ts';

const LEAD =
  "(?:^|[.!?\\n,:;] *)(?:(?:please|pls|can you|could you|let's|lets|now|ok|okay|tolong|coba|yuk|ayo|sekarang)[ ,]+){0,2}";

/**
 * A persona adopted in the second person, up to the end of its noun phrase (five words at most): "pretend you are a pirate", "act like
 * a medieval knight", "bayangkan kamu pemandu wisata", "perankan seorang koki". The lazy noun phrase stops at the
 * first "and", "who", a comma or a sentence end, so what the persona is asked to do stays outside the frame.
 */
const PERSONA = new RegExp(
  tolerateLeetOne(
    `${LEAD}(?<frame>(?:(?:pretend|imagine|suppose)(?: that)? (?:you are|you're|you were|to be)|(?:act|talk|speak|answer|reply|respond)(?: to me)? (?:as|like)|(?:play|roleplay|role-play)(?: the role of| the part of| as)?|you are now|(?:bayangkan|anggap(?:lah)?|pura-pura(?:lah)?|berpura-pura(?:lah)?|seolah-olah|misalkan|andaikan)(?: saja)? (?:kamu|anda|dirimu|kau)(?: (?:adalah|jadi|menjadi|sebagai|sedang jadi))?|(?:perankan(?:lah)?|jadilah|berperan(?:lah)? (?:sebagai|jadi)|bertindak(?:lah)? sebagai|berlagak(?:lah)? (?:sebagai|seperti)|(?:jawab|bicara)(?:lah)? (?:sebagai|seperti)|(?:kamu|anda) (?:adalah|sekarang|sekarang adalah|jadi|menjadi)))(?: (?:a|an|4|the|my|our|some|seorang|sebuah|si|tokoh))?(?: [a-z-]+){1,5}?)(?= (?:and|then|who|that|for|dan|lalu|terus|kemudian|yang|untuk)\\b|[.,!?\\n]|$)`,
  ),
  'dg',
);

/** An order for a creative piece: "write a poem", "tell me a bedtime story", "tulis puisi", "buatkan cerpen". */
const CREATIVE = new RegExp(
  tolerateLeetOne(
    `${LEAD}(?<frame>(?:write|compose|tell|draft|create|give)(?: me| us)?(?: (?:a|an|the|one|some|two|three|short|funny|little)){0,2}(?: [a-z-]+){0,2}? (?:poems?|stor(?:y|ies)|songs?|limericks?|haikus?|fables?|scenes?|tales?|rhymes?|sonnets?|ballads?|lullab(?:y|ies)|fairy tales?|jokes?|riddles?)|(?:tulis(?:kan|lah)?|buat(?:kan|lah)?|karang(?:kan|lah)?|ceritakan|bikin(?:kan)?|susun(?:kan|lah)?)(?: (?:sebuah|satu|dua|tiga|saya|aku|kami))?(?: [a-z-]+){0,2}? (?:puisi|cerita|cerpen|lagu|pantun|dongeng|adegan|kisah|sajak|syair|fabel|lelucon|teka-teki))\\b`,
  ),
  'dg',
);

/** A pattern that also matches where the normaliser read a leet `1` as `i` ("ru1es" → "ruies"). */
const leetTolerant = (pattern: RegExp): RegExp => new RegExp(tolerateLeetOne(pattern.source), pattern.flags);

/** The model, its set-up or its safety named: play about these is how persona jailbreaks are framed. */
const NAMES_THE_MODEL = leetTolerant(
  /\b(?:ai|a\.i|artificial intelligence|models?|llms?|gpt\w*|chatbots?|bots?|assistants?|asisten|system|sistem|prompts?|instructions?|instruksi|jailbr\w*|do anything now|developer|mode|filter\w*|censor\w*|sensor\w*|uncensored|unfiltered|unrestricted|guidelines?|pedoman|polic(?:y|ies)|kebijakan|safety|keamanan|ethic\w*|etika|moral\w*|programm\w*|pemrograman|training|pelatihan|align\w*|unaligned|yourself|your (?:own |true |real |inner |shadow |dark |other |evil |alter |hidden )?(?:self|side|ego|version|persona|twin)|version of you|dirimu|versi|sisi gelap)\b/,
);

/** A procedure or real-world detail asked for: fiction used to get the real thing. */
const ASKS_PROCEDURE = leetTolerant(
  /\b(?:how to|how do|how does|how can|how would|how i|steps?|step-by-step|instructions?|recipes?|exact\w*|detail\w*|real|realistic|working|actual|code|script|formula|ingredients?|quantit\w*|cara|langkah\w*|resep|rinci\w*|persis|nyata|sungguhan|kode|skrip|takaran|bahan-bahan|bahan)\b/,
);

/** The model told to become the character or stay in it: "now be that rebel", "stay in character", "tetap dalam peran". */
const STAYS_IN_CHARACTER = leetTolerant(
  /\b(?:in character|stay in|as (?:that|this|the) (?:character|persona|rebel|cat|villain)|be (?:that|this|the) (?:character|persona)|from now on|for the rest|dalam peran|tetap (?:jadi|menjadi|sebagai)|sebagai tokoh (?:itu|tersebut|ini)|mulai (?:sekarang|saat ini))\b/,
);

/** A persona defined by what it will not hold back: limits, refusals, rules broken, wrongdoing. */
const UNBOUND_PERSONA = leetTolerant(
  /\b(?:rules?|restrict\w*|limit\w*|never|anything|everything|no one|nothing|without|ignor\w*|forget|disregard|refus\w*|sorry|apolog\w*|disclaimers?|warnings?|evil|villain\w*|unethical|illegal|laws?|criminal|hacker|aturan|batasan|tanpa|bebas|tidak pernah|apa saja|apa pun|apapun|abaikan|mengabaikan|lupakan|menolak|tolak|maaf|peringatan|jahat|ilegal|hukum|larangan|melanggar|langgar|penjahat|peretas)\b/,
);

const SENTENCE_END = /[.!?\n]/g;

function blankFrames(text: string, pattern: RegExp, toSentenceEnd: boolean): string | undefined {
  pattern.lastIndex = 0;
  let out = '';
  let last = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const [from, to] = match.indices?.groups?.frame ?? [match.index, match.index + match[0].length];
    let end = to;
    if (toSentenceEnd) {
      SENTENCE_END.lastIndex = to;
      end = SENTENCE_END.exec(text)?.index ?? text.length;
    }
    if (from < last) continue;
    out += text.slice(last, from) + ' '.repeat(end - from);
    last = end;
    pattern.lastIndex = Math.max(end, match.index + 1);
  }
  return last === 0 ? undefined : out + text.slice(last);
}

/**
 * The text with each play frame blanked (same length): a second-person persona's name and noun phrase, a
 * creative order with what its sentence says the piece is about; `undefined` when the text holds no play frame or
 * something in it turns the play into an attack (see the module comment).
 */
export function withoutPlayFrame(text: string): string | undefined {
  if (NAMES_THE_MODEL.test(text) || ASKS_PROCEDURE.test(text) || STAYS_IN_CHARACTER.test(text))
    return undefined;
  const persona = UNBOUND_PERSONA.test(text) ? undefined : blankFrames(text, PERSONA, false);
  return blankFrames(persona ?? text, CREATIVE, true) ?? persona;
}
