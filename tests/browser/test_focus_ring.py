"""The focus ring reaches 3:1 contrast against what surrounds it, on every background of the
public pages (WCAG 1.4.11): two rings, a light one and a dark one, so one always stands out."""

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.browser import journey
from tests.browser.conftest import LANGUAGES

pytestmark = [pytest.mark.browser]

RINGS = """(element) => {
  const rgb = (text) => (text.match(/rgba?\\(([^)]+)\\)/) || [null, "0,0,0,0"])[1].split(",").map(Number);
  const behind = (node) => {
    for (; node; node = node.parentElement) {
      const color = rgb(getComputedStyle(node).backgroundColor);
      if (color.length < 4 || color[3] > 0.5) return color.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const style = getComputedStyle(element);
  const shadow = style.boxShadow.match(/rgba?\\([^)]+\\)/);
  return {
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 ? rgb(style.outlineColor).slice(0, 3) : null,
    shadow: shadow ? rgb(shadow[0]).slice(0, 3) : null,
    around: behind(element.parentElement),
    name: element.tagName + " " + (element.getAttribute("name") || element.textContent.trim().slice(0, 30)),
  };
}"""


def luminance(rgb: list[float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: list[float], second: list[float]) -> float:
    light, dark = sorted([luminance(first), luminance(second)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def weak_rings(page: Page, limit: int = 60) -> list[str]:
    """Tab through the page; every focused control whose ring does not reach 3:1."""
    problems, seen = [], set()
    page.evaluate("window.scrollTo(0, 0)")
    for _ in range(limit):
        page.keyboard.press("Tab")
        handle = page.evaluate_handle("document.activeElement")
        ring = page.evaluate(RINGS, handle)
        if ring["name"] in seen or ring["name"].startswith("BODY"):
            break
        seen.add(ring["name"])
        colors = [color for color in (ring["outline"], ring["shadow"]) if color]
        best = max((contrast(color, ring["around"]) for color in colors), default=0)
        if best < 3:
            problems.append(f"{page.url} {ring['name']}: {best:.2f}:1 on rgb{tuple(ring['around'])}")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_focus_ring_stands_out_everywhere(
    language: str, new_context: Callable[..., BrowserContext], tmp_path: Path
) -> None:
    page = new_context().new_page()
    problems: list[str] = []
    journey.open_report(page, language)
    page.goto(journey.path(language))
    problems += weak_rings(page)  # the dark header, the pink emergency bar, the hero, the cards
    page.goto(journey.path(language, "report/step/danger/"))
    problems += weak_rings(page)  # chips
    journey.answer_danger(page, language, sextortion=True)
    problems += weak_rings(page)  # the danger box: red buttons on pink
    journey.see_help(page, language)
    page.locator('button[name="next"]').click()  # nothing answered: the error summary
    page.wait_for_load_state()
    problems += weak_rings(page)
    journey.fill_what(page, categories=["sexual_exploitation"])
    journey.go_next(page, language, "where")
    journey.fill_where(page)
    journey.go_next(page, language, "evidence")
    problems += weak_rings(page)  # the rule box, the file chooser
    journey.go_next(page, language, "child")
    journey.answer_child(page, language, then="contact")
    journey.answer_contact(page, language, javascript=True)
    problems += weak_rings(page)  # the review
    journey.send(page, language)
    problems += weak_rings(page)  # the receipt: help line, complaint, summary
    assert not problems, "\n".join(problems)
