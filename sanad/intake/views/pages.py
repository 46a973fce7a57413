"""The portal's pages that are not a form: home, advice, privacy, and the quick exit."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from sanad.intake import drafts
from sanad.intake.guidance import BY_CATEGORY, GUIDES, INTIMATE_IMAGES, KEEP_EVIDENCE, help_lines_for
from sanad.intake.models import Category
from sanad.intake.views.report import resume_url
from sanad.lib.errors import NotFound

# Every public page is `no-store` (lib/caching.py): nothing of the portal stays in a shared
# phone's cache, and a page that was never stored cannot come back from it after a quick exit.


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/home.html", {"guides": GUIDES, "resume_url": resume_url(request)})


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/privacy.html")


@require_GET
def guidance_index(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/guidance_index.html", {"guides": GUIDES, "keep_evidence": KEEP_EVIDENCE})


@require_GET
def guidance(request: HttpRequest, category: str) -> HttpResponse:
    guide = BY_CATEGORY.get(category)
    if guide is None:
        raise NotFound()
    context = {
        "guide": guide,
        "keep_evidence": KEEP_EVIDENCE,
        "intimate_images": guide.category == Category.SEXUAL_EXPLOITATION,
        "help_lines": help_lines_for(set()),
        **INTIMATE_IMAGES,
    }
    return render(request, "intake/guidance.html", context)


@require_GET
@drafts.keeps_draft
def quick_exit(request: HttpRequest) -> HttpResponse:
    """Leave at once for a neutral site, ending on the server what this browser could reopen:
    the live draft cookie and the follow-up session. The draft itself stays, for its own
    lifetime, reachable only with its return code (drafts.py, docs/portal.md)."""
    drafts.end_live(request)
    request.session.flush()  # the follow-up with a receipt: its session row is deleted
    response = redirect(settings.SANAD_QUICK_EXIT_URL)
    # The browser drops what it cached of this site, back/forward cache included, so "Back"
    # asks the server again, which no longer knows this browser.
    response["Clear-Site-Data"] = '"cache"'
    return response
