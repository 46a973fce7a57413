"""A trainee's own certificate, as a PDF in Arabic and French."""

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from sanad.accounts.requests import StaffRequest
from sanad.training.access import access_own_certificate
from sanad.training.certificates import certificate_pdf, verify_path
from sanad.training.gates import trainee_view


@trainee_view
@require_GET
def certificate(request: StaffRequest, enrolment_id: int) -> HttpResponse:
    found = access_own_certificate(request.user, enrolment_id)
    pdf = certificate_pdf(found, verify_url=request.build_absolute_uri(verify_path()))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sanad-certificate-{found.code}.pdf"'
    return response
