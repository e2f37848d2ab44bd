/**
 * Folding of one non-ASCII code point for matching: invisible and bidirectional controls vanish, compatibility
 * forms (fullwidth, mathematical, ligatures, circled) decompose, diacritics drop, and Cyrillic, Greek and
 * small-capital look-alikes become the Latin letter they imitate.
 */

/** Pairs of look-alike → Latin letter (a compact subset of Unicode's confusables, the ones seen in attacks). */
const CONFUSABLE_PAIRS =
  // Cyrillic
  'аaвbеeкkмmнhоoпnрpсcтtуyхxѕsіiјjԁdԛqԝwһhӏlүyьbԍgɡgАaВbЕeКkМmНhОoРpСcТtУyХxЅsІiЈjҺhԚqԜwӀl' +
  // Greek
  'αaβbγyεeζzηnιiκkνvοoρpτtυuχxωwϲcϳjΑaΒbΕeΖzΗhΙiΚkΜmΝnΟoΡpΤtΥyΧx' +
  // Armenian, Latin extensions and small capitals
  'օoսuցgհhոnɑaɩiıiȷjʟlᴀaʙbᴄcᴅdᴇeɢgʜhɪiᴊjᴋkᴍmɴnᴏoᴘpʀrꜱsᴛtᴜuᴠvᴡwʏyᴢz' +
  // Quotation marks, folded so a quoted mention is recognised whatever the quote style
  '‘\'’\'‚\'‛\'“"”"„"‟"«"»"‹\'›\'「"」"『"』"';

const CONFUSABLES: ReadonlyMap<number, string> = (() => {
  const map = new Map<number, string>();
  const characters = [...CONFUSABLE_PAIRS];
  for (let index = 0; index + 1 < characters.length; index += 2) {
    map.set((characters[index] ?? '').codePointAt(0) ?? 0, characters[index + 1] ?? '');
  }
  return map;
})();

const FORMAT = /^\p{Cf}$/u;
const MARKS = /\p{M}/gu;

/** Format characters (zero-width, bidi, BOM, soft hyphen, tags), variation selectors and Hangul fillers. */
function isInvisible(codePoint: number, character: string): boolean {
  return (
    FORMAT.test(character) ||
    codePoint === 0x034f ||
    codePoint === 0x115f ||
    codePoint === 0x1160 ||
    codePoint === 0x17b4 ||
    codePoint === 0x17b5 ||
    (codePoint >= 0x180b && codePoint <= 0x180f) ||
    codePoint === 0x3164 ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    codePoint === 0xffa0 ||
    (codePoint >= 0xe0100 && codePoint <= 0xe01ef)
  );
}

const cache = new Map<number, string>();

function compute(codePoint: number): string {
  const character = String.fromCodePoint(codePoint);
  if (isInvisible(codePoint, character)) return '';
  let folded = '';
  for (const part of character.normalize('NFKD').replace(MARKS, '')) {
    folded += CONFUSABLES.get(part.codePointAt(0) ?? 0) ?? part;
  }
  return folded.toLowerCase().normalize('NFKD').replace(MARKS, '');
}

/** The folded form of one non-ASCII code point (possibly empty, possibly several characters); memoised. */
export function foldCodePoint(codePoint: number): string {
  let folded = cache.get(codePoint);
  if (folded === undefined) {
    folded = compute(codePoint);
    // A bound on the memo: an attacker streaming every code point must not grow the heap without limit.
    if (cache.size < 65_536) cache.set(codePoint, folded);
  }
  return folded;
}
