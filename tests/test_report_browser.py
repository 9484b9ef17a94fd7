"""The HTML report in a real browser: headless Chromium loads it, renders its Chinese with a real font,
asks for nothing over the network, logs no error, and prints it to PDF.

Chromium is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``: JSON messages ending
in NUL on file descriptors 3 and 4), so the test needs no WebDriver, no websocket library and no port.
Marked ``browser``; skipped, with the reason, where Chromium or a CJK font is not installed (Debian:
``apt-get install chromium fonts-noto-cjk``, which ``.ci/run`` does when it can).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import select
import shutil
import struct
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from test_report_markdown import file_report

from lawdiff.render.html import CSS, render_html

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--remote-debugging-pipe")
CJK_FONT = re.compile(r"CJK|Han Sans|Han Serif|WenQuanYi|Song|Hei|PingFang|YaHei|SimSun", re.IGNORECASE)
DEADLINE = 90  # seconds for the whole session: a busy 2-core machine starts Chromium in 2-10 s


def browser() -> str | None:
    return next((p for p in map(shutil.which, BROWSERS) if p), None)


def cjk_font_installed() -> bool:
    fc = shutil.which("fc-list")
    if fc is None:
        return True  # no fontconfig to ask: let the browser show it
    out = subprocess.run([fc, ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout
    return bool(out.strip())


class DevTools:
    """A minimal DevTools-protocol client over Chromium's pipe: send a command, wait for its answer,
    and keep every event that arrives meanwhile."""

    def __init__(self, exe: str, profile: Path) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        # park both ends above 10 so that putting them on 3 and 4 in the child cannot clobber one another
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_chrome_r, from_chrome_w)]

        def child() -> None:
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.proc = subprocess.Popen([exe, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, pass_fds=(3, 4), preexec_fn=child)
        for fd in (to_chrome_r, from_chrome_w, *high):
            os.close(fd)
        self._buf = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []
        self.deadline = time.monotonic() + DEADLINE

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        self._next += 1
        msg: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_chrome, json.dumps(msg).encode() + b"\0")
        while True:
            m = self._read()
            if m.get("id") == self._next:
                if "error" in m:
                    raise AssertionError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def wait_for(self, method: str) -> dict[str, Any]:
        for e in self.events:
            if e.get("method") == method:
                return e
        while True:
            m = self._read()
            self.events.append(m)
            if m.get("method") == method:
                return m

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buf:
            left = self.deadline - time.monotonic()
            ready, _, _ = select.select([self._from_chrome], [], [], max(0.0, left))
            if not ready:
                raise AssertionError(f"Chromium did not answer within {DEADLINE} s")
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                raise AssertionError("Chromium closed the DevTools pipe")
            self._buf += chunk
        raw, _, self._buf = self._buf.partition(b"\0")
        return json.loads(raw)

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except AssertionError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """The genai-2023 HTML report loaded in headless Chromium: (client, session, file URL, out folder)."""
    exe = browser()
    if exe is None:
        pytest.skip("no Chromium to drive: install it (Debian: apt-get install chromium fonts-noto-cjk; .ci/run "
                    "does when apt-get is available)")
    if not cjk_font_installed():
        pytest.skip("no CJK font installed (fc-list :lang=zh is empty): install fonts-noto-cjk")
    out = tmp_path_factory.mktemp("browser")
    html = out / "genai-2023.html"
    html.write_text(render_html(file_report("genai-2023")), encoding="utf-8")
    client = DevTools(exe, out / "profile")
    try:
        target = client.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = client.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page", "DOM", "CSS"):
            client.send(f"{domain}.enable", session=session)
        url = html.as_uri()
        client.send("Page.navigate", {"url": url}, session=session)
        client.wait_for("Page.loadEventFired")
        yield client, session, url, out
    finally:
        client.close()


@pytest.mark.browser
@pytest.mark.slow
def test_loads_without_errors_or_network_requests(page):
    client, session, url, _out = page
    client.send("Runtime.evaluate", {"expression": "document.readyState"}, session=session)  # flush events
    errors = [e for e in client.events
              if (e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert"))
              or e.get("method") == "Runtime.exceptionThrown"
              or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")]
    assert errors == []
    requests = [e["params"]["request"]["url"] for e in client.events if e.get("method") == "Network.requestWillBeSent"]
    assert requests == [url]  # the page itself, and nothing else: no font, script, image or stylesheet


@pytest.mark.browser
@pytest.mark.slow
def test_chinese_is_drawn_with_a_real_cjk_font(page):
    client, session, _url, out = page
    root = client.send("DOM.getDocument", session=session)["root"]["nodeId"]
    for selector in ("table.compare td", "h1"):
        node = client.send("DOM.querySelector", {"nodeId": root, "selector": selector}, session=session)["nodeId"]
        fonts = client.send("CSS.getPlatformFontsForNode", {"nodeId": node}, session=session)["fonts"]
        cjk = [f for f in fonts if CJK_FONT.search(f["familyName"]) and f["glyphCount"] > 0]
        assert cjk, (selector, fonts)
    # a real CJK font draws every ideograph one em wide; a missing-glyph box of a Latin font is narrower
    probe = ("(() => { const td = document.querySelector('table.compare td'); const s = document.createElement('span');"
             " s.textContent = '条文对照修改说明'; s.style.whiteSpace = 'nowrap'; s.style.position = 'absolute';"
             " td.appendChild(s); const w = s.getBoundingClientRect().width;"
             " const em = parseFloat(getComputedStyle(s).fontSize); s.remove(); return w / em; })()")
    ems = client.send("Runtime.evaluate", {"expression": probe, "returnByValue": True}, session=session)
    assert ems["result"]["value"] == pytest.approx(8.0, abs=0.25)
    shot = base64.b64decode(client.send("Page.captureScreenshot", {"format": "png"}, session=session)["data"])
    (out / "genai-2023.png").write_bytes(shot)
    width, height = png_size(shot)
    assert width >= 400 and height >= 300 and len(shot) > 20_000  # a page of text, not a blank canvas


@pytest.mark.browser
@pytest.mark.slow
def test_prints_to_pdf_in_landscape_with_chapters_on_their_own_pages(page):
    client, session, _url, out = page
    client.send("Emulation.setEmulatedMedia", {"media": "print"}, session=session)
    shown = ("(() => { const d = document.querySelector('tr.note details'); const r = document.createRange();"
             " r.selectNodeContents(d); return [d.getBoundingClientRect().height,"
             " getComputedStyle(d.querySelector('summary')).display]; })()")
    height, summary = client.send("Runtime.evaluate", {"expression": shown, "returnByValue": True},
                                  session=session)["result"]["value"]
    assert height > 0 and summary == "none"  # on paper the rules line is printed, without its ▶ 规则 toggle
    client.send("Emulation.setEmulatedMedia", {"media": ""}, session=session)
    result = client.send("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True}, session=session)
    pdf = base64.b64decode(result["data"])
    (out / "genai-2023.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages >= 6, pages  # the front matter, then five chapters each starting a page
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert box is not None and float(box.group(1)) > float(box.group(2))  # A4 landscape: wider than tall


# --------------------------------------------------------------------------- without a browser


def test_css_names_cjk_fonts_and_print_rules():
    for font in ("Noto Serif CJK SC", "Noto Sans CJK SC", "SimSun", "Microsoft YaHei", "PingFang SC"):
        assert font in CSS
    for rule in ("@page{size:A4 landscape", "thead{display:table-header-group}", "h2.part,h3.chapter{break-before:page}",
                 "tr{break-inside:avoid}"):
        assert rule in CSS


def test_every_chapter_after_the_first_starts_a_page():
    src = render_html(file_report("genai-2023"))
    chapters = re.findall(r"<h3( class=\"chapter\")? id=\"第", src)
    assert len(chapters) == 5 and chapters[0] == "" and all(c for c in chapters[1:])
    assert src.count("<thead>") >= 5
