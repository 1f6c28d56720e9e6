// Build the static assets into build/static: our stylesheet compiled from GOV.UK Frontend's
// Sass (without the GDS Transport font or crown), and the scripts the pages load.
// Nothing built here is committed; `make` runs this at set-up.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const out = join(root, "build", "static");
const ours = join(root, "src", "goldenthread", "assets");

mkdirSync(join(out, "goldenthread"), { recursive: true });

const css = sass.compile(join(ours, "goldenthread.scss"), {
  loadPaths: [modules],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin"],
});
writeFileSync(join(out, "goldenthread", "goldenthread.css"), css.css);

const govuk = join(modules, "govuk-frontend", "dist", "govuk");
cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "goldenthread", "govuk-frontend.min.js"));
// Images only: the fonts folder holds GDS Transport, which is for GOV.UK services alone.
cpSync(join(govuk, "assets", "images"), join(out, "govuk", "assets", "images"), { recursive: true });
cpSync(join(govuk, "assets", "manifest.json"), join(out, "govuk", "assets", "manifest.json"));
cpSync(join(modules, "htmx.org", "dist", "htmx.min.js"), join(out, "goldenthread", "htmx.min.js"));
cpSync(join(ours, "init.js"), join(out, "goldenthread", "init.js"));
cpSync(join(ours, "favicon.svg"), join(out, "goldenthread", "favicon.svg"));
console.log("Built the static assets in build/static");
