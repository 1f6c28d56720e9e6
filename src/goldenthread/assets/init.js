// Start GOV.UK Frontend's components (character counts, error summaries, and so on).
import { initAll } from "./govuk-frontend.min.js";
initAll();

// The one responsive table ({% gt_table %}): its region takes the keyboard's focus only
// while the table is wider than the screen, so there is something to scroll.
const tableRegions = document.querySelectorAll(".gt-table-scroll");
const focusOnlyWhereItScrolls = () => {
  for (const region of tableRegions) {
    if (region.scrollWidth > region.clientWidth) region.setAttribute("tabindex", "0");
    else region.removeAttribute("tabindex");
  }
};
focusOnlyWhereItScrolls();
window.addEventListener("resize", focusOnlyWhereItScrolls);
