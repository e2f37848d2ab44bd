/**
 * Value generators for the PII corpus: valid identifiers built with their real checksums and structure, and
 * near misses that look the same but fail them (wrong check digit, impossible date, unknown province).
 */
import { luhnCheckDigit } from '../../src/guardrails/pii/luhn.ts';
import { isValidNik, PROVINCE_CODES } from '../../src/guardrails/pii/nik.ts';
import { isValidCard } from '../../src/guardrails/pii/payment-card.ts';
import { pad, type Random } from './random.ts';

const PROVINCES = [...PROVINCE_CODES];
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A structurally valid NIK; women's birth day + 40. */
export function validNik(random: Random): string {
  const month = random.int(1, 12);
  const day = random.int(1, DAYS[month - 1] ?? 28) + (random.chance(0.5) ? 40 : 0);
  return `${random.pick(PROVINCES)}${pad(random.int(1, 79), 2)}${pad(random.int(1, 40), 2)}${pad(day, 2)}${pad(month, 2)}${random.digits(2)}${pad(random.int(1, 9999), 4)}`;
}

/** Sixteen digits shaped like a NIK that break one rule (and are no valid card number by chance either). */
export function invalidNik(random: Random): string {
  for (;;) {
    const value = brokenNik(random);
    if (!isValidCard(value)) return value;
  }
}

function brokenNik(random: Random): string {
  const valid = validNik(random);
  switch (random.int(0, 3)) {
    case 0:
      return `${random.pick(['20', '41', '58', '99', '00'])}${valid.slice(2)}`;
    case 1:
      return `${valid.slice(0, 6)}${random.pick(['32', '00', '72', '30'])}${random.pick(['13', '00', '02'])}${valid.slice(10)}`;
    case 2:
      return `${valid.slice(0, 12)}0000`;
    default:
      return `${valid.slice(0, 6)}3002${valid.slice(10)}`;
  }
}

/** A 15-digit NPWP with its Luhn check digit, formatted XX.XXX.XXX.X-XXX.XXX when `formatted`. */
export function npwp15(random: Random, isValid: boolean): string {
  const head = `${pad(random.int(1, 99), 2)}${pad(random.int(1, 999999), 6)}`;
  const check = (luhnCheckDigit(head) + (isValid ? 0 : random.int(1, 9))) % 10;
  const digits = `${head}${check}${random.digits(3)}${random.pick(['000', '000', '001'])}`;
  return `${digits.slice(0, 2)}.${digits.slice(2, 5)}.${digits.slice(5, 8)}.${digits[8]}-${digits.slice(9, 12)}.${digits.slice(12)}`;
}

const MOBILE_PREFIXES = [
  '811',
  '812',
  '813',
  '821',
  '822',
  '852',
  '853',
  '814',
  '815',
  '856',
  '857',
  '817',
  '818',
  '819',
  '859',
  '877',
  '878',
  '831',
  '838',
  '895',
  '896',
  '897',
  '881',
  '882',
];

/** An Indonesian mobile or landline number in one of the usual notations. */
export function phone(random: Random): string {
  if (random.chance(0.25)) {
    const area = random.pick(['21', '22', '31', '24', '61']);
    const subscriber = `${random.int(2, 8)}${random.digits(area === '21' ? 7 : 6)}`;
    return random.pick([`(0${area}) ${subscriber}`, `0${area}-${subscriber}`, `+62 ${area} ${subscriber}`]);
  }
  const rest = random.digits(random.int(7, 8));
  const prefix = random.pick(MOBILE_PREFIXES);
  return random.pick([
    `0${prefix}${rest}`,
    `0${prefix}-${rest.slice(0, 4)}-${rest.slice(4)}`,
    `+62 ${prefix} ${rest.slice(0, 4)} ${rest.slice(4)}`,
    `62${prefix}${rest}`,
    `+62${prefix}${rest}`,
  ]);
}

/** Numbers that look like phone numbers but are too short or are dates and postcodes. */
export function phoneNearMiss(random: Random): string {
  return random.pick([
    `08${random.digits(5)}`,
    `0${random.digits(3)}-${random.digits(2)}`,
    `${pad(random.int(1, 28), 2)}-${pad(random.int(1, 12), 2)}-20${random.digits(2)}`,
  ]);
}

const FIRST = ['budi', 'siti', 'agus', 'dewi', 'rina', 'andi', 'john', 'mary', 'wayan', 'putri'];
const DOMAINS = ['example.com', 'mail.example.co.id', 'kantor.go.id', 'contoh.ac.id', 'corp.example.org'];

/** An e-mail address. */
export function email(random: Random): string {
  const local = `${random.pick(FIRST)}${random.pick(['', '.', '_'])}${random.pick(['santoso', 'wijaya', 'smith', 'lestari', ''])}${random.chance(0.3) ? random.digits(2) : ''}`;
  return `${local.replace(/[._]$/, '')}@${random.pick(DOMAINS)}`;
}

const CARD_PREFIXES: readonly (readonly [string, number])[] = [
  ['4', 16],
  ['51', 16],
  ['55', 16],
  ['2221', 16],
  ['2720', 16],
  ['34', 15],
  ['37', 15],
  ['3530', 16],
  ['6011', 16],
  ['624', 16],
  ['9360', 16],
];

/**
 * A card number with a valid (or, for near misses, wrong) Luhn digit, grouped in fours half the time. A near
 * miss that happens to be a valid NIK is drawn again: it would be a true NIK, not a near miss.
 */
export function card(random: Random, isValid: boolean): string {
  const [prefix, length] = random.pick(CARD_PREFIXES);
  const body = `${prefix}${random.digits(length - prefix.length - 1)}`;
  const digits = `${body}${(luhnCheckDigit(body) + (isValid ? 0 : random.int(1, 9))) % 10}`;
  if (!isValid && isValidNik(digits)) return card(random, isValid);
  if (length !== 16 || random.chance(0.5)) return digits;
  return `${digits.slice(0, 4)} ${digits.slice(4, 8)} ${digits.slice(8, 12)} ${digits.slice(12)}`;
}

/** ISO 7064 mod 97-10 check digits for a country and BBAN. */
function ibanCheck(country: string, bban: string): string {
  const numeric = `${bban}${country}00`.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return pad(98 - remainder, 2);
}

/** A German or British IBAN, valid or with one digit changed, electronic or in groups of four. */
export function iban(random: Random, isValid: boolean): string {
  const isGerman = random.chance(0.5);
  const country = isGerman ? 'DE' : 'GB';
  const bban = isGerman
    ? random.digits(18)
    : `${random.string(4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}${random.digits(14)}`;
  let value = `${country}${ibanCheck(country, bban)}${bban}`;
  if (!isValid) {
    const at = value.length - random.int(1, 6);
    value = `${value.slice(0, at)}${(Number(value[at]) + random.int(1, 9)) % 10}${value.slice(at + 1)}`;
  }
  return random.chance(0.5) ? value : (value.match(/.{1,4}/g) ?? []).join(' ');
}

/** An IPv4 or IPv6 address. */
export function ipAddress(random: Random): string {
  if (random.chance(0.75))
    return [random.int(1, 223), random.int(0, 255), random.int(0, 255), random.int(1, 254)].join('.');
  return `2001:db8:${random.int(1, 0xffff).toString(16)}::${random.int(1, 0xffff).toString(16)}`;
}

/** Dotted numbers that are not addresses: octets over 255. */
export function ipNearMiss(random: Random): string {
  return [random.int(256, 999), random.int(0, 255), random.int(0, 255), random.int(0, 255)].join('.');
}
