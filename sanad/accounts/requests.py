"""The request a back-office view receives, for the type checker.

Behind `lib.gates.staff_view` (and the doors built on it) the user is signed in with a
verified second factor, so `request.user` is a staff `User`, never `AnonymousUser`. Views
behind the door take a `StaffRequest` instead of an `HttpRequest` to say so; at run time the
object is Django's own request, this class is never instantiated.
"""

from django.http import HttpRequest

from sanad.accounts.models import User


class StaffRequest(HttpRequest):
    user: User
