"""The only way to reach a person's exposure figures: their own, or their supervisor's view of them.
Missing and forbidden give the same error, so a page never confirms who has an account."""

from sanad.accounts.models import User
from sanad.lib.errors import NotFound


class PersonNotFound(NotFound):
    code = "person_not_found"


def access_exposure(user: User, person_id: int | None) -> User:
    """Whose exposure this user may read: their own, or a centre colleague's when they supervise."""
    if person_id is None or person_id == user.pk:
        return user
    if not user.supervises:
        raise PersonNotFound()
    person = User.objects.filter(pk=person_id, is_active=True, organisation=user.organisation_id).first()
    if person is None:
        raise PersonNotFound()
    return person


def supervised_by(user: User) -> list[User]:
    """The colleagues a supervisor looks after: everyone of the centre who may reveal files."""
    if not user.supervises:
        return []
    return list(User.objects.filter(organisation=user.organisation_id, is_active=True).order_by("username"))
