from django.urls import path

from sanad.schools.views import figures, imports, protocol, team

app_name = "schools"
urlpatterns = [
    # Importing schools and team members from CSV, for centre administrators (views/imports.py)
    path("schools/import/", imports.import_page, name="import"),
    # A resource team's workspace (views/team.py)
    path("school/", team.dashboard, name="dashboard"),
    path("school/cases/new/", team.record_case, name="record"),
    path("school/cases/<int:run_id>/", team.run_detail, name="run"),
    path("school/cases/<int:run_id>/steps/<slug:code>/done/", team.complete_step, name="complete_step"),
    path("school/cases/<int:run_id>/steps/<slug:code>/not-applicable/", team.skip_step, name="skip_step"),
    path("school/cases/<int:run_id>/assess/", team.assess, name="assess"),
    path("school/cases/<int:run_id>/pupils/", team.add_pupil, name="add_pupil"),
    path("school/cases/<int:run_id>/author/", team.set_author, name="set_author"),
    path("school/cases/<int:run_id>/parents/", team.inform_parents, name="inform_parents"),
    path("school/cases/<int:run_id>/takedown/", team.request_takedown, name="request_takedown"),
    path("school/cases/<int:run_id>/close/", team.close, name="close"),
    path("school/cases/<int:run_id>/files/<uuid:evidence_id>/", team.file, name="file"),
    path("school/cases/<int:run_id>/files/<uuid:evidence_id>/reveal/", team.reveal, name="reveal_file"),
    # Figures for the regional academies, the ministry and the national centre (views/figures.py)
    path("schools/figures/", figures.overview, name="figures"),
    # The protocol, for centre administrators (views/protocol.py)
    path("schools/protocol/", protocol.protocol, name="protocol"),
    path("schools/protocol/edit/", protocol.protocol_edit, name="protocol_edit"),
]
