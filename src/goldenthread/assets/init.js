// Start GOV.UK Frontend's components (character counts, error summaries, and so on).
import { initAll } from "./govuk-frontend.min.js";
initAll();
