import { MIN_PASSPHRASE_LENGTH, normalisePassphrase } from '../../shared/sync/kdf';

/**
 * A strength hint for a new passphrase: a rough guess-count estimate (not a promise), good enough to steer
 * people from "password1234" towards a few unrelated words. It never blocks beyond the 10-character minimum.
 */

export interface PassphraseStrength {
  /** 0 too short, 1 weak, 2 fair, 3 good, 4 strong. */
  score: 0 | 1 | 2 | 3 | 4;
  label: 'Too short' | 'Weak' | 'Fair' | 'Good' | 'Strong';
  hint: string;
  /** Estimated bits of entropy (rough). */
  bits: number;
}

const COMMON = ['password', 'passwort', 'qwerty', 'azerty', '123456', 'letmein', 'welcome', 'iloveyou', 'admin', 'aurea', 'monkey', 'dragon', 'football', 'sunshine', 'princess'];

function poolSize(text: string): number {
  let pool = 0;
  if (/[a-z]/.test(text)) pool += 26;
  if (/[A-Z]/.test(text)) pool += 26;
  if (/[0-9]/.test(text)) pool += 10;
  if (/[^A-Za-z0-9\s]/.test(text)) pool += 33;
  if (/\s/.test(text)) pool += 1;
  if (/[^\u0000-\u007f]/.test(text)) pool += 100;
  return Math.max(pool, 1);
}

/** Characters that merely repeat or continue a run ("aaaa", "1234", "abcd") add almost nothing. */
function effectiveLength(text: string): number {
  const chars = [...text];
  let n = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!.codePointAt(0)!;
    const prev = i > 0 ? chars[i - 1]!.codePointAt(0)! : NaN;
    const step = c - prev;
    if (i > 0 && (step === 0 || step === 1 || step === -1)) n += 0.25;
    else n += 1;
  }
  return n;
}

export function passphraseStrength(passphrase: string): PassphraseStrength {
  const text = normalisePassphrase(passphrase).trim();
  const length = [...text].length;
  if (length < MIN_PASSPHRASE_LENGTH) {
    const missing = MIN_PASSPHRASE_LENGTH - length;
    return { score: 0, label: 'Too short', hint: `At least ${MIN_PASSPHRASE_LENGTH} characters: ${missing} more to go.`, bits: 0 };
  }
  const lower = text.toLowerCase();
  let bits = effectiveLength(text) * Math.log2(poolSize(text));
  for (const word of COMMON) if (lower.includes(word)) bits -= word.length * 3.5;
  const words = text.split(/[\s\-_.,]+/).filter((w) => w.length >= 3);
  // Several unrelated words are strong even in lower case: credit them as words from a large list.
  if (words.length >= 3) bits = Math.max(bits, words.length * 11 + (words.length >= 4 ? 6 : 0));
  bits = Math.max(0, Math.round(bits));
  if (bits < 40) return { score: 1, label: 'Weak', hint: 'Easy to guess: add a few more unrelated words.', bits };
  if (bits < 55) return { score: 2, label: 'Fair', hint: 'One more unrelated word makes it much harder to guess.', bits };
  if (bits < 70) return { score: 3, label: 'Good', hint: 'Hard to guess. Keep it somewhere safe too.', bits };
  return { score: 4, label: 'Strong', hint: 'Very hard to guess. Keep it somewhere safe too.', bits };
}
