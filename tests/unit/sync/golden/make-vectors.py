#!/usr/bin/env python3
"""Known-answer vectors for Aurea's sync crypto, computed independently of the TypeScript code.

Run once: python3 tests/unit/sync/golden/make-vectors.py > tests/unit/sync/golden/vectors.json
Uses hashlib (PBKDF2) and the `cryptography` package (HKDF, HMAC, AES-GCM). Fixed IVs make it reproducible;
the app itself always draws fresh random IVs.
"""
import base64, hashlib, hmac, json, unicodedata
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def b64u(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt or None, info=info).derive(key)


CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def crockford(b: bytes) -> str:
    n = int.from_bytes(b, "big")
    bits = len(b) * 8
    chars = "".join(CROCKFORD[(n >> (bits - 5 * (i + 1))) & 31] for i in range(bits // 5))
    return "-".join(chars[i:i + 4] for i in range(0, len(chars), 4))


passphrase = "Correct horse ﬁne battery staple é"  # NFKC turns the ﬁ ligature into "fi"
salt = bytes(range(32))
iterations = 600_000
root = hashlib.pbkdf2_hmac("sha256", unicodedata.normalize("NFKC", passphrase).encode(), salt, iterations, 32)
kek = hkdf(root, b"", b"kek/v1")
auth_key = hkdf(root, b"", b"auth/v1")

email = "  Ada.Lovelace@Example.ORG "
norm_email = unicodedata.normalize("NFC", email.strip()).lower()
account_tag = b64u(hashlib.sha256(f"aurea/account/v1|{norm_email}".encode()).digest())

data_key = bytes((7 * i + 1) % 256 for i in range(32))
id_key = bytes((11 * i + 3) % 256 for i in range(32))
keyring_plain = bytes([1]) + data_key + id_key


def wrap(key: bytes, iv: bytes, slot: str) -> str:
    aad = f"aurea/keyring/v1|{slot}|{account_tag}".encode()
    return b64u(bytes([1]) + iv + AESGCM(key).encrypt(iv, keyring_plain, aad))


recovery_raw = bytes((13 * i + 5) % 256 for i in range(20))
recovery_key = crockford(recovery_raw)
recovery_kek = hkdf(recovery_raw, b"aurea/recovery/v1", b"recovery-kek/v1")
recovery_auth = hkdf(recovery_raw, b"aurea/recovery/v1", b"recovery-auth/v1")

name = "log:2026-03-14"
record_id = b64u(hmac.new(id_key, name.encode(), hashlib.sha256).digest())
doc = {
    "v": 1,
    "key": name,
    "fields": {
        "@id": {"v": "6f1c2a9e-0000-4000-8000-000000000001", "t": "001773446400000-000000-golden01"},
        "ingredients": {"v": ["oats", "milk"], "t": "001773446400000-000000-golden01"},
        "symptom:bloating": {"v": 3, "t": "001773446400000-000000-golden01"},
    },
    "deleted": None,
}
payload = json.dumps(doc, separators=(",", ":")).encode()
record_iv = bytes(range(100, 112))
aad = f"aurea/record/v1|{account_tag}|log|{record_id}".encode()
ciphertext = bytes([1]) + record_iv + AESGCM(data_key).encrypt(record_iv, payload, aad)

print(json.dumps({
    "kdf": {"passphrase": passphrase, "algorithm": "PBKDF2-SHA-256", "iterations": iterations, "salt": b64u(salt), "auth_key": b64u(auth_key)},
    "email": email,
    "account_tag": account_tag,
    "keyring": {"v": 1, "passphrase": wrap(kek, bytes(range(1, 13)), "passphrase"), "recovery": wrap(recovery_kek, bytes(range(50, 62)), "recovery")},
    "recovery_key": recovery_key,
    "recovery_auth_key": b64u(recovery_auth),
    "record": {"name": name, "id": record_id, "collection": "log", "ciphertext": b64u(ciphertext), "payload": payload.decode()},
}, indent=2, ensure_ascii=False))
