from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sanad.accounts"
    verbose_name = _("Staff, organisations and regions")
