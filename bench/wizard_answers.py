"""The answers a benchmark client gives at each wizard step (a complete, non-urgent report)."""

STEP_ANSWERS: list[tuple[str, dict[str, str | list[str]]]] = [
    ("danger", {"danger_now": "no", "self_harm": "no", "sextortion_deadline": "no", "next": ""}),
    ("who", {"reporter_role": "victim", "next": ""}),
    (
        "what",
        {
            "categories": ["harassment"],
            "description": "Benchmark report: someone keeps posting mean comments under my photos.",
            "started": "week",
            "ongoing": "yes",
            "next": "",
        },
    ),
    ("where", {"platforms": ["instagram"], "identifiers": "@bench.user\nhttps://example.org/post/1", "next": ""}),
    ("evidence", {"next": ""}),  # no files: the step is only visited
    (
        "child",
        {
            "victim_age_band": "13_15",
            "victim_gender": "unsaid",
            "region": "casablanca-settat",
            "school": "",
            "told": ["nobody"],
            "next": "",
        },
    ),
    ("contact", {"wants_contact": "no", "consent_share": "no", "contact_method": "", "contact_value": "", "next": ""}),
]
# The step each answered step redirects to (the last one leads to the review page).
NEXT_STEP = {
    slug: following for (slug, _), (following, _) in zip(STEP_ANSWERS, [*STEP_ANSWERS[1:], ("review", {})], strict=True)
}
