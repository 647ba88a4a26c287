"""Why a sign-in or a bearer token was refused: one code, one HTTP status, one message."""

from __future__ import annotations

from enum import StrEnum


class AuthErrorCode(StrEnum):
    NOT_REGISTERED = "NOT_REGISTERED"  # no employee for this identity
    NOT_ACTIVE = "NOT_ACTIVE"  # the employee is no longer active
    SUBJECT_MISMATCH = "SUBJECT_MISMATCH"  # the employee is bound to another IdP subject
    EMAIL_NOT_VERIFIED = "EMAIL_NOT_VERIFIED"  # e-mail mapping needs email_verified=true
    STATE_MISMATCH = "STATE_MISMATCH"  # unknown, replayed or expired `state`
    TOKEN_INVALID = "TOKEN_INVALID"  # the ID token failed validation (signature, nonce, ...)
    IDP_ERROR = "IDP_ERROR"  # the IdP answered with an OAuth error (access_denied, ...)
    IDP_UNAVAILABLE = "IDP_UNAVAILABLE"  # the IdP cannot be reached
    SSO_DISABLED = "SSO_DISABLED"  # PORTAL_OIDC_ISSUER is not set
    INVALID_TOKEN = "INVALID_TOKEN"  # a bearer token failed verification


# (HTTP status, title, message). The UI speaks Indonesian; the code is for machines.
_TEXT: dict[AuthErrorCode, tuple[int, str, str]] = {
    AuthErrorCode.NOT_REGISTERED: (
        403,
        "Belum terdaftar",
        "Akun Anda belum terdaftar sebagai pegawai di Portal ASN. Hubungi BKPSDM.",
    ),
    AuthErrorCode.NOT_ACTIVE: (
        403,
        "Akun tidak aktif",
        "Akun pegawai Anda tidak aktif. Hubungi BKPSDM bila ini keliru.",
    ),
    AuthErrorCode.SUBJECT_MISMATCH: (
        403,
        "Identitas tidak cocok",
        "Akun SSO ini tidak cocok dengan akun SSO yang tercatat untuk pegawai tersebut. "
        "Hubungi BKPSDM.",
    ),
    AuthErrorCode.EMAIL_NOT_VERIFIED: (
        403,
        "E-mail belum terverifikasi",
        "Alamat e-mail Anda belum terverifikasi di penyedia identitas, dan akun SSO Anda "
        "tidak memuat NIP.",
    ),
    AuthErrorCode.STATE_MISMATCH: (
        400,
        "Sesi masuk tidak valid",
        "Permintaan masuk ini tidak valid, sudah dipakai atau kedaluwarsa. Silakan masuk lagi.",
    ),
    AuthErrorCode.TOKEN_INVALID: (
        400,
        "Tanggapan SSO tidak valid",
        "Tanggapan penyedia identitas tidak dapat diverifikasi. Silakan masuk lagi.",
    ),
    AuthErrorCode.IDP_ERROR: (
        400,
        "Masuk dibatalkan",
        "Penyedia identitas tidak menyelesaikan permintaan masuk.",
    ),
    AuthErrorCode.IDP_UNAVAILABLE: (
        503,
        "SSO tidak dapat dihubungi",
        "Layanan SSO sedang tidak dapat dihubungi. Silakan coba beberapa saat lagi.",
    ),
    AuthErrorCode.SSO_DISABLED: (404, "SSO tidak aktif", "Masuk melalui SSO belum diatur."),
    AuthErrorCode.INVALID_TOKEN: (401, "Token tidak valid", "Token akses tidak valid."),
}


class AuthError(Exception):
    """A refused sign-in or token. ``detail`` is for logs and the audit trail, never the user."""

    def __init__(self, code: AuthErrorCode, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else str(code))
        self.code = code
        self.detail = detail

    @property
    def status(self) -> int:
        return _TEXT[self.code][0]

    @property
    def title(self) -> str:
        return _TEXT[self.code][1]

    @property
    def message(self) -> str:
        return _TEXT[self.code][2]
