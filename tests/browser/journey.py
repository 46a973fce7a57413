"""The public report journey, step by step, shared by the browser tests.

Every step is driven through what a reporter sees: links and buttons are found by their
translated text where that text is the point, by their name where it is not. Nothing here
needs the page's JavaScript, so the same functions run with scripts on and off.
"""

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from django.utils import translation
from django.utils.functional import Promise
from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect

from sanad.accounts.models import Region

RECEIPT = re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$")
# Synthetic Darija in Latin script ("he asks me for photos and threatens to publish them").
DESCRIPTION = "kaytlab mni tsawer w kaydded bli ghadi ynacharhom ila ma sifthomch lih qbel lkhmis"
IDENTIFIERS = "@demo.blackmailer\nhttps://www.instagram.com/demo.blackmailer/"
REPLY = "wakha, chokran. ma b9itch kanjaweb 3lih."
CENTRE_MESSAGE = "Merci. Ne payez rien. Pouvez-vous nous dire depuis quand il vous écrit ?"

# What a page is called in a screenshot, and what is done with each page on the way.
Visit = Callable[[Page, str], None]


def no_visit(page: Page, name: str) -> None:
    return None


def t(language: str, text: str | Promise) -> str:
    """The text as the portal shows it in this language (the English text if not yet translated)."""
    with translation.override(language):
        return translation.gettext(text) if isinstance(text, str) else str(text)


def path(language: str, rest: str = "") -> str:
    return f"/{language}/{rest}"


# --- Synthetic evidence ------------------------------------------------------------------


def make_png(folder: Path, name: str = "capture-conversation.png") -> Path:
    """A small drawing that looks like a chat screenshot: grey and green bubbles, no text."""
    image = Image.new("RGB", (180, 320), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 180, 28), fill="#0b5e6b")
    for row in range(6):
        top = 40 + row * 44
        if row % 2:
            draw.rounded_rectangle((60, top, 170, top + 32), radius=8, fill="#d9f2d0")
        else:
            draw.rounded_rectangle((10, top, 120, top + 32), radius=8, fill="#e5e7eb")
    target = folder / name
    image.save(target, "PNG")
    return target


def make_pdf(folder: Path, name: str = "messages-exportes.pdf") -> Path:
    """A one-page PDF drawn by Pillow: plain, with no scripts or attachments."""
    image = Image.new("RGB", (200, 280), "#ffffff")
    draw = ImageDraw.Draw(image)
    for line in range(8):
        draw.rectangle((16, 20 + line * 30, 184 - (line % 3) * 30, 30 + line * 30), fill="#9ca3af")
    target = folder / name
    image.save(target, "PDF", resolution=72)
    return target


def make_zip(folder: Path, name: str = "captures.zip") -> Path:
    """A real ZIP archive (the portal must refuse archives whatever they hold)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("note.txt", "synthetic test file")
    target = folder / name
    target.write_bytes(buffer.getvalue())
    return target


# --- The steps ---------------------------------------------------------------------------


def go_next(page: Page, language: str, slug: str) -> None:
    """Press the step's main button and land on the next step."""
    page.locator('button[name="next"]').click()
    page.wait_for_url(f"**/{language}/report/step/{slug}/")


def expect_step(page: Page, language: str, title: str) -> None:
    expect(page.locator("h1")).to_have_text(t(language, title))


def open_report(page: Page, language: str, visit: Visit = no_visit) -> None:
    """Home page, then "Report now": the first step."""
    page.goto(path(language))
    expect(page.locator("html")).to_have_attribute("lang", language)
    visit(page, "01-home")
    page.locator(".hero").get_by_role("link", name=t(language, "Report now")).click()
    page.wait_for_url(f"**/{language}/report/step/danger/")
    expect_step(page, language, "Your safety")


def answer_danger(
    page: Page, language: str, *, sextortion: bool, self_harm: bool = False, visit: Visit = no_visit
) -> None:
    """The three danger questions; a yes leads to the page of who to call, else to "what happened"."""
    page.check('input[name="danger_now"][value="no"]')
    page.check(f'input[name="self_harm"][value="{"yes" if self_harm else "no"}"]')
    page.check(f'input[name="sextortion_deadline"][value="{"yes" if sextortion else "no"}"]')
    visit(page, "03-danger")
    go_next(page, language, "help" if sextortion or self_harm else "what")


def see_help(page: Page, language: str, visit: Visit = no_visit) -> None:
    """After a "yes" to sextortion: the full advice once, with the numbers to call."""
    advice = page.locator(".danger-advice")
    expect(advice).to_be_visible()
    expect(advice).to_contain_text(
        t(
            language,
            "Someone is demanding money or images: do not pay and do not send anything. "
            "Keep the messages, stop answering. We can help get images removed.",
        )
    )
    expect(advice.locator('a[href="tel:19"]')).to_be_visible()
    visit(page, "04-danger-advice")
    go_next(page, language, "what")


def fill_what(page: Page, *, categories: list[str], description: str = DESCRIPTION, role: str = "victim") -> None:
    page.check(f'input[name="reporter_role"][value="{role}"]')
    for code in categories:
        page.check(f'input[name="categories"][value="{code}"]')
    page.fill('textarea[name="description"]', description)


def answer_what(page: Page, language: str, *, sextortion: bool, visit: Visit = no_visit) -> None:
    expect_step(page, language, "What happened?")
    expect(page.locator(".danger-advice")).to_have_count(0)  # the full box is shown once, not on every step
    fill_what(page, categories=["sexual_exploitation", "harassment"])
    visit(page, "05-what")
    go_next(page, language, "where")


def fill_where(page: Page, *, identifiers: str = IDENTIFIERS, has_files: bool = True) -> None:
    page.check('input[name="platforms"][value="instagram"]')
    page.fill('textarea[name="identifiers"]', identifiers)
    page.check('input[name="started"][value="week"]')
    page.check('input[name="ongoing"][value="yes"]')
    if has_files:  # "I have screenshots to send": the evidence step comes next
        page.check('input[name="has_files"]')


def answer_where(page: Page, language: str, visit: Visit = no_visit, *, has_files: bool = True) -> None:
    expect_step(page, language, "Where and when")
    fill_where(page, has_files=has_files)
    visit(page, "06-where")
    go_next(page, language, "evidence" if has_files else "child")


def upload(page: Page, language: str, files: list[Path]) -> None:
    """Choose several files at once and press "Add these files"."""
    page.set_input_files("#id_files", files)
    page.get_by_role("button", name=t(language, "Add these files")).click()
    page.wait_for_load_state()


def answer_evidence(page: Page, language: str, files: list[Path], visit: Visit = no_visit) -> None:
    expect_step(page, language, "Screenshots")
    upload(page, language, files)
    page.wait_for_url(f"**/{language}/report/step/evidence/")
    listed = page.locator(".file-list li")
    expect(listed).to_have_count(len(files))
    for file in files:
        expect(page.locator(".file-list")).to_contain_text(file.name)
    visit(page, "07-evidence")
    go_next(page, language, "child")


def answer_child(page: Page, language: str, *, then: str = "review", visit: Visit = no_visit) -> None:
    """The questions about the young person; `then`: "contact" after a danger answer, else "review"."""
    expect_step(page, language, "About you")  # the role chosen: it is happening to me
    page.check('input[name="victim_age_band"][value="13_15"]')
    page.check('input[name="victim_gender"][value="girl"]')
    page.select_option('select[name="region"]', "casablanca-settat")
    page.check('input[name="told"][value="nobody"]')
    visit(page, "08-child")
    go_next(page, language, then)


def answer_contact(page: Page, language: str, visit: Visit = no_visit, *, javascript: bool = False) -> None:
    expect_step(page, language, "Contact")
    contact = page.locator("#field-contact_value")
    if javascript:  # the contact questions show only once "yes, contact me" is chosen
        expect(contact).to_be_hidden()
        page.check('input[name="wants_contact"][value="yes"]')
        expect(contact).to_be_visible()
    else:
        expect(contact).to_be_visible()
    page.check('input[name="wants_contact"][value="no"]')
    if javascript:
        expect(contact).to_be_hidden()
    page.check('input[name="consent_share"][value="no"]')
    visit(page, "09-contact")
    go_next(page, language, "review")


def check_review(page: Page, language: str, *, expected: list[str], absent: tuple[str, ...] = ()) -> None:
    expect_step(page, language, "Check and send")
    summary = page.locator("main")
    for text in expected:
        expect(summary).to_contain_text(text)
    for text in absent:
        expect(summary).not_to_contain_text(text)


def send(page: Page, language: str, visit: Visit = no_visit) -> str:
    """Send from the review page; return the receipt code shown."""
    page.get_by_role("button", name=t(language, "Send my report")).click()
    page.wait_for_url(f"**/{language}/report/sent/")
    code = page.locator(".receipt-code").inner_text().strip()
    assert RECEIPT.match(code), code
    visit(page, "11-receipt")
    return code


def report_with_sextortion(
    page: Page, language: str, folder: Path, visit: Visit = no_visit, *, javascript: bool = True
) -> str:
    """The full report of journey 1, from the home page to the receipt; returns the receipt."""
    files = [make_png(folder), make_pdf(folder)]
    open_report(page, language, visit)
    answer_danger(page, language, sextortion=True, visit=visit)
    see_help(page, language, visit)
    answer_what(page, language, sextortion=True, visit=visit)
    answer_where(page, language, visit)
    answer_evidence(page, language, files, visit)
    answer_child(page, language, then="contact", visit=visit)  # a danger answer: "contact" is on the way
    answer_contact(page, language, visit, javascript=javascript)
    with translation.override(language):
        region_name = Region.objects.get(code="casablanca-settat").name
    check_review(
        page,
        language,
        expected=[
            DESCRIPTION,
            "@demo.blackmailer",
            "Instagram",
            files[0].name,
            files[1].name,
            region_name,
            t(language, "Intimate photos or videos"),
            "13–15",
            t(language, "Anonymous"),
            t(language, "A demand with a deadline"),
        ],
    )
    visit(page, "10-review")
    code = send(page, language, visit)
    advice = page.locator(".advice")
    expect(advice).to_contain_text(
        t(language, "Do not pay and do not send anything more: paying never stops the demands.")
    )
    expect(advice).to_contain_text(t(language, "We can help get the images removed from the platforms."))
    return code


def open_follow_up(page: Page, language: str, code: str, visit: Visit = no_visit) -> None:
    """From the receipt page: "I have written down my code", then the code, then the report."""
    page.get_by_role("button", name=t(language, "I have written down my code")).click()
    page.wait_for_url(f"**/{language}/follow-up/")
    visit(page, "12-followup-form")
    page.fill('input[name="receipt"]', code)
    page.get_by_role("button", name=t(language, "Open my report")).click()
    page.wait_for_url(f"**/{language}/follow-up/report/")
    expect(page.locator(".status")).to_have_text(t(language, "Received"))


def reply(page: Page, language: str, body: str = REPLY) -> None:
    page.fill('textarea[name="body"]', body)
    page.get_by_role("button", name=t(language, "Send my message")).click()
    page.wait_for_url(f"**/{language}/follow-up/report/")
    expect(page.locator(".notices")).to_contain_text(t(language, "Your message was sent."))
    expect(page.locator(".message-reporter")).to_contain_text(body)
