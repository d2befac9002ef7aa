"""Build the static site into _site/ (`make site`): dashboard.ipynb, run by the visitor's browser.

voici turns the notebook into a JupyterLite page whose kernel is Pyodide; this script gives it a
Pyodide of checked files (pyodide_dist.py) with the app inside as a wheel, and mends what voici-core
0.9 leaves wrong (site/README.md; shared TECH_NOTES.md, "A static site").
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyodide_dist

REPOSITORY = pyodide_dist.SITE.parent
# The notebook's folder as the browser sees it: the notebook and the plot's script (lib.ui.plot).
CONTENTS = ("dashboard.ipynb", "static/plotly-basic-4.1.1.min.js", "static/plotly.js-LICENSE")
KERNEL_SETTINGS = "@jupyterlite/pyodide-kernel-extension:kernel"


def app_version() -> str:
    """lib/version.py's APP_VERSION, read as text (the build's Python cannot import lib)."""
    text = (REPOSITORY / "lib" / "version.py").read_text(encoding="utf-8")
    return re.search(r'APP_VERSION = "([^"]+)"', text).group(1)


def lite_settings() -> dict:
    """jupyter-lite.json: every package from the site's own lock, none from PyPI at run time.

    Pyodide loads the kernel's packages and the app's at start-up, all at once, which the kernel
    would otherwise install one by one (about 2.5 s) and the first cell's import of lib after it.
    """
    preload = [*pyodide_dist.KERNEL_PACKAGES, pyodide_dist.APP_PACKAGE]
    kernel = {"disablePyPIFallback": True, "loadPyodideOptions": {"packages": preload}}
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {"litePluginSettings": {KERNEL_SETTINGS: kernel}},
    }


def prepare(cache: Path) -> tuple[Path, Path, list[str]]:
    """The lite folder (settings and static/pyodide) and the contents folder voici reads."""
    lite, contents = cache / "lite", cache / "contents"
    for folder in (lite, contents):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    packages = pyodide_dist.assemble(cache, lite / "static" / "pyodide", REPOSITORY, app_version())
    (lite / "jupyter-lite.json").write_text(json.dumps(lite_settings(), indent=2), encoding="utf-8")
    for name in CONTENTS:
        (contents / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPOSITORY / name, contents / name)
    return lite, contents, packages


def run_voici(lite: Path, contents: Path, output: Path) -> None:
    # The app's Voila template (share/jupyter/voila/templates/pd) is found on JUPYTER_PATH.
    environment = dict(os.environ, JUPYTER_PATH=str(REPOSITORY / "share" / "jupyter"))
    voici = Path(sys.executable).with_name("voici")
    command = [str(voici), "build", "--lite-dir", str(lite), "--contents", str(contents)]
    command += ["--output-dir", str(output), "--template", "pd", "--no-sourcemaps"]
    subprocess.run(command, check=True, cwd=lite, env=environment)


CONFIG_DATA = re.compile(
    r'(<script id="jupyter-config-data" type="application/json">)(.*?)(</script>)', re.S
)


def _from_page(address: str, to_root: str) -> str:
    """A "./" address (relative to the site's root) made relative to a page `to_root` below it."""
    return f"{to_root}/{address.removeprefix('./')}" if address.startswith("./") else address


def point_pages_at_root(output: Path) -> list[Path]:
    """voici-core 0.9 copies the kernel's "./static/pyodide/..." and "./extensions/..." addresses
    from jupyter-lite.json into each page unchanged, and the kernel resolves them against the
    page's own address (voici/render/...: 404). Make them relative to the page instead, so the
    site works from any folder of any host."""
    pages = sorted((output / "voici").rglob("*.html"))
    for page in pages:
        to_root = Path(os.path.relpath(output, page.parent)).as_posix()

        def rebase(match, to_root=to_root):
            config = json.loads(match.group(2))
            kernel = config["litePluginSettings"][KERNEL_SETTINGS]
            kernel["pyodideUrl"] = _from_page(kernel["pyodideUrl"], to_root)
            kernel["pipliteUrls"] = [_from_page(url, to_root) for url in kernel["pipliteUrls"]]
            return match.group(1) + json.dumps(config) + match.group(3)

        text, count = CONFIG_DATA.subn(rebase, page.read_text(encoding="utf-8"))
        if count:  # voici/index.html only redirects to the tree
            page.write_text(text, encoding="utf-8")
    if not (output / "voici" / "render" / "dashboard.html").exists():
        raise RuntimeError("voici made no voici/render/dashboard.html")
    return pages


LESSONS_PLACEHOLDER = '<script type="application/json" id="pd-lessons">{}</script>'


def embed_lessons(output: Path) -> int:
    """Each lesson's title and text in the app's page, for its wait (the pd template's
    wait.macro.html.j2: a `?lesson=` link shows its lesson before the kernel is ready), read by
    lib.teaching.lessons, the one reader, in the site's own Pyodide (lessons_in_pyodide.mjs)."""
    script = pyodide_dist.SITE / "lessons_in_pyodide.mjs"
    printed = subprocess.run(
        ["node", script, output], check=True, capture_output=True, text=True
    ).stdout
    lessons = json.loads(printed.strip().splitlines()[-1])
    page = output / "voici" / "render" / "dashboard.html"
    text = page.read_text(encoding="utf-8")
    if text.count(LESSONS_PLACEHOLDER) != 1:
        raise RuntimeError(f"{page} has no single place for the lessons (the pd template's wait)")
    # In a <script>, "</" could end the element: JSON allows it escaped.
    data = json.dumps(lessons, ensure_ascii=False).replace("</", "<\\/")
    embedded = LESSONS_PLACEHOLDER.replace("{}", data)
    page.write_text(text.replace(LESSONS_PLACEHOLDER, embedded), encoding="utf-8")
    return len(lessons)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=REPOSITORY / "_site")
    parser.add_argument("--cache", type=Path, default=REPOSITORY / ".site-cache")
    arguments = parser.parse_args()
    lite, contents, packages = prepare(arguments.cache.resolve())
    output = arguments.output.resolve()
    shutil.rmtree(output, ignore_errors=True)
    run_voici(lite, contents, output)
    point_pages_at_root(output)
    lessons = embed_lessons(output)
    print(f"site: {output} with {len(packages)} Python packages: {', '.join(packages)}")
    print(f"site: {lessons} lessons in the page's wait")


if __name__ == "__main__":
    main()
