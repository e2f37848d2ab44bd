/**
 * IPv4 and IPv6 addresses: a loose shape finds candidates, node:net's isIP validates them (octets ≤ 255, no
 * leading zeros, IPv6 group counts and `::`). A version or section word just before (versi, build, bagian,
 * section) suppresses a dotted quad, which is as often a version or section number as an address.
 */
import { isIP } from 'node:net';
import { TextContext } from './context-words.ts';
import type { Candidate, Recognizer } from './recognizer.ts';

const IPV4 = /(?<![A-Za-z0-9_.:])(?<!\d-)\d{1,3}(?:\.\d{1,3}){3}(?![A-Za-z0-9_]|[.-]\d)/g;
const VERSION_WORD =
  /(?:^|[^\p{L}])(?:versi|version|ver|v|release|rilis|build|oid|section|bagian|pasal|bab|chapter|ayat)\.?\s{0,3}$/iu;
// Sticky, tried only where a run of hex digits and colons holding `::` or `h:h:` starts (see ipv6Starts).
const IPV6 =
  /(?<![A-Za-z0-9_:.])[0-9A-Fa-f:]{2,39}(?:(?<=:)\d{1,3}(?:\.\d{1,3}){3})?(?:%[0-9A-Za-z]{1,16})?(?![A-Za-z0-9_:]|\.[0-9A-Za-z])/y;

function isHexOrColon(code: number): boolean {
  return (code >= 48 && code <= 58) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/**
 * Starts of hex-and-colon runs with at least two colons, found from each colon by walking back: the cost
 * follows the colons of the text (labels, times), not its length.
 */
function ipv6Starts(text: string): number[] {
  const starts: number[] = [];
  for (let colon = text.indexOf(':'); colon >= 0;) {
    let start = colon;
    while (start > 0 && colon - start < 40 && isHexOrColon(text.charCodeAt(start - 1))) start--;
    let end = colon + 1;
    let colons = 1;
    while (end < text.length && end - start < 46 && isHexOrColon(text.charCodeAt(end))) {
      if (text.charCodeAt(end) === 58) colons++;
      end++;
    }
    for (let index = start; index < colon; index++) if (text.charCodeAt(index) === 58) colons++;
    if (colons >= 2) starts.push(start);
    colon = text.indexOf(':', end + 1);
  }
  return starts;
}

function push(out: Candidate[], start: number, end: number, score: number): void {
  out.push({ category: 'ip_address', dataClass: 'personal', start, end, score });
}

/** Scores: IPv4 0.6, IPv6 0.7, nearest word an IP word 0.9; a version word drops an IPv4 match. */
export const ipAddressRecognizer: Recognizer = {
  // IPv4 needs digits, IPv6 a colon (`fe80::abcd` has no digit).
  trigger: /[\d:]/,
  maxLength: 64,
  find(text: string, out: Candidate[], context = new TextContext(text)): void {
    IPV4.lastIndex = 0;
    for (let match = IPV4.exec(text); match !== null; match = IPV4.exec(text)) {
      if (isIP(match[0]) !== 4) continue;
      const start = match.index;
      const end = start + match[0].length;
      if (VERSION_WORD.test(text.slice(Math.max(0, start - 12), start))) continue;
      push(out, start, end, context.nearest(start, end) === 'ip' ? 0.9 : 0.6);
    }
    for (const at of ipv6Starts(text)) {
      IPV6.lastIndex = at;
      const match = IPV6.exec(text);
      if (match === null) continue;
      const value = match[0];
      // `::` alone and hex-free shapes such as `a::b` are code far more often than addresses.
      if (value.length < 3 || !/\d/.test(value) || isIP(value) !== 6) continue;
      const start = match.index;
      const end = start + value.length;
      push(out, start, end, context.nearest(start, end) === 'ip' ? 0.9 : 0.7);
    }
  },
};
