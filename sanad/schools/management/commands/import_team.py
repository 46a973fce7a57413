"""`manage.py import_team FILE [--check]`: resource-team members from a CSV file, all rows or none.

Import the schools first. New accounts get an e-mail with a link to choose their password.
Columns and accepted values: docs/import-csv.md.
"""

from sanad.schools import imports
from sanad.schools.management.commands.import_schools import ImportCommand


class Command(ImportCommand):
    help = (
        "Import resource-team members from a CSV file "
        "(school_code,username,first_name,last_name,email,position,trained_on); nothing is written if a row is refused."
    )
    kind = imports.TEAM
