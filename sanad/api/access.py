"""The only way to fetch what the API serves or changes. Missing and forbidden give the same
error: a partner must not learn that another organisation's notice or referral exists, so the
API answers 404 for both (never 403)."""

from django.db.models import QuerySet

from sanad.accounts.models import User
from sanad.api.models import ApiToken, Delivery, WebhookEndpoint
from sanad.cases.models import Notice, Referral, ReferralQuerySet, ReferralTarget
from sanad.lib.errors import NotFound


class TokenNotFound(NotFound):
    code = "token_not_found"


class EndpointNotFound(NotFound):
    code = "webhook_not_found"


class NoticeNotFound(NotFound):
    code = "notice_not_found"


class ReferralNotFound(NotFound):
    code = "referral_not_found"


# --- The administrators' pages -------------------------------------------------------------


def may_administer_api(user: User) -> bool:
    return user.is_authenticated and user.administers_centre


def tokens_visible_to(user: User) -> QuerySet[ApiToken]:
    if not may_administer_api(user):
        raise TokenNotFound()
    return ApiToken.objects.select_related("organisation", "created_by", "revoked_by")


def access_token(user: User, token_id: int, *, for_update: bool = False) -> ApiToken:
    tokens = tokens_visible_to(user)
    if for_update:
        tokens = ApiToken.objects.select_for_update().filter(pk__in=tokens.values("pk")).select_related("organisation")
    token = tokens.filter(pk=token_id).first()
    if token is None:
        raise TokenNotFound()
    return token


def endpoints_visible_to(user: User) -> QuerySet[WebhookEndpoint]:
    if not may_administer_api(user):
        raise EndpointNotFound()
    return WebhookEndpoint.objects.select_related("organisation")


def access_endpoint(user: User, endpoint_id: int, *, for_update: bool = False) -> WebhookEndpoint:
    endpoints = endpoints_visible_to(user)
    if for_update:
        endpoints = WebhookEndpoint.objects.select_for_update().filter(pk__in=endpoints.values("pk"))
    endpoint = endpoints.select_related("organisation").filter(pk=endpoint_id).first()
    if endpoint is None:
        raise EndpointNotFound()
    return endpoint


def deliveries_of(endpoint: WebhookEndpoint) -> QuerySet[Delivery]:
    """The delivery log of an endpoint fetched through access_endpoint (or endpoint_of_token)."""
    return Delivery.objects.filter(endpoint=endpoint)


# --- A partner's token -----------------------------------------------------------------------


def notices_of(token: ApiToken) -> QuerySet[Notice]:
    """The notices sent to the token's organisation, and no other."""
    return Notice.objects.filter(referral__organisation=token.organisation_id).select_related("referral__case")


def access_notice(token: ApiToken, notice_id: int, *, for_update: bool = False) -> Notice:
    notices = notices_of(token)
    if for_update:
        # Lock the notice: the platform's answer and the clock's expiry are applied one after the other.
        notices = Notice.objects.select_for_update(of=("self",)).filter(pk__in=notices.values("pk"))
    notice = notices.select_related("referral__case").filter(pk=notice_id).first()
    if notice is None:
        raise NoticeNotFound()
    return notice


def referrals_of(token: ApiToken) -> ReferralQuerySet:
    """The referrals sent to the token's organisation (an authority's; a platform's are its notices)."""
    return (
        Referral.objects.filter(organisation=token.organisation_id)
        .exclude(target=ReferralTarget.PLATFORM)
        .select_related("case", "organisation")
    )


def access_referral(token: ApiToken, referral_id: int, *, for_update: bool = False) -> Referral:
    referrals = referrals_of(token)
    if for_update:
        referrals = Referral.objects.select_for_update(of=("self",)).filter(pk__in=referrals.values("pk"))
    referral = referrals.select_related("case", "organisation").filter(pk=referral_id).first()
    if referral is None:
        raise ReferralNotFound()
    return referral


def endpoints_of(token: ApiToken) -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.filter(organisation=token.organisation_id, active=True)


def endpoint_of_token(token: ApiToken, endpoint_id: int, *, for_update: bool = False) -> WebhookEndpoint:
    endpoints = endpoints_of(token)
    if for_update:
        endpoints = endpoints.select_for_update()
    endpoint = endpoints.filter(pk=endpoint_id).first()
    if endpoint is None:
        raise EndpointNotFound()
    return endpoint
