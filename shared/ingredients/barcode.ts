/** Barcode checks for typed or scanned codes (pure: used by the Foods page and the product lookup). */
export type BarcodeCheck = { ok: true; barcode: string; checkDigitOk: boolean } | { ok: false; message: string };

/**
 * Checks a typed or scanned barcode: spaces and dashes are ignored; 8 to 14 digits (EAN-8, UPC-A,
 * EAN-13, GTIN-14). A wrong check digit is not refused (shops print internal codes), only reported.
 */
export function checkBarcode(raw: string): BarcodeCheck {
  const s = raw.replace(/[\s-]+/g, '');
  if (s === '') return { ok: false, message: 'Type the digits under the barcode (8 to 14 of them).' };
  if (!/^\d+$/.test(s)) return { ok: false, message: 'A barcode has digits only; check for letters or symbols.' };
  if (s.length < 8 || s.length > 14) return { ok: false, message: `A barcode has 8 to 14 digits; this one has ${s.length}.` };
  return { ok: true, barcode: s, checkDigitOk: gtinCheckDigitOk(s) };
}

/** GS1 mod-10 check digit, the same for EAN-8, UPC-A, EAN-13 and GTIN-14. */
export function gtinCheckDigitOk(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 2, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += Number(digits[i]) * w;
  return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1]);
}

