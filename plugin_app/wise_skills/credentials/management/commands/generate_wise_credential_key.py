"""Create the Ed25519 key that signs competence credentials.

    ./manage.py lms generate_wise_credential_key --path /openedx/data/wise/credential-key.pem
    ./manage.py lms generate_wise_credential_key --if-missing     # at WISE_CREDENTIALS_SIGNING_KEY_PATH

Writes an unencrypted PKCS#8 PEM readable only by its owner (0600) and prints the key id and the setting to add.
Refuses to overwrite an existing file unless --force: replacing the key without keeping the old one listed in
WISE_CREDENTIALS_PREVIOUS_KEY_PATHS makes every credential issued so far unverifiable. With --if-missing an
existing key is kept and the command succeeds (setup scripts and `make demo` run it every time).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wise_skills.credentials import keys


class Command(BaseCommand):
    help = "Generate the Ed25519 signing key for WISE competence credentials (PEM, mode 0600)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", help="Where to write the private key (PEM); default: WISE_CREDENTIALS_SIGNING_KEY_PATH."
        )
        parser.add_argument(
            "--if-missing", action="store_true", help="Keep an existing key and succeed (idempotent setup)."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite an existing file (list the old one in WISE_CREDENTIALS_PREVIOUS_KEY_PATHS)",
        )
        parser.add_argument("--public", help="Also write the public key (PEM) here, e.g. to hand to verifiers.")

    def handle(self, *args, path=None, force=False, public=None, if_missing=False, **options):
        path = path or getattr(settings, "WISE_CREDENTIALS_SIGNING_KEY_PATH", "")
        if not path:
            raise CommandError("Give --path, or set WISE_CREDENTIALS_SIGNING_KEY_PATH.")
        target = Path(path)
        if target.exists() and if_missing and not force:
            self.stdout.write(f"Kept the existing key {target}, key id {keys.load_signing_key(target).kid}")
            return
        if target.exists() and not force:
            raise CommandError(
                f"{target} already exists. Rotating keys? Move it aside, list the old file in "
                "WISE_CREDENTIALS_PREVIOUS_KEY_PATHS, then run again (or pass --force)."
            )
        try:
            keys.write_pem(target, keys.generate_pem(), overwrite=force)
        except OSError as exc:
            raise CommandError(f"cannot write {target}: {exc.strerror}") from None
        signing_key = keys.load_signing_key(target)
        if public:
            Path(public).write_bytes(keys.public_pem(signing_key.verification_key))
        self.stdout.write(f"Wrote {target} (mode 0600), key id {signing_key.kid}")
        self.stdout.write(f'Set WISE_CREDENTIALS_SIGNING_KEY_PATH = "{target.resolve()}"')
