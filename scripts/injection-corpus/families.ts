/** The corpus's families: attack families (label 1) and hard-benign families (label 0). */

/** Attack families, named like the scanner's finding categories. */
export type AttackFamily =
  | 'instruction_override'
  | 'roleplay_persona'
  | 'prompt_extraction'
  | 'refusal_suppression'
  | 'payload_splitting'
  | 'fake_turn'
  | 'indirect_injection'
  | 'encoded_payload';

/**
 * Hard-benign families: text that looks like an attack to a keyword filter and is not one. `plain_request` is
 * a bare request with an attack's goal ("write ransomware") and no injection around it: harmful-content
 * screening is the guard model's job; for injection screening it is benign, and it keeps the classifier from
 * learning the goals instead of the framing.
 */
export type BenignFamily =
  | 'security_question'
  | 'jailbreak_discussion'
  | 'fiction_roleplay'
  | 'customer_service'
  | 'public_service'
  | 'everyday_task'
  | 'prompt_engineering'
  | 'transcript'
  | 'benign_encoded'
  | 'benign_document'
  | 'plain_request';

/** The direct attack families, written as templates (indirect and encoded ones are built from them). */
export const DIRECT_FAMILIES: readonly AttackFamily[] = [
  'instruction_override',
  'roleplay_persona',
  'prompt_extraction',
  'refusal_suppression',
  'payload_splitting',
  'fake_turn',
];
