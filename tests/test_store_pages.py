"""AppTest of the Add page and of removing an article from the Sources page, each on its own store."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import SEEDS_DIR
from dashboard.store import ENV_URL, Store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
SEED = sorted(SEEDS_DIR.iterdir())
GOOD = SEED[2].read_text(encoding="utf-8").replace("Chinese experts", "Japanese experts") + "\n\nArchive note: AppTest copy.\n"


@pytest.fixture
def store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'app.sqlite3'}"
    monkeypatch.setenv(ENV_URL, url)
    return Store(url)


def add_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/add.py").run()
    assert not at.exception, at.exception
    return at


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def plain(markdown: str) -> str:
    """Escaped Markdown back to the text it shows."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u200b", "")  # the invisible breaks in addresses too


def uploader(at: AppTest):
    return at.get("file_uploader")[0]


def test_upload_preview_save(store):
    at = add_page()
    uploader(at).set_value([("japan.txt", GOOD.encode(), "text/plain"), ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "text/plain")])
    at.run()
    click(at, "add_preview")
    assert store.count() == len(SEED)  # a preview stores nothing
    stories = at.dataframe[0].value
    assert list(stories.columns) == ["story", "title", "date", "outlet", "partners", "figures"]
    assert "Japanese experts" in stories["title"].iloc[0] and "China" in stories["partners"].iloc[0]
    figures = at.dataframe[1].value
    assert {"figure", "kind", "metric", "partner", "quote"} <= set(figures.columns) and "$2.7T" in set(figures["figure"])
    assert "photo.txt: refused: not UTF-8 (byte 0)" in plain(at.error[0].value)
    click(at, "add_save")
    assert len(at.success) == 1 and plain(at.success[0].value).startswith("added: japan.txt (Japanese experts")
    assert "refused: photo.txt: not UTF-8" in plain(at.error[0].value)
    assert store.count() == len(SEED) + 1
    assert not at.dataframe  # the batch is gone


def test_paste_with_details_then_again_is_already_stored(store):
    at = add_page()
    at.text_area(key="add_text").input(GOOD).run()
    at.text_input(key="add_title").input("Japan *and* Pakistan $x^2$ <b>pact</b>").run()
    at.text_input(key="add_url").input("https://example.org/japan").run()
    click(at, "add_preview")
    assert at.dataframe[0].value["title"].iloc[0] == "Japan *and* Pakistan $x^2$ <b>pact</b>"
    click(at, "add_save")
    line = at.success[0].value
    assert plain(line).startswith("added: pasted text (") and "Japan *and* Pakistan $x^2$ <b>pact</b>" in plain(line)
    assert "\\*and\\*" in line and "\\$x" in line and "\\<b\\>" in line  # escaped, shown as typed
    (added,) = [a for a in store.articles() if a.added_how == "paste"]
    assert (added.title, added.url) == ("Japan *and* Pakistan $x^2$ <b>pact</b>", "https://example.org/japan")
    assert at.text_area(key="add_text").value == ""

    at.text_area(key="add_text").input(GOOD + "  \n").run()
    click(at, "add_preview")
    click(at, "add_save")
    assert plain(at.info[0].value).startswith("already stored: pasted text (Japan")
    assert store.count() == len(SEED) + 1


def test_a_bad_url_refuses_the_batch_and_cancel_stores_nothing(store):
    at = add_page()
    at.text_area(key="add_text").input(GOOD).run()
    at.text_input(key="add_url").input("javascript:alert(1)").run()
    click(at, "add_preview")
    assert "http:// or https://" in plain(at.error[0].value)
    assert not [b for b in at.button if b.key == "add_save" and not b.disabled]
    at.text_input(key="add_url").input("").run()
    click(at, "add_preview")
    click(at, "add_cancel")
    assert not at.dataframe and store.count() == len(SEED)


def test_preview_with_nothing_says_what_to_do(store):
    at = click(add_page(), "add_preview")
    assert "upload a file or paste an article first" in plain(at.error[0].value)


def test_a_new_article_shows_on_sources_and_can_be_removed_with_confirmation(store):
    at = add_page()
    at.text_area(key="add_text").input(GOOD).run()
    click(at, "add_preview")
    click(at, "add_save")
    added = next(a for a in store.articles() if a.added_how == "paste")
    at.switch_page("pages/sources.py").run()
    story = f"{added.source}#0"
    at.selectbox(key="story").set_value(story).run()
    assert "Japanese experts" in at.markdown[-1].value
    click(at, f"remove_{added.id}")
    assert "Remove “paste-" in plain(at.warning[0].value) and store.count() == len(SEED) + 1
    click(at, "remove_no")
    assert not at.warning and store.count() == len(SEED) + 1
    click(at, f"remove_{added.id}")
    click(at, "remove_yes")
    assert store.count() == len(SEED) and store.get(added.id) is None
    assert "Removed" in at.success[0].value
    assert story not in at.selectbox(key="story").options


def test_a_store_that_cannot_be_opened_says_what_to_do(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv(ENV_URL, f"sqlite:///{tmp_path}/a-file/s.db")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert "python \\-m dashboard db upgrade" in at.error[0].value


def test_an_article_added_elsewhere_shows_in_an_open_session_at_its_next_rerun(store):
    from dashboard.store import NewArticle

    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/sources.py").run()
    before = set(at.selectbox(key="story").options)
    store.open().add(NewArticle(text=GOOD, name="from-the-cli.txt", how="cli"))  # another process, say the CLI
    at.run()
    assert not at.exception
    (new,) = set(at.selectbox(key="story").options) - before
    assert "Japanese experts" in new
