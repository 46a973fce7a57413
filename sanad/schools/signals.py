"""What a school case tells the rest of the platform, without knowing who listens.

`schools` may not import `cases` (docs/architecture.md); the back-office connects to these
in its AppConfig.ready() and acts inside the same transaction as the sender.
"""

from django.dispatch import Signal

# A case reached level 3: the national centre must see it in its queue at once.
# Arguments: run, by.
escalated = Signal()

# The team asks for content to be removed through the national centre's channel.
# Arguments: run, by.
takedown_requested = Signal()

# The team closed a case: a transfer from the national centre is answered.
# Arguments: run, by.
run_closed = Signal()
