// The lessons' titles and texts, read by the app's own strict reader (lib.teaching.lessons) inside
// the site's Pyodide (Node), from the app's wheel as the site ships it; printed as JSON
// {name: {title, text}} for build.py, which writes it into the page so that a lesson's link shows
// its lesson while the browser kernel starts (share/jupyter/voila/templates/pd/wait.macro.html.j2).
// node site/lessons_in_pyodide.mjs <site folder>
import path from "node:path";
import { createRequire } from "node:module";

const [site] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { loadPyodide } = require(path.resolve(site, "static/pyodide/pyodide.js"));
const pyodide = await loadPyodide({
  indexURL: path.resolve(site, "static/pyodide") + "/",
  packages: ["pump-dashboard"],
});
console.log(await pyodide.runPythonAsync(`
import json
from lib.teaching.lessons import read_lessons

lessons, refused = read_lessons()  # as the page: the refused ones are said there, with their line
json.dumps({lesson.name: {"title": lesson.title, "text": lesson.text} for lesson in lessons})
`));
