"""The first administrator of a new installation, with their authenticator enrolled.

    manage.py create_admin USERNAME --email ADDRESS [--first-name ..] [--last-name ..]
        [--centre "Centre national ..."] [--password-file PATH]

It asks for the password twice (or reads the first line of --password-file), creates the national
centre's organisation if there is none, prints the authenticator key as text and as a QR code,
then asks for the code the app shows: only a correct code finishes the enrolment, and the ten
recovery codes are printed once. Every other account is invited from the back-office.
"""

import base64
import getpass
import io
from pathlib import Path

import segno
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sanad.accounts.models import Organisation, User
from sanad.audit.log import record

RECOVERY_CODES = 10
CODE_TRIES = 3


class Command(BaseCommand):
    help = "Create the first administrator of the national centre and enrol their authenticator."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", required=True)
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--centre",
            default="Centre national de signalement",
            help="the centre's name, if it has no organisation yet",
        )
        parser.add_argument("--password-file", help="read the password from this file's first line instead of asking")

    def handle(self, *args: object, **options: str) -> None:
        if User.objects.filter(
            role=User.Role.ADMINISTRATOR, organisation__kind=Organisation.Kind.CENTRE, is_active=True
        ).exists():
            raise CommandError("The centre already has an administrator: invite other accounts from the back-office.")
        if User.objects.filter(username__iexact=options["username"]).exists():
            raise CommandError(f"An account named {options['username']} already exists.")
        with transaction.atomic():
            centre = Organisation.objects.filter(kind=Organisation.Kind.CENTRE).order_by("pk").first()
            if centre is None:
                centre = Organisation.objects.create(name=options["centre"], kind=Organisation.Kind.CENTRE)
            user = User(
                username=options["username"],
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                organisation=centre,
                role=User.Role.ADMINISTRATOR,
            )
            user.set_password(self._password(user, options.get("password_file")))
            user.save()
            device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
            self._show_key(device)
            self._confirm(device)
            codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
            recovery = StaticDevice.objects.create(user=user, name="recovery codes")
            StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
            record(None, "account.created_by_command", object_type="user", object_id=user.pk, role=user.role)
        self.stdout.write("Recovery codes (each works once; keep them apart from the phone):")
        self.stdout.write("  " + "  ".join(codes))
        self.stdout.write(self.style.SUCCESS(f"Administrator {user.username} created in {centre.name}."))

    def _password(self, user: User, path: str | None) -> str:
        if path:
            lines = Path(path).read_text().splitlines()
            password = lines[0] if lines else ""
        else:
            password = getpass.getpass("Password: ")
            if getpass.getpass("Password (again): ") != password:
                raise CommandError("The two passwords differ.")
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        return password

    def _show_key(self, device: TOTPDevice) -> None:
        secret = base64.b32encode(device.bin_key).decode().rstrip("=")
        self.stdout.write("Add this account to an authenticator app: scan the code, or type the key.")
        drawn = io.StringIO()
        segno.make(device.config_url, error="m").terminal(out=drawn, compact=True)
        self.stdout.write(drawn.getvalue(), ending="")
        self.stdout.write(f"Key: {' '.join(secret[i : i + 4] for i in range(0, len(secret), 4))}")

    def _confirm(self, device: TOTPDevice) -> None:
        for _try in range(CODE_TRIES):
            code = input("Code shown by the app: ").strip().replace(" ", "")
            if device.verify_token(code):
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                return
            self.stderr.write("This code is not valid: check the phone's time and try the new code.")
        raise CommandError("No valid code: nothing was created. Run the command again.")
