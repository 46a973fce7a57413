"""The doors of training's pages: who may practise, who trains."""

from collections.abc import Callable
from functools import wraps

from django.http import HttpResponse

from sanad.accounts.models import User
from sanad.accounts.requests import StaffRequest
from sanad.lib.gates import require, staff_view


def may_practise(user: User) -> bool:
    """Those who handle reports (the centre, liaisons, school teams) and those who train them."""
    return user.is_active and (user.sees_files or user.trains)


def trainee_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @staff_view
    @wraps(view)
    def gate(request: StaffRequest, *args: object, **kwargs: object) -> HttpResponse:
        require(may_practise(request.user))
        return view(request, *args, **kwargs)

    return gate


def trainer_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Trainers and the centre's supervisors; anyone else gets the not-found answer."""

    @staff_view
    @wraps(view)
    def gate(request: StaffRequest, *args: object, **kwargs: object) -> HttpResponse:
        require(request.user.trains)
        return view(request, *args, **kwargs)

    return gate
