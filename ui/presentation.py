"""Summit presentation mode (?present=1): no chrome, large type, a looping playlist with controls, and a
QR code that opens the same view on a phone. Configured by presentation.toml and URL parameters."""

from __future__ import annotations

import dataclasses
import io
import time
import tomllib
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import segno
import streamlit as st

from data_access import settings
from data_access.filters import Filters, to_params
from ui import state
from ui.router_pages import PAGE_FILES, ROOT
from ui.slides import slide_for

PRESENT_PARAMS = ("present", "interval", "playlist", "featured")
MIN_INTERVAL, MAX_INTERVAL = 2, 600
_STARTED, _PAUSED = "_slide_started", "_slides_paused"

# Slides are laid out for 1280×720 and scale with the screen: text in vh units, charts zoomed on tall screens
# (1920×1080 shows headline values at 6.2vh = 67 px), controls in a slim fixed footer.
CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stTopNav"], [data-testid="stExpander"],
[data-testid="stDownloadButton"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMain"] { overflow: hidden !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 2vh 3vw 13vh 3vw !important; }
[data-testid="stApp"] { background: #ffffff; color: #000000; }
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 2.4vh; line-height: 1.35; color: #000000; }
[data-testid="stMain"] h1 { font-size: 5vh; padding: 0 0 0.5vh 0; color: #000000; }
[data-testid="stMain"] h4 { font-size: 2.7vh; color: #000000; }
[data-testid="stMetricLabel"] p { font-size: 2.4vh !important; font-weight: 700; color: #000000; }
[data-testid="stMetricValue"] { font-size: 6.2vh !important; line-height: 1.15; color: #000000; }
[data-testid="stMetricDelta"] { font-size: 2.2vh !important; }
[data-testid="stCaptionContainer"] p { font-size: 1.9vh; color: #1b1b1b; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 1.2vh; }
[class*="st-key-slide-chart-"] { height: 56vh !important; flex: 0 0 auto !important; }
[data-testid="stMetricValue"] * { font-size: inherit !important; line-height: inherit !important; }
.st-key-slide-footer { position: fixed; left: 0; right: 0; bottom: 0; height: 11vh; z-index: 100;
  background: #f0f0f0; border-top: 2px solid #1b1b1b; padding: 0.5vh 3vw; justify-content: center; }
.st-key-slide-footer button { min-height: 0; padding: 0.4vh 1vw; }
.st-key-slide-footer p { font-size: 1.8vh !important; }
.st-key-slide-footer img { height: 8.5vh !important; width: auto !important; }
.st-key-slide-footer [data-testid="stImageCaption"] { display: none; }
</style>
"""


@dataclass(frozen=True)
class Show:
    interval: int
    playlist: tuple[str, ...]
    featured: str | None


def presenting() -> bool:
    return st.query_params.get("present") == "1"


def _defaults() -> tuple[dict, list[str]]:
    try:
        return tomllib.loads(settings.current().presentation_file.read_text()), []
    except (OSError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"presentation.toml could not be read ({type(exc).__name__}); built-in defaults are used."]


def load_show(params: dict[str, str | None], org_codes: frozenset[str]) -> tuple[Show, list[str]]:
    """The show from presentation.toml overridden by URL parameters; bad values are dropped with a message."""
    config, problems = _defaults()
    interval = params.get("interval") or config.get("interval", 20)
    try:
        interval = int(interval)
        if not MIN_INTERVAL <= interval <= MAX_INTERVAL:
            raise ValueError
    except (TypeError, ValueError):
        problems.append(f"Slide interval “{str(interval)[:20]}” must be {MIN_INTERVAL}-{MAX_INTERVAL} seconds; 20 is used.")
        interval = 20
    raw = params.get("playlist")
    items = raw.split(",") if raw else config.get("playlist", list(PAGE_FILES))
    playlist = tuple(p.strip().lower() for p in items if isinstance(p, str) and p.strip().lower() in PAGE_FILES)
    unknown = [str(p)[:30] for p in items if not (isinstance(p, str) and p.strip().lower() in PAGE_FILES)]
    if unknown:
        problems.append(f"Unknown slides ignored: {', '.join(unknown)}. Slides are: {', '.join(PAGE_FILES)}.")
    if not playlist:
        playlist = ("overview", "adoption", "savings", "performance")
    featured = (params.get("featured") or config.get("featured") or "").strip().upper() or None
    if featured and featured not in org_codes:
        problems.append(f"Featured agency “{featured[:20]}” is unknown; the profile slide uses the filters.")
        featured = None
    return Show(interval, playlist, featured), problems


def current_show() -> Show:
    params = {k: st.query_params.get(k) for k in PRESENT_PARAMS}
    show, problems = load_show(params, state.catalog().organization_codes)
    for p in problems:
        st.warning(p, icon=":material/slideshow:")
    return show


def public_link(f: Filters, path: str) -> str:
    """The same page and filters without presentation mode, as an absolute URL (QSMO_PUBLIC_URL if set)."""
    base = settings.current().public_url or ""
    if not base:
        parts = urlsplit(st.context.url or "")
        base = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    query = urlencode(to_params(f, state.catalog()), doseq=True)
    return f"{base}/{'' if path == 'overview' else path}" + (f"?{query}" if query else "")


def _qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=5, border=2)
    return buffer.getvalue()


def _go(show: Show, index: int, f: Filters) -> None:
    target = show.playlist[index % len(show.playlist)]
    params = {**to_params(f, state.catalog()), "present": "1", "interval": str(show.interval),
              "playlist": ",".join(show.playlist)}
    if show.featured:
        params["featured"] = show.featured
    st.session_state[_STARTED] = time.time()
    st.switch_page(str(ROOT / PAGE_FILES[target]), query_params=params)


def present(f: Filters, current_path: str, title: str) -> None:
    """Presentation mode for the page at `current_path` (titled `title`): its slide (never taller than the screen),
    then a slim footer with the controls, the progress through the playlist, the auto-advance timer and a QR code
    that opens the same view on a phone."""
    show = current_show()
    st.html(CSS)
    index = show.playlist.index(current_path) if current_path in show.playlist else -1
    st.session_state[_STARTED] = time.time()
    featured = dataclasses.replace(f, organizations=(show.featured,)) if show.featured else f
    slide_for(current_path, title)(featured if current_path == "agencies" else f)
    paused = st.session_state.get(_PAUSED, False)
    with st.container(key="slide-footer"):
        controls, progress, qr = st.columns([5, 4, 2], vertical_alignment="center")
        with controls:
            b1, b2, b3, b4 = st.columns(4)
            if b1.button("Previous", icon=":material/skip_previous:", key="slide-prev"):
                _go(show, index - 1, f)
            if b2.button("Resume" if paused else "Pause", icon=":material/play_arrow:" if paused else ":material/pause:",
                         key="slide-pause"):
                st.session_state[_PAUSED] = not paused
                st.rerun()
            if b3.button("Next", icon=":material/skip_next:", key="slide-next"):
                _go(show, index + 1, f)
            if b4.button("Exit", icon=":material/close:", key="slide-exit"):
                for k in PRESENT_PARAMS:
                    st.query_params.pop(k, None)
                st.rerun()
        with progress:
            _ticker(show, index, f)
        with qr:
            link = public_link(f, current_path)
            st.image(_qr_png(link), caption="Scan to open this view on a phone")


def _ticker(show: Show, index: int, f: Filters) -> None:
    @st.fragment(run_every=show.interval)
    def tick() -> None:
        paused = st.session_state.get(_PAUSED, False)
        elapsed = time.time() - st.session_state.get(_STARTED, time.time())
        if not paused and elapsed >= show.interval - 0.5:
            _go(show, index + 1, f)
        position = f"Slide {index + 1} of {len(show.playlist)}" if index >= 0 else "Not in the playlist"
        st.progress((index + 1) / len(show.playlist) if index >= 0 else 0.0,
                    text=f"**{position}** · {'paused' if paused else f'next in {show.interval} s'}")

    tick()
