"""The answers a benchmark client gives at each wizard step (a complete, non-urgent report)."""

STEP_ANSWERS: list[tuple[str, dict[str, str | list[str]]]] = [
    ("danger", {"danger_now": "no", "self_harm": "no", "sextortion_deadline": "no", "next": ""}),
    (
        "what",
        {
            "reporter_role": "victim",
            "categories": ["harassment"],
            "description": "Benchmark report: someone keeps posting mean comments under my photos.",
            "next": "",
        },
    ),
    (
        "where",
        {
            "platforms": ["instagram"],
            "identifiers": "@bench.user\nhttps://example.org/post/1",
            "started": "week",
            "ongoing": "yes",
            "next": "",
        },
    ),
    (
        "child",
        {
            "victim_age_band": "13_15",
            "victim_gender": "unsaid",
            "region": "casablanca-settat",
            "told": ["nobody"],
            "next": "",
        },
    ),
]
# The step each answered step redirects to (the last one leads to the review page). Without a
# danger answer or screenshots, "help", "evidence" and "contact" are not on the way.
NEXT_STEP = {
    slug: following for (slug, _), (following, _) in zip(STEP_ANSWERS, [*STEP_ANSWERS[1:], ("review", {})], strict=True)
}
