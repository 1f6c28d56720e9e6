"""Helpers for the browser journeys: axe-core in the page, and moving by keyboard."""

import json
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
AXE_SOURCE = REPO_DIR / "node_modules" / "axe-core" / "axe.min.js"
# The rules we hold every page to: WCAG 2.2 A and AA, and axe's best practices.
AXE_RULESETS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page, rulesets=AXE_RULESETS):
    """Run axe-core in the page and return its violations.

    axe is evaluated as a script rather than added as a <script> tag: our Content
    Security Policy refuses inline scripts, and page.evaluate is not subject to it.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    return page.evaluate(
        "async (rulesets) => (await axe.run(document, {runOnly: {type: 'tag', values: rulesets}})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,"
        " nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary}))}))",
        list(rulesets),
    )


def describe_violations(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:200]}")
            lines.append("      " + (node["summary"] or "").replace("\n", "\n      "))
    return "\n".join(lines)


def tab_to(page, selector, *, presses=60):
    """Press Tab until the element matching selector has the focus, as a keyboard user would."""
    target = page.locator(selector)
    for _ in range(presses):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tabbing {presses} times never reached {selector}")
