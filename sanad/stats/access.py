"""Who sees which figures: the one gate of the statistics pages and exports."""

from sanad.accounts.models import NATIONAL, User
from sanad.lib.errors import NotFound
from sanad.stats.catalogue import Audience
from sanad.stats.tables import Scope


class FiguresNotFound(NotFound):
    """Same answer as a page that does not exist: a role with no figures learns nothing."""


def figures_scope(user: User) -> Scope:
    """The centre's case handlers see exact national figures; the ministry (and the committee's
    secretary, who works for it) national figures protected; an academy its own region, protected."""
    scope = user.figures_scope
    if scope is None:
        raise FiguresNotFound()
    if scope == NATIONAL:
        return Scope(Audience.CENTRE if user.handles_cases else Audience.NATIONAL)
    return Scope(Audience.ACADEMY, region=scope)  # type: ignore[arg-type]
